package vn.motcua.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.local.simulation.MonthGenerator.PlannedDossier;
import vn.motcua.local.simulation.MonthGenerator.PlannedRating;
import vn.motcua.local.simulation.MonthGenerator.Story;
import vn.motcua.testinfra.TokenSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static vn.motcua.local.simulation.Progress.say;

/**
 * Plays a month at the province against the running services, so the reports and the leaders' dashboard have
 * something true to show: the month's past dossiers through dossier-service's bulk import (with their original
 * instants, decided by the same rules), a few dossiers received live now, then the ratings of returned dossiers and
 * a few complaints through satisfaction-service. Only public REST APIs are used. Runs in the background after the
 * system is up, prints its progress every few seconds, stops by itself within {@link #TIME_LIMIT}, and stops at
 * once when the run is stopped.
 */
public final class Simulator {
    public static final int DEFAULT_DOSSIERS = 3000;
    public static final long DEFAULT_SEED = 1;
    static final Duration TIME_LIMIT = Duration.ofMinutes(30);
    static final int BATCH = 100;
    static final int IMPORTS_IN_FLIGHT = 2;
    static final int RATINGS_IN_FLIGHT = 3;
    static final String PROVINCE = "000.00.00.H40";
    private static final ZoneId VIETNAM = vn.motcua.duedate.WorkingCalendar.VIETNAM;
    private static final String CATALOG = "http://127.0.0.1:8081";
    private static final String DOSSIERS = "http://127.0.0.1:8082";
    private static final String SATISFACTION = "http://127.0.0.1:8083";
    private static final String REPORTING = "http://127.0.0.1:8084";

    /** What {@code --simulate[=N]} and {@code --simulate-seed=S} asked for. */
    public record Options(int dossiers, long seed) {
        public static final String USAGE = "usage: run-local.sh [--simulate[=DOSSIERS]] [--simulate-seed=SEED]";

