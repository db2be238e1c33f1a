package vn.motcua.dossier.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives complete lifecycles (receive -> record result -> return) through the running service with several
 * concurrent clients, then measures the same PostgreSQL's rate of single-row insert transactions with as many
 * connections, and prints both: each command is one transaction, so commands/s over inserts/s shows how close the
 * service gets to the database's limit.
 */
final class Benchmark {
    private static final String UNIT = "000.00.20.H40";
    private static final String PROCEDURE = "2.000200";

    private final DossierTools.Options options;
    private final ObjectMapper json = new ObjectMapper();

    Benchmark(DossierTools.Options options) {
        this.options = options;
    }

    void run() throws Exception {
        int lifecycles = options.getInt("lifecycles", 3000);
        int concurrency = options.getInt("concurrency", 8);
        int warmup = options.getInt("warmup", 300);
        DossierTools.Api api = new DossierTools.Api(options.url(), options.token());

        int rssTargetMb = options.getInt("rss-target-mb", 300);
        // the peak then covers this bench's load, not the service's start or an earlier run
        boolean peakReset = localServices().stream().allMatch(s -> resetPeak(s.pid()));
        System.out.printf("warming up: %d lifecycles%n", warmup);
        drive(api, warmup, concurrency);
        System.out.printf("measuring: %d lifecycles, %d concurrent clients, against %s%n", lifecycles, concurrency,
                options.url());
        java.util.Optional<java.time.Duration> cpuBefore = dossierServiceCpu();
        long[] ticksBefore = dossierServiceTicks();
        Map<Long, String> services = new java.util.HashMap<>();
        localServices().forEach(s -> services.put(s.pid(), s.name()));
        Map<String, Long> machineBefore = CpuProfile.ticksByGroup(services);
        double[] groupsBefore = receptionGroups(api);
        Run service = drive(api, lifecycles, concurrency);
        double[] groupsAfter = receptionGroups(api);
        java.util.Optional<java.time.Duration> cpuAfter = dossierServiceCpu();
        long[] ticksAfter = dossierServiceTicks();
        Map<String, Long> machineAfter = CpuProfile.ticksByGroup(services);
        // read before the profiled lifecycles below: JFR's own buffers would count as the service's memory
        List<String> memory = residentMemory(rssTargetMb, peakReset);

        String jdbc = options.get("jdbc", "jdbc:postgresql://127.0.0.1:15432/motcua");
        int inserts = service.latencies.length;
        System.out.printf("measuring PostgreSQL single-row inserts: %d transactions, %d connections, %s%n", inserts,
                concurrency, jdbc);
        Run database = inserts(jdbc, options.get("jdbc-user", "postgres"), options.get("jdbc-password", ""), inserts,
                concurrency);

        Percentiles commands = new Percentiles(service.latencies);
        Percentiles rows = new Percentiles(database.latencies);
        double lifecyclesPerSecond = lifecycles / service.seconds;
        double commandsPerSecond = commands.count() / service.seconds;
        double insertsPerSecond = rows.count() / database.seconds;
        System.out.println();
        System.out.println("==================== dossier-service benchmark ====================");
        System.out.printf(Locale.ROOT, "complete lifecycles (receive, result, return): %,d in %.1f s%n", lifecycles,
                service.seconds);
        System.out.printf(Locale.ROOT, "lifecycles per second            %10.1f%n", lifecyclesPerSecond);
        System.out.printf(Locale.ROOT, "commands per second              %10.1f   (each one transaction)%n",
                commandsPerSecond);
        System.out.printf(Locale.ROOT, "command latency p50 / p99        %7.1f ms / %.1f ms%n",
                commands.at(50) / 1e6, commands.at(99) / 1e6);
        // which command makes the tail: the reception does most (catalog rows, the code counter, the receipt)
        StringBuilder kinds = new StringBuilder();
        String[] names = {"receive", "result", "return"};
        for (int k = 0; k < 3; k++) {
            long[] one = ofCommand(service.bySlot, k);
            if (one.length > 0) {
                Percentiles p = new Percentiles(one);
                kinds.append(String.format(Locale.ROOT, "%s%s %.1f / %.1f / %.1f", kinds.isEmpty() ? "" : ", ",
                        names[k], p.at(50) / 1e6, p.at(90) / 1e6, p.at(99) / 1e6));
            }
        }
        System.out.printf(Locale.ROOT, "by command p50 / p90 / p99 (ms)  %s%n", kinds);
        System.out.printf(Locale.ROOT, "PostgreSQL single-row inserts/s  %10.1f   (autocommit, %d connections)%n",
                insertsPerSecond, concurrency);
        System.out.printf(Locale.ROOT, "insert latency p50 / p99         %7.1f ms / %.1f ms%n",
                rows.at(50) / 1e6, rows.at(99) / 1e6);
        System.out.printf(Locale.ROOT, "commands/s : inserts/s           %10.4f   (%.1f%% of the database's single-row commit rate)%n",
                commandsPerSecond / insertsPerSecond, 100 * commandsPerSecond / insertsPerSecond);
        System.out.printf("failed commands                  %10d%n", service.failures);
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            // steadier than throughput on a shared machine: what a command costs, whoever else uses the cores
            double cpuMs = cpuAfter.get().minus(cpuBefore.get()).toNanos() / 1e6;
            System.out.printf(Locale.ROOT, "dossier-service CPU per command  %7.1f ms   (%.0f%% of one core while measuring)%n",
                    cpuMs / commands.count(), 100 * cpuMs / 1e3 / service.seconds);
        } else {
            System.out.println("dossier-service CPU per command  not reported (no local dossier-service found)");
        }
        if (ticksBefore[1] > 0 && ticksAfter[1] > ticksBefore[1]) {
            // a JVM that has not finished compiling spends this in its compiler threads, not in the commands
            System.out.printf(Locale.ROOT, "  of which JIT compiler threads  %7.0f%%   (high: warm up longer before comparing)%n",
                    100.0 * (ticksAfter[0] - ticksBefore[0]) / (ticksAfter[1] - ticksBefore[1]));
        }
        if (groupsBefore != null && groupsAfter != null && groupsAfter[0] > groupsBefore[0]) {
            // receptions of one unit that waited for its code counter went in together
            double transactions = groupsAfter[0] - groupsBefore[0];
            double receptions = groupsAfter[1] - groupsBefore[1];
            System.out.printf(Locale.ROOT, "reception transactions           %,10.0f   for %,.0f receptions (%.2f each; "
                    + "largest group of the last minutes %.0f)%n", transactions, receptions, receptions / transactions,
                    groupsAfter[2]);
        }
        System.out.println(delay(api, "motcua_outbox_ack_delay_seconds", "outbox commit -> broker ack"));
        // the projection of the dossier events (the relay's commit instant to reporting's committed views)
        System.out.println(delay(new DossierTools.Api(options.get("reporting-url", "http://127.0.0.1:8084"),
                        options.token()), "motcua_projection_visible_delay_seconds\\{projection=\"dossiers\",",
                "commit -> in reporting's figures"));
        memory.forEach(System.out::println);
        CpuProfile.machineLines(machineBefore, machineAfter, service.seconds).forEach(System.out::println);
        profile(api, Math.max(200, lifecycles / 3), concurrency);
    }

    /**
     * dossier-service's CPU by code, from a JFR recording over a further run of lifecycles after the measured one (a
     * recording costs the service memory and some CPU, so it stays out of the figures above). Only with --profile
     * true: JFR's buffers stay in the service after the recording (about 30 MB), so a later bench on the same JVM
     * would read them as the service's memory.
     */
    private void profile(DossierTools.Api api, int lifecycles, int concurrency) throws Exception {
        if (!Boolean.parseBoolean(options.get("profile", "false"))) {
            return;
        }
        java.util.Optional<CpuProfile.Recording> recording = localServices().stream()
                .filter(s -> s.name().equals("dossier-service")).findFirst()
                .flatMap(s -> CpuProfile.Recording.start(s.pid()));
        if (recording.isEmpty()) {
            System.out.println("dossier-service CPU by code        not reported (no local dossier-service, or jcmd failed)");
            return;
        }
        drive(api, lifecycles, concurrency);
        recording.get().stop().ifPresent(p -> {
            System.out.printf("(a further %d lifecycles, recorded by JFR)%n", lifecycles);
            p.lines(10).forEach(System.out::println);
        });
    }

    /**
     * A delay's p50 / p99 over the last two minutes (micrometer's window), as a service's metrics endpoint reports
     * it: the relay's from an event's outbox row to the broker's acknowledgement, reporting's from that commit to
     * its live views. {@code metric} is a regular expression for the line's start, up to its labels.
     */
    private static String delay(DossierTools.Api api, String metric, String label) {
        String name = String.format(Locale.ROOT, "%-33s", label);
        try {
            HttpResponse<String> r = api.get("/q/metrics");
            java.util.Map<String, Double> quantiles = new java.util.HashMap<>();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?m)^" + (metric.contains("{") ? metric : metric + "\\{")
                            + "[^}]*quantile=\"([0-9.]+)\"[^}]*} (\\S+)$")
                    .matcher(r.body());
            while (m.find()) {
                quantiles.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            if (!quantiles.containsKey("0.99")) {
                return name + " not reported (HTTP " + r.statusCode() + ")";
            }
            return String.format(Locale.ROOT, "%s p50 / p99 %5.1f ms / %.1f ms", label,
                    quantiles.getOrDefault("0.5", Double.NaN) * 1e3, quantiles.get("0.99") * 1e3);
        } catch (Exception e) {
            return name + " not reported (" + e.getMessage() + ")";
        }
    }

    /**
     * dossier-service's reception groups so far ({@code motcua_reception_group_size}): transactions, the receptions
     * they held, the largest group of micrometer's window; null when not reported. A line may end with an
     * exemplar ({@code # {trace_id=...} ...}) when tracing is on.
     */
    private static double[] receptionGroups(DossierTools.Api api) {
        try {
            HttpResponse<String> r = api.get("/q/metrics");
            double[] out = {Double.NaN, Double.NaN, 0};
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?m)^motcua_reception_group_size_(count|sum|max)(?:\\{[^}]*})? (\\S+)(?: #.*)?$")
                    .matcher(r.body());
            while (m.find()) {
                out["count".equals(m.group(1)) ? 0 : "sum".equals(m.group(1)) ? 1 : 2] = Double.parseDouble(m.group(2));
            }
            return Double.isNaN(out[0]) || Double.isNaN(out[1]) ? null : out;
        } catch (Exception e) {
            return null;
        }
    }

    /** A service the local run started: a quarkus-run.jar process working in this checkout. */
    private record LocalService(String name, long pid) {
    }

    /** The local run's services (other checkouts' services on the same machine are left out). */
    private static List<LocalService> localServices() {
        List<LocalService> found = new ArrayList<>();
        java.nio.file.Path proc = java.nio.file.Path.of("/proc");
        if (!java.nio.file.Files.isDirectory(proc)) {
            return found;
        }
        java.util.regex.Pattern jar = java.util.regex.Pattern
                .compile("([\\w-]+-service)/(?:[\\w-]+/)?target/quarkus-app/quarkus-run\\.jar");
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        try (var pids = java.nio.file.Files.list(proc)) {
            for (java.nio.file.Path pid : pids.filter(p -> p.getFileName().toString().matches("\\d+")).sorted().toList()) {
                try {
                    java.util.regex.Matcher m = jar.matcher(new String(java.nio.file.Files.readAllBytes(
                            pid.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' '));
                    if (m.find() && java.nio.file.Files.readSymbolicLink(pid.resolve("cwd")).equals(here)) {
                        found.add(new LocalService(m.group(1), Long.parseLong(pid.getFileName().toString())));
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while being read, or is not ours to read
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("cannot list processes: " + e.getMessage());
        }
        return found;
    }

    /**
     * Resident memory of each of the local run's services: now (VmRSS) and the peak (VmHWM, the kernel's high-water
     * mark), each against the target.
     */
    private static List<String> residentMemory(int targetMb, boolean peakReset) {
        List<String> lines = new ArrayList<>();
        for (LocalService service : localServices()) {
            try {
                long rssKb = -1;
                long peakKb = -1;
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + service.pid()
                        + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rssKb = Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (line.startsWith("VmHWM:")) {
                        peakKb = Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
                if (rssKb >= 0) {
                    lines.add(memoryLine(service.name(), service.pid(), rssKb, peakKb, targetMb, peakReset));
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // the process ended while being read
            }
        }
        return lines;
    }

    /** One service's line: resident now, its peak, and whether the peak is within the target. */
    static String memoryLine(String service, long pid, long rssKb, long peakKb, int targetMb, boolean peakReset) {
        long peakMb = Math.max(rssKb, peakKb) / 1024;
        return String.format(Locale.ROOT, "resident memory %-22s %6d MB   peak %4d MB %s   target %d MB: %s   (pid %d)",
                service, rssKb / 1024, peakMb, peakReset ? "(this bench)" : "(since start)", targetMb,
                peakMb <= targetMb ? "within" : "OVER by " + (peakMb - targetMb) + " MB", pid);
    }

    /**
     * Resets a process's resident high-water mark (writing 5 to /proc/PID/clear_refs); false when this tool may not
     * (another user's process, or a kernel without it), and the peak then counts from the process's start.
     */
    private static boolean resetPeak(long pid) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (java.io.IOException | RuntimeException notAllowed) {
            return false;
        }
    }

    /** CPU time dossier-service has used so far, or empty when it is not a local process this tool can see. */
    private static java.util.Optional<java.time.Duration> dossierServiceCpu() {
        return localServices().stream().filter(s -> s.name().equals("dossier-service")).findFirst()
                .flatMap(s -> ProcessHandle.of(s.pid())).flatMap(h -> h.info().totalCpuDuration());
    }

    /**
     * dossier-service's CPU clock ticks so far: {JIT compiler threads, all threads}, from /proc; {0, 0} when not found.
     * Compiler threads that ended are missing from both counts.
     */
    private static long[] dossierServiceTicks() {
        java.util.Optional<LocalService> service = localServices().stream()
                .filter(s -> s.name().equals("dossier-service")).findFirst();
        long[] ticks = new long[2];
        if (service.isEmpty()) {
            return ticks;
        }
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(service.get().pid()), "task");
        try (var threads = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : threads.toList()) {
                try {
                    String name = java.nio.file.Files.readString(t.resolve("comm")).strip();
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    // after "pid (name) ": state is the 1st field, utime the 12th, stime the 13th
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    ticks[1] += used;
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks[0] += used;
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return new long[2];
        }
        return ticks;
    }

    /** {@code bySlot}: each lifecycle's three commands at 3i, 3i + 1, 3i + 2 (0 where one failed); empty for inserts. */
    private record Run(long[] latencies, double seconds, int failures, long[] bySlot) {
    }

    /** The latencies of one of a lifecycle's three commands (0 receive, 1 result, 2 return). */
    private static long[] ofCommand(long[] bySlot, int command) {
        return java.util.stream.IntStream.range(0, bySlot.length).filter(i -> i % 3 == command)
                .mapToLong(i -> bySlot[i]).filter(l -> l > 0).toArray();
    }

    private Run drive(DossierTools.Api api, int lifecycles, int concurrency) throws Exception {
        long[] latencies = new long[lifecycles * 3];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < lifecycles) {
                    try {
                        lifecycle(api, latencies, i * 3);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 5) {
                            System.err.println("lifecycle failed: " + e.getMessage());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Run(java.util.Arrays.stream(latencies).filter(l -> l > 0).toArray(), seconds, failures.get(),
                latencies);
    }

    private void lifecycle(DossierTools.Api api, long[] latencies, int slot) throws Exception {
        String receive = """
                {"procedureCode":"%s","receivingUnit":"%s","competentUnit":"%s","channel":"COUNTER",
                 "applicant":{"fullName":"Nguyễn Văn Bình","personalId":"040%09d","phone":"0912345678"},
                 "documents":["Tờ khai thông tin căn cước"]}"""
                .formatted(PROCEDURE, UNIT, UNIT, ThreadLocalRandom.current().nextInt(1_000_000_000));
        JsonNode receipt = json.readTree(timed(api, "/api/v1/dossiers", receive, 201, latencies, slot));
        String id = receipt.path("id").asText();
        timed(api, "/api/v1/dossiers/" + id + "/result",
                "{\"outcome\":\"GRANTED\",\"resultDocumentRef\":\"CCCD-" + id.substring(0, 8) + "\"}", 200,
                latencies, slot + 1);
        timed(api, "/api/v1/dossiers/" + id + "/return", "{\"channel\":\"COUNTER\"}", 200, latencies, slot + 2);
    }

    private static String timed(DossierTools.Api api, String path, String body, int expected, long[] latencies,
                                int slot) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = api.post(path, body);
        long elapsed = System.nanoTime() - t0;
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        latencies[slot] = elapsed;
        return r.body();
    }

    /** Single-row insert transactions into a throwaway table of the same database, with {@code connections} clients. */
    private static Run inserts(String url, String user, String password, int total, int connections) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create schema if not exists motcua_bench");
            s.execute("drop table if exists motcua_bench.single_row_insert");
            s.execute("create table motcua_bench.single_row_insert (id bigserial primary key, dossier_id uuid not null, "
                    + "payload text not null, created_at timestamptz not null default now())");
        }
        String payload = "{\"type\":\"DossierReceived\",\"data\":{\"pad\":\"" + "x".repeat(600) + "\"}}";
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            workers.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement ps = c.prepareStatement(
                             "insert into motcua_bench.single_row_insert (dossier_id, payload) values (?, ?)")) {
                    c.setAutoCommit(true);
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        long t0 = System.nanoTime();
                        ps.setObject(1, UUID.randomUUID());
                        ps.setString(2, payload);
                        ps.executeUpdate();
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop schema motcua_bench cascade");
        }
        return new Run(latencies, seconds, 0, new long[0]);
    }
}
