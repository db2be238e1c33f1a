package vn.motcua.reporting;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A CPU profile of this JVM over one phase of a benchmark (JFR's "profile" settings, in-process), summarised the way
 * the README reports profiles: the execution samples by thread, by the package of the top frame, and by the
 * innermost motcua frame, plus the time the collector paused the application. It shows where the next step should
 * go without attaching anything by hand.
 */
final class JfrProfile implements AutoCloseable {
    private final Recording recording;

    private JfrProfile(Recording recording) {
        this.recording = recording;
    }

    static JfrProfile start() throws IOException, ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        // every compilation, not only the long ones: the compiler's threads are part of the JVM's CPU
        r.enable("jdk.Compilation").withThreshold(java.time.Duration.ZERO);
        r.enable("jdk.Deoptimization").withStackTrace();
        // where threads wait: in native code (a socket's read, the poller) sampled, parks and monitors timed
        r.enable("jdk.ThreadPark").withThreshold(java.time.Duration.ofMillis(1)).withStackTrace();
        r.enable("jdk.JavaMonitorEnter").withThreshold(java.time.Duration.ofMillis(1)).withStackTrace();
        r.start();
        return new JfrProfile(r);
    }

    /** Stops the recording and prints its summary through {@code out} (a figure's name and text). */
    void report(String phase, BiConsumer<String, String> out) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("motcua-bench-", ".jfr");
        try {
            recording.dump(file);
            Map<String, Integer> threads = new HashMap<>();
            Map<String, Integer> packages = new HashMap<>();
            Map<String, Integer> motcua = new HashMap<>();
            Map<String, Double> compiled = new HashMap<>();
            Map<String, Integer> deoptimized = new HashMap<>();
            int samples = 0;
            int compilations = 0;
            int deoptimizations = 0;
            double compileMs = 0;
            double gcPauseMs = 0;
            Map<String, double[]> collections = new java.util.TreeMap<>();
            // what the collector has to clear: sampled allocations by weight (bytes the sample stands for: what its
            // thread allocated since its sample before, so by thread and by class, not by site)
            Map<String, Long> allocatedBy = new HashMap<>();
            Map<String, Long> allocatedClass = new HashMap<>();
            long allocated = 0;
            // where a rebuild's threads wait, by innermost motcua frame: native samples (a socket's read, the poller)
            // and parks (their durations)
            Map<String, Integer> nativeSamples = new HashMap<>();
            Map<String, Double> parkedMs = new HashMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.GCPhasePause")) {
                    gcPauseMs += e.getDuration().toNanos() / 1e6;
                    continue;
                }
                if (type.equals("jdk.GarbageCollection")) {
                    double[] c = collections.computeIfAbsent(e.getString("name"), k -> new double[2]);
                    c[0]++;
                    c[1] += e.getDuration().toNanos() / 1e6;
                    continue;
                }
                if (type.equals("jdk.Compilation")) {
                    double ms = e.getDuration().toNanos() / 1e6;
                    compilations++;
                    compileMs += ms;
                    jdk.jfr.consumer.RecordedMethod m = e.getValue("method");
                    if (m != null) {
                        compiled.merge(m.getType().getName() + "." + m.getName() + " (tier "
                                + e.getValue("compileLevel") + ")", ms, Double::sum);
                    }
                    continue;
                }
                if (type.equals("jdk.Deoptimization")) {
                    deoptimizations++;
                    jdk.jfr.consumer.RecordedMethod m = e.getValue("method");
                    deoptimized.merge((m == null ? "?" : m.getType().getName() + "." + m.getName()) + " "
                            + e.getValue("reason"), 1, Integer::sum);
                    continue;
                }
                if (type.equals("jdk.NativeMethodSample")) {
                    if (!threadName(e.getThread("sampledThread")).startsWith("rebuild-")) {
                        continue;
                    }
                    nativeSamples.merge(threadName(e.getThread("sampledThread")) + " in "
                            + innermostMotcua(e.getStackTrace()), 1, Integer::sum);
                    continue;
                }
                if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) {
                    if (!threadName(e.getThread("eventThread")).startsWith("rebuild-")) {
                        continue;
                    }
                    parkedMs.merge(threadName(e.getThread("eventThread")) + " in " + innermostMotcua(e.getStackTrace()),
                            e.getDuration().toNanos() / 1e6, Double::sum);
                    continue;
                }
                if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = e.getLong("weight");
                    allocated += weight;
                    jdk.jfr.consumer.RecordedClass cls = e.getClass("objectClass");
                    allocatedClass.merge(cls == null ? "?" : cls.getName(), weight, Long::sum);
                    jdk.jfr.consumer.RecordedThread t = e.getThread("eventThread");
                    allocatedBy.merge(t == null || t.getJavaName() == null ? "?"
                            : t.getJavaName().replaceAll("-\\d+$", "-N"), weight, Long::sum);
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
                packages.merge(packageOf(stack.getFrames().get(0)), 1, Integer::sum);
                motcua.merge(innermostMotcua(stack), 1, Integer::sum);
            }
            out.accept("profile " + phase, "%,d execution samples; collector pauses %.0f ms (%s)".formatted(samples,
                    gcPauseMs, String.join(", ", collections.entrySet().stream().map(c -> "%s %.0f x %.0f ms"
                            .formatted(c.getKey(), c.getValue()[0], c.getValue()[1])).toList())));
            out.accept("profile " + phase + " compiler", "%,d compilations, %.1f s; %,d deoptimizations".formatted(
                    compilations, compileMs / 1000, deoptimizations));
            Map<String, Integer> compiledMs = new HashMap<>();
            compiled.forEach((k, v) -> compiledMs.put(k, (int) Math.round(v)));
            out.accept("profile " + phase + " compiled longest (ms)", topCounts(compiledMs, 6));
            out.accept("profile " + phase + " deoptimized most", topCounts(deoptimized, 6));
            out.accept("profile " + phase + " threads", top(threads, samples, 5));
            out.accept("profile " + phase + " top frame", top(packages, samples, 12));
            out.accept("profile " + phase + " motcua frame", top(motcua, samples, 12));
            out.accept("profile " + phase + " waiting in native code (samples)", topCounts(nativeSamples, 8));
            Map<String, Integer> parked = new HashMap<>();
            parkedMs.forEach((k, v) -> parked.put(k, (int) Math.round(v)));
            out.accept("profile " + phase + " parked (ms)", topCounts(parked, 8));
            out.accept("profile " + phase + " allocated", "%,.1f GiB sampled".formatted(allocated / 1073741824.0));
            out.accept("profile " + phase + " allocated by thread", topBytes(allocatedBy, allocated, 6));
            out.accept("profile " + phase + " allocated by class", topBytes(allocatedClass, allocated, 10));
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    private static String threadName(jdk.jfr.consumer.RecordedThread t) {
        return t == null || t.getJavaName() == null ? "?" : t.getJavaName().replaceAll("-\\d+$", "-N");
    }

    private static String innermostMotcua(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String cls = f.getMethod().getType().getName();
                if (cls.startsWith("vn.motcua.")) {
                    return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                }
            }
        }
        return "(no motcua frame)";
    }

    private static String topBytes(Map<String, Long> bytes, long total, int n) {
        return String.join(" | ", bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> "%.1f%% %s".formatted(100.0 * e.getValue() / Math.max(1, total), e.getKey())).toList());
    }

    private static String packageOf(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? cls : cls.substring(0, dot);
    }

    private static String topCounts(Map<String, Integer> counts, int n) {
        return String.join(" | ", counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, sorted.size()); i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append("%.1f%% %s".formatted(100.0 * sorted.get(i).getValue() / Math.max(1, total),
                    sorted.get(i).getKey()));
        }
        return s.toString();
    }
}