        /** The options on the command line; null when no simulation is asked for. Unknown arguments are refused. */
        public static Options parse(String[] args) {
            Integer dossiers = null;
            long seed = DEFAULT_SEED;
            for (String a : args) {
                if (a.equals("--simulate")) {
                    dossiers = DEFAULT_DOSSIERS;
                } else if (a.startsWith("--simulate=")) {
                    dossiers = positive(a, a.substring("--simulate=".length()));
                } else if (a.startsWith("--simulate-seed=")) {
                    seed = positive(a, a.substring("--simulate-seed=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            return dossiers == null ? null : new Options(dossiers, seed);
        }

        private static int positive(String arg, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0 && n <= 200_000) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(arg + ": expected a number from 1 to 200000");
        }
    }

    private final Options options;
    private final TokenSource tokens;
    private final Http http = new Http();
    private final String admin;
    private final Map<String, String> officers = new ConcurrentHashMap<>();
    private final Progress progress = new Progress(TIME_LIMIT);
    private Thread thread;

    // results
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong importedEvents = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> rejectedByRule = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> live = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> ratingOutcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> ratingChannels = new ConcurrentHashMap<>();
    private final List<String> liveReturned = new ArrayList<>();
    /** Source ids imported by this run: only these are rated (a re-run rates nothing twice, nor what it skipped). */
    private final java.util.Set<String> importedNow = ConcurrentHashMap.newKeySet();
    private long complaintsAnswered;
    private double importSeconds;
    private double ratingSeconds;

    private Simulator(Options options, TokenSource tokens) {
        this.options = options;
        this.tokens = tokens;
        this.admin = tokens.admin();
    }

    /** Starts the simulation in the background; the local run goes on serving after it ends. */
    public static Simulator start(Options options, TokenSource tokens) {
        Simulator s = new Simulator(options, tokens);
        s.thread = new Thread(s::runSafely, "motcua-simulator");
        s.thread.setDaemon(true);
        s.thread.start();
        return s;
    }

    /** Stops sending at once (the run is being stopped). */
    public void cancel() {
        progress.cancel();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void runSafely() {
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motcua-simulator-progress");
            t.setDaemon(true);
            return t;
        });
        reporter.scheduleAtFixedRate(progress::report, 5, 5, TimeUnit.SECONDS);
        try {
            run();
        } catch (InterruptedException e) {
            say("simulation stopped");
        } catch (Exception e) {
            if (!progress.cancelled()) {
                say("simulation failed: " + e);
            }
        } finally {
            reporter.shutdownNow();
        }
    }

    private void run() throws Exception {
        for (String base : List.of(CATALOG, DOSSIERS, SATISFACTION, REPORTING)) {
            if (!http.get(base + "/q/health/ready", null).ok()) {
                say("simulation skipped: " + base + " is not running or not ready");
                return;
            }
        }
        Instant now = Instant.now();
        say("simulating a month at the province: " + String.format(Locale.ROOT, "%,d", options.dossiers())
                + " dossiers over the 30 days up to now (seed " + options.seed() + "); progress every 5 s");
        progress.begin("catalog", 0);
        CatalogSnapshot catalog = new CatalogReader(http, CATALOG, SATISFACTION).read();
        List<PlannedDossier> plan = new MonthGenerator(catalog, options.seed(), now).generate(options.dossiers());
        String systemToken = tokens.system("cong-dvc-nghe-an", catalog.units().stream()
                .map(CatalogSnapshot.Unit::code).toArray(String[]::new));
        say(describe(plan, catalog));

        importAll(plan);
        receiveLive(plan, systemToken);
        awaitSatisfaction(plan);
        rateAll(plan, systemToken);
        answerComplaints(plan);
        awaitReporting();
        summary(plan, now);
    }

    // ------------------------------------------------------------------ imports

    private void importAll(List<PlannedDossier> plan) throws Exception {
        progress.begin("imports", plan.size());
        ExecutorService pool = pool(IMPORTS_IN_FLIGHT);
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < plan.size(); from += BATCH) {
            List<PlannedDossier> batch = plan.subList(from, Math.min(plan.size(), from + BATCH));
            futures.add(pool.submit(() -> {
                importBatch(batch);
                return null;
            }));
        }
        awaitAll(pool, futures);
        importSeconds = progress.phaseSeconds();
    }

    private void importBatch(List<PlannedDossier> batch) throws IOException, InterruptedException {
        if (progress.stopping()) {
            return;
        }
        ObjectNode body = Http.JSON.createObjectNode().put("sourceSystem", MonthGenerator.SOURCE_SYSTEM);
        ArrayNode dossiers = body.putArray("dossiers");
        batch.forEach(d -> dossiers.add(d.toImport(Http.JSON)));
        Http.Answer a = http.post(DOSSIERS + "/api/v1/imports", admin, body);
        if (!a.ok()) {
            failed.addAndGet(batch.size());
            progress.example("batch of " + batch.size() + " refused: " + a.status() + " " + a.body());
        } else {
            JsonNode report = a.json();
            imported.addAndGet(report.path("imported").asLong());
            skipped.addAndGet(report.path("skipped").asLong());
            progress.sent(report.path("events").asLong());
            importedEvents.addAndGet(report.path("events").asLong());
            java.util.Set<String> refused = new java.util.HashSet<>();
            report.path("rejected").forEach(r -> refused.add(r.path("sourceId").asText()));
            if (report.path("skipped").asLong() == 0) {
                batch.stream().map(PlannedDossier::sourceId).filter(id -> !refused.contains(id))
                        .forEach(importedNow::add);
            }
            for (JsonNode r : report.path("rejected")) {
                rejectedByRule.computeIfAbsent(r.path("rule").asText(), k -> new AtomicLong()).incrementAndGet();
                progress.example(r.path("sourceId").asText() + " " + r.path("rule").asText() + ": " + r.path("detail").asText());
            }
        }
        progress.done(batch.size());
    }

    // ------------------------------------------------------------------ live desk

