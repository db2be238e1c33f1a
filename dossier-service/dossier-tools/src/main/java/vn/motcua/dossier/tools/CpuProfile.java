package vn.motcua.dossier.tools;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where the CPU went while the bench measured, so that the next step is chosen from data: the machine's processes
 * (the local run's services, PostgreSQL, the broker, this client, the rest) from /proc, and dossier-service's own
 * time by the code it was in, from a JFR recording taken through {@code jcmd} (execution samples: each sample's
 * innermost frame, and every family anywhere on its stack).
 */
final class CpuProfile {
    /** Code families, by the start of a class name: the first that matches names the frame. */
    private static final Map<String, String> FAMILIES = families();

    private CpuProfile() {
    }

    private static Map<String, String> families() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("vn.motcua.", "motcua");
        f.put("org.hibernate.", "Hibernate");
        f.put("io.quarkus.oidc.", "OIDC");
        f.put("org.jose4j.", "JWT (jose4j)");
        f.put("io.smallrye.jwt.", "JWT (jose4j)");
        f.put("sun.security.", "JDK security (signatures)");
        f.put("java.math.", "JDK BigInteger");
        f.put("io.vertx.", "Vert.x");
        f.put("io.netty.", "Netty");
        f.put("io.smallrye.mutiny.", "Mutiny");
        f.put("org.jboss.resteasy.", "RESTEasy Reactive");
        f.put("com.fasterxml.jackson.", "Jackson");
        f.put("io.opentelemetry.", "OpenTelemetry");
        f.put("io.micrometer.", "Micrometer");
        f.put("org.apache.kafka.", "Kafka client");
        f.put("io.quarkus.", "Quarkus");
        f.put("io.smallrye.", "SmallRye");
        f.put("org.postgresql.", "PostgreSQL JDBC");
        f.put("java.", "JDK");
        f.put("javax.", "JDK");
        f.put("jdk.", "JDK");
        f.put("sun.", "JDK");
        return f;
    }

    static String family(String className) {
        for (Map.Entry<String, String> e : FAMILIES.entrySet()) {
            if (className.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        int second = className.indexOf('.', className.indexOf('.') + 1);
        return second < 0 ? className : className.substring(0, second);
    }

    /** Shares of samples by family: where the innermost frame was, and where any frame was. */
    record Summary(int samples, Map<String, Integer> innermost, Map<String, Integer> anywhere) {
        List<String> lines(int top) {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "dossier-service CPU by code (JFR, %d samples):", samples));
            out.add("  innermost frame   " + shares(innermost, top));
            out.add("  anywhere on stack " + shares(anywhere, top));
            return out;
        }

        private String shares(Map<String, Integer> counts, int top) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey())).limit(top)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100.0 * e.getValue() / samples))
                    .collect(Collectors.joining(", "));
        }
    }

    /** Each sample is its stack's class names, innermost first. */
    static Summary summarize(List<List<String>> stacks) {
        Map<String, Integer> innermost = new TreeMap<>();
        Map<String, Integer> anywhere = new TreeMap<>();
        int samples = 0;
        for (List<String> stack : stacks) {
            if (stack.isEmpty()) {
                continue;
            }
            samples++;
            innermost.merge(family(stack.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            stack.forEach(c -> seen.add(family(c)));
            seen.forEach(f -> anywhere.merge(f, 1, Integer::sum));
        }
        return new Summary(samples, innermost, anywhere);
    }

    // ------------------------------------------------------------------ the recording

    /** A JFR recording of one local process, started through jcmd; empty when jcmd cannot reach it. */
    static final class Recording {
        private final long pid;
        private final Path file;
        private final String name = "motcua-bench-" + ProcessHandle.current().pid();

        private Recording(long pid, Path file) {
            this.pid = pid;
            this.file = file;
        }

        static java.util.Optional<Recording> start(long pid) {
            try {
                Path file = Files.createTempFile("motcua-bench-", ".jfr");
                Recording r = new Recording(pid, file);
                return jcmd(pid, "JFR.start", "name=" + r.name, "settings=profile") ? java.util.Optional.of(r)
                        : java.util.Optional.empty();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }

        /** Stops the recording and reads its execution samples (stacks up to 64 frames deep). */
        java.util.Optional<Summary> stop() {
            try {
                if (!jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file)) {
                    return java.util.Optional.empty();
                }
                List<List<String>> stacks = new ArrayList<>();
                for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                    if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                        List<String> classes = new ArrayList<>();
                        for (RecordedFrame f : e.getStackTrace().getFrames()) {
                            if (f.isJavaFrame() && f.getMethod() != null && f.getMethod().getType() != null) {
                                classes.add(f.getMethod().getType().getName());
                            }
                        }
                        stacks.add(classes);
                    }
                }
                return java.util.Optional.of(summarize(stacks));
            } catch (IOException e) {
                System.err.println("cannot read the JFR recording " + file + ": " + e.getMessage());
                return java.util.Optional.empty();
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }

        private static boolean jcmd(long pid, String... command) {
            List<String> args = new ArrayList<>();
            args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
            args.add(Long.toString(pid));
            args.addAll(List.of(command));
            try {
                Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    System.err.println("jcmd " + String.join(" ", command) + ": " + out.strip());
                    return false;
                }
                return true;
            } catch (IOException e) {
                System.err.println("jcmd not available: " + e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    // ------------------------------------------------------------------ the machine's processes

    /** CPU clock ticks (utime + stime) of every process readable in /proc, by the group it belongs to. */
    static Map<String, Long> ticksByGroup(Map<Long, String> services) {
        Map<String, Long> ticks = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (var pids = Files.list(Path.of("/proc"))) {
            for (Path p : pids.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    ticks.merge(group(pid, comm, services, self, p), used, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    private static String group(long pid, String comm, Map<Long, String> services, long self, Path proc)
            throws IOException {
        if (services.containsKey(pid)) {
            return services.get(pid);
        }
        if (pid == self) {
            return "this bench client";
        }
        if (comm.equals("postgres")) {
            return "PostgreSQL";
        }
        if (comm.equals("java")) {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            if (cmdline.contains("KafkaBrokerMain")) {
                return "Kafka broker";
            }
            if (cmdline.contains("vn.motcua.local.LocalRun")) {
                return "local run's stand-ins"; // the portal, SMS and mail stand-ins and the token issuer
            }
        }
        return "the rest";
    }

    /** The CPU each group used between two readings, as seconds and a share of all of it. */
    static List<String> machineLines(Map<String, Long> before, Map<String, Long> after, double wallSeconds) {
        long hz = 100; // USER_HZ: 100 on every Linux this runs on
        Map<String, Long> used = new TreeMap<>();
        after.forEach((group, t) -> used.put(group, Math.max(0, t - before.getOrDefault(group, 0L))));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        List<String> out = new ArrayList<>();
        if (total == 0) {
            return out;
        }
        out.add(String.format(Locale.ROOT, "machine CPU while measuring: %.1f s in %.1f s (%.1f cores busy):",
                total / (double) hz, wallSeconds, total / (double) hz / wallSeconds));
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.add(String.format(Locale.ROOT, "  %-22s %6.1f s  %5.1f%%", e.getKey(),
                        e.getValue() / (double) hz, 100.0 * e.getValue() / total)));
        return out;
    }
}