    /**
     * A few dossiers received now, as a desk and the portal do it: at the counter with an officer token, online with
     * the system token; two refused at reception; the first counter ones taken through to the return. Idempotency
     * keys of the day make a second run the same day replay instead of adding.
     */
    private void receiveLive(List<PlannedDossier> plan, String systemToken) throws Exception {
        List<PlannedDossier> counter = plan.stream().filter(d -> d.channel().equals("COUNTER")).limit(8).toList();
        List<PlannedDossier> online = plan.stream().filter(d -> d.channel().equals("ONLINE")).limit(4).toList();
        progress.begin("live", counter.size() + online.size() + 2);
        String day = LocalDate.now(VIETNAM).toString();
        int i = 0;
        for (PlannedDossier like : counter) {
            if (progress.stopping()) {
                return;
            }
            String key = "sim-" + options.seed() + "-" + day + "-" + (++i);
            String token = officer(like.receivingUnit());
            Http.Answer receipt = command(DOSSIERS + "/api/v1/dossiers", token, reception(like, "COUNTER"), key,
                    "received at the counter");
            if (receipt.ok() && i <= 3) {
                String code = receipt.json().path("code").asText();
                String due = receipt.json().path("due").path("at").asText(null);
                ObjectNode transfer = Http.JSON.createObjectNode().put("toUnit", like.competentUnit())
                        .put("stepName", "Thẩm định hồ sơ");
                if (due != null) {
                    transfer.put("stepDeadline", due);
                }
                String path = DOSSIERS + "/api/v1/dossiers/" + code;
                boolean returned = command(path + "/transfers", token, transfer, key + "-transfer", "commands").ok()
                        && command(path + "/result", token, Http.JSON.createObjectNode().put("outcome", "GRANTED")
                        .put("resultDocumentRef", "KQ-" + code), key + "-result", "commands").ok()
                        && command(path + "/return", token, Http.JSON.createObjectNode().put("channel", "COUNTER"),
                        key + "-return", "commands").ok();
                if (returned) {
                    Progress.count(live, "taken to the return");
                    synchronized (liveReturned) {
                        liveReturned.add(code);
                    }
                }
            }
            progress.done(1);
        }
        for (PlannedDossier like : online) {
            if (progress.stopping()) {
                return;
            }
            String key = "sim-" + options.seed() + "-" + day + "-" + (++i);
            command(DOSSIERS + "/api/v1/dossiers", systemToken, reception(like, "ONLINE"), key, "received online");
            progress.done(1);
        }
        for (PlannedDossier like : counter.subList(0, Math.min(2, counter.size()))) {
            String key = "sim-" + options.seed() + "-" + day + "-" + (++i);
            ObjectNode body = reception(like, "COUNTER");
            body.remove("documents");
            body.remove("digitisedDocuments");
            body.put("reason", "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị; hướng dẫn nộp tại cơ quan khác");
            command(DOSSIERS + "/api/v1/dossiers/refusals", officer(like.receivingUnit()), body, key,
                    "refused at reception");
            progress.done(1);
        }
    }

    private ObjectNode reception(PlannedDossier like, String channel) {
        ObjectNode r = Http.JSON.createObjectNode();
        r.put("procedureCode", like.procedureCode());
        r.put("receivingUnit", like.receivingUnit());
        r.put("competentUnit", like.competentUnit());
        r.put("channel", channel);
        r.putArray("documents").add("Tờ khai").add("Giấy tờ kèm theo");
        r.set("digitisedDocuments", MonthGenerator.PlannedDossier.digitised(Http.JSON, channel, like.code()));
        ObjectNode a = r.putObject("applicant");
        a.put("fullName", like.applicantName());
        a.put("personalId", like.personalId());
        a.put("phone", like.phone());
        return r;
    }

    private Http.Answer command(String url, String token, ObjectNode body, String key, String what)
            throws IOException, InterruptedException {
        Http.Answer a = http.send("POST", url, token, body, Map.of("Idempotency-Key", key));
        progress.sent(1);
        if (a.ok()) {
            Progress.count(live, what);
        } else if (a.rule().equals("idempotency-key-reused")) {
            // an earlier run today sent this key with another planned applicant: that dossier is already there
            Progress.count(live, "already sent today");
        } else {
            Progress.count(live, "refused: " + a.rule());
            progress.example("live " + url.substring(url.indexOf("/api/")) + " -> " + a.status() + " " + a.body());
        }
        return a;
    }

    // ------------------------------------------------------------------ ratings

    /**
     * Ratings count only once satisfaction-service has seen the dossier returned (it keeps early ones waiting):
     * wait until the last returned dossiers imported, and the live ones, show a rating window there.
     */
    private void awaitSatisfaction(List<PlannedDossier> plan) throws InterruptedException, IOException {
        List<String> sample = new ArrayList<>(plan.stream().filter(this::toRate)
                .map(PlannedDossier::code).toList());
        sample = new ArrayList<>(sample.subList(Math.max(0, sample.size() - 8), sample.size()));
        synchronized (liveReturned) {
            sample.addAll(liveReturned);
        }
        progress.begin("waiting for satisfaction-service to see the returns", sample.size());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!progress.stopping() && System.nanoTime() < deadline) {
            long seen = 0;
            for (String code : sample) {
                Http.Answer a = http.get(SATISFACTION + "/api/v1/dossiers/" + code + "/rating-link", admin);
                if (a.ok() && !a.json().path("windowEndsAt").isNull() && !a.json().path("windowEndsAt").isMissingNode()) {
                    seen++;
                }
            }
            progress.doneSoFar(seen);
            if (seen == sample.size()) {
                return;
            }
            Thread.sleep(2000);
        }
        say("satisfaction-service has not seen every sampled return yet; ratings sent now wait there until it does");
    }

    private void rateAll(List<PlannedDossier> plan, String systemToken) throws Exception {
        List<Runnable> work = new ArrayList<>();
        for (PlannedDossier d : plan.stream().filter(this::toRate).toList()) {
            for (PlannedRating r : d.ratings()) {
                work.add(() -> rate(d.code(), d.competentUnit(), r, systemToken));
            }
        }
        synchronized (liveReturned) {
            for (String code : liveReturned) {
                String unit = code.substring(0, code.indexOf('-'));
                work.add(() -> rate(code, unit, new PlannedRating("QR", 5, Map.of(), null, null,
                        "Làm thủ tục nhanh, cán bộ nhiệt tình", false, null, null, null), systemToken));
            }
        }
        progress.begin("ratings", work.size());
        ExecutorService pool = pool(RATINGS_IN_FLIGHT);
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable w : work) {
            futures.add(pool.submit(() -> {
                if (!progress.stopping()) {
                    w.run();
                }
                progress.done(1);
                return null;
            }));
        }
        awaitAll(pool, futures);
        ratingSeconds = progress.phaseSeconds();
    }

    private void rate(String code, String unit, PlannedRating r, String systemToken) {
        try {
            Http.Answer a;
            ObjectNode body = Http.JSON.createObjectNode();
            if (r.overall() != null) {
                body.put("overall", r.overall());
            }
            if (r.answers() != null && !r.answers().isEmpty()) {
                ObjectNode answers = body.putObject("answers");
                r.answers().forEach(answers::put);
            }
            if (r.comment() != null) {
                body.put("comment", r.comment());
            }
            if (r.complaint()) {
                body.put("complaint", true).put("complaintText", r.complaintText());
            }
            if (r.channel().equals("QR")) {
                // the citizen scans the QR code on the receipt: the link, the form, then the rating
                Http.Answer link = http.get(SATISFACTION + "/api/v1/dossiers/" + code + "/rating-link", officer(unit));
                progress.sent(1);
                if (!link.ok()) {
                    Progress.count(ratingOutcomes, "no link: " + link.rule());
                    return;
                }
                String token = link.json().path("token").asText();
                http.get(SATISFACTION + "/api/v1/public/ratings/" + token, null);
                a = http.post(SATISFACTION + "/api/v1/public/ratings/" + token, null, body);
            } else {
                body.put("channel", r.channel()).put("dossierCode", code);
                boolean paper = r.channel().equals("PAPER");
                if (paper) {
                    body.put("ballotNumber", r.ballotNumber()).put("collectedAt", r.collectedAt().toString());
                    if (r.multipleMarked() != null) {
                        ArrayNode marked = body.putArray("multipleMarked");
                        r.multipleMarked().forEach(marked::add);
                    }
                    if (r.invalidReason() != null) {
                        body.put("invalidReason", r.invalidReason());
                    }
                }
                a = http.post(SATISFACTION + "/api/v1/ratings", paper ? officer(unit) : systemToken, body);
            }
            progress.sent(1);
            Progress.count(ratingChannels, r.channel());
            if (a.status() == 201) {
                Progress.count(ratingOutcomes, a.json().path("status").asText("RECORDED").toLowerCase(Locale.ROOT));
            } else if (a.status() == 202) {
                Progress.count(ratingOutcomes, "pending");
            } else if (a.status() == 409) {
                Progress.count(ratingOutcomes, "already there");
            } else {
                Progress.count(ratingOutcomes, "refused: " + a.rule());
                progress.example("rating of " + code + " -> " + a.status() + " " + a.body());
            }
        } catch (IOException e) {
            Progress.count(ratingOutcomes, "failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The units answer some of the complaints their ratings opened (the rest stay open, some past due later). */
    private void answerComplaints(List<PlannedDossier> plan) throws IOException, InterruptedException {
        List<String> units = plan.stream().filter(this::toRate)
                .filter(d -> d.ratings().stream().anyMatch(PlannedRating::complaint))
                .map(PlannedDossier::competentUnit).distinct().sorted().toList();
        progress.begin("complaints", units.size());
        for (String unit : units) {
            if (progress.stopping()) {
                return;
            }
            Http.Answer open = http.get(SATISFACTION + "/api/v1/complaints?unit=" + unit + "&state=OPEN", officer(unit));
            int n = 0;
            for (JsonNode c : open.json().path("items")) {
                if (n++ % 2 == 0) {
                    Http.Answer a = http.post(SATISFACTION + "/api/v1/complaints/" + c.path("id").asText() + "/resolution",
                            officer(unit), Http.JSON.createObjectNode().put("resolution",
                                    "Đơn vị đã làm việc với công dân, giải thích lý do và rút kinh nghiệm"));
                    if (a.ok()) {
                        complaintsAnswered++;
                    }
                }
            }
            progress.done(1);
        }
    }

    // ------------------------------------------------------------------ reporting

    /** The figures are worth printing once reporting-service has projected what was sent (bounded wait). */
    private void awaitReporting() throws InterruptedException, IOException {
        progress.begin("waiting for reporting-service to project the events", 0);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!progress.stopping() && System.nanoTime() < deadline) {
            Http.Answer metrics = http.get(REPORTING + "/q/metrics", null);
            double lag = 0;
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("motcua_projection_lag_events")) {
                    lag += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            progress.remaining((long) lag);
            if (lag == 0) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private void summary(List<PlannedDossier> plan, Instant now) throws IOException, InterruptedException {
        progress.finished();
        StringBuilder out = new StringBuilder("\n==================== the month is played ====================\n");
        line(out, "imported", String.format(Locale.ROOT, "%,d dossiers with %,d events; already there %,d; refused by"
                + " the rules %,d%s%s", imported.get(), importedEvents.get(), skipped.get(), Progress.sum(rejectedByRule),
                rejectedByRule.isEmpty() ? "" : " " + new TreeMap<>(rejectedByRule),
                failed.get() == 0 ? "" : "; not sent or failed " + failed.get()));
        line(out, "live, now", new TreeMap<>(live).toString());
        line(out, "ratings", String.format(Locale.ROOT, "%,d sent %s: %s", Progress.sum(ratingChannels),
                new TreeMap<>(ratingChannels), new TreeMap<>(ratingOutcomes)));
        long complaints = plan.stream().filter(this::toRate).flatMap(d -> d.ratings().stream())
                .filter(PlannedRating::complaint).count();
        line(out, "complaints", complaints + " filed with a rating, " + complaintsAnswered + " answered");
        line(out, "time", String.format(Locale.ROOT, "%.0f s in all (imports %.0f s, %.0f dossiers/s; ratings %.0f s)",
                progress.totalSeconds(), importSeconds, importSeconds > 0 ? plan.size() / importSeconds : 0, ratingSeconds));
        YearMonth month = YearMonth.from(now.atZone(VIETNAM));
        for (YearMonth m : List.of(month.minusMonths(1), month)) {
            Http.Answer a = http.get(REPORTING + "/api/reports/scorecard?unit=" + PROVINCE + "&period=" + m
                    + "&scope=subtree", admin);
            if (!a.ok()) {
                line(out, "scorecard " + m, "not available: " + a.status());
                continue;
            }
            JsonNode c = a.json().path("counts");
            JsonNode f = a.json().path("figures");
            line(out, "province " + m, String.format(Locale.ROOT, "received %,d (online %,d, by post %,d), completed"
                            + " %,d (late %,d), in progress %,d, overdue open %,d, apologized in time %,d of %,d late or"
                            + " overdue, returned %,d, ratings %,d (satisfaction %s%%), invalid ballots %,d",
                    c.path("received").asLong(), c.path("receivedOnline").asLong(), c.path("receivedPostal").asLong(),
                    c.path("completed").asLong(), c.path("late").asLong(), c.path("inProgress").asLong(),
                    c.path("overdueOpen").asLong(), c.path("apologizedInTime").asLong(),
                    c.path("lateOrOverdue").asLong(), c.path("returned").asLong(), c.path("ratings").asLong(),
                    f.path("satisfactionRate").asText("-"), c.path("invalidBallots").asLong()));
        }
        progress.examples().stream().limit(5).forEach(e -> line(out, "example", e));
        out.append("\nLeaders' dashboard: ").append(REPORTING).append("/dashboard?unit=").append(PROVINCE)
                .append("  (this month; add &period=").append(month.minusMonths(1))
                .append(" for the last; sign in as leader.000.00.00.h40)\n");
        out.append("Open dossiers past their due get their Overdue event from dossier-service's watcher within"
                + " seconds.\n");
        System.out.println(out);
    }

    private String describe(List<PlannedDossier> plan, CatalogSnapshot catalog) {
        Map<String, Long> channels = new TreeMap<>();
        Map<Story, Long> stories = new EnumMap<>(Story.class);
        long ratings = 0;
        for (PlannedDossier d : plan) {
            channels.merge(d.channel(), 1L, Long::sum);
            stories.merge(d.story(), 1L, Long::sum);
            ratings += d.ratings().size();
        }
        long units = plan.stream().map(PlannedDossier::competentUnit).distinct().count();
        long procedures = plan.stream().map(PlannedDossier::procedureCode).distinct().count();
        LocalDate first = plan.stream().map(d -> d.receivedAt().atZone(VIETNAM).toLocalDate()).min(LocalDate::compareTo)
                .orElse(null);
        return String.format(Locale.ROOT, "planned %,d dossiers at %d units over %d procedures, received from %s: "
                        + "channels %s; stories %s; %,d ratings", plan.size(), units, procedures, first, channels,
                stories, ratings);
    }

    // ------------------------------------------------------------------ plumbing

    private String officer(String unit) {
        return officers.computeIfAbsent(unit, tokens::officer);
    }

    private ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "motcua-simulator-worker");
            t.setDaemon(true);
            return t;
        });
    }

    private void awaitAll(ExecutorService pool, List<Future<?>> futures) throws Exception {
        try {
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.incrementAndGet();
                    progress.example("request failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean toRate(PlannedDossier d) {
        return !d.ratings().isEmpty() && importedNow.contains(d.sourceId());
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format("%-18s %s%n", label, text));
    }
}
