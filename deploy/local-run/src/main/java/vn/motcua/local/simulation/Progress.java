package vn.motcua.local.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the simulation is, printed every few seconds: the phase, its items done of how many, the events sent; and
 * when it must stop (cancelled, interrupted, or past its time limit). Also keeps the first refusals as examples.
 */
final class Progress {
    private final Duration timeLimit;
    private final long started = System.nanoTime();
    private volatile boolean cancelled;
    private volatile String phase = "starting";
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long phaseStarted = System.nanoTime();
    private final AtomicLong events = new AtomicLong();
    private final List<String> examples = new ArrayList<>();

    Progress(Duration timeLimit) {
        this.timeLimit = timeLimit;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** A new phase of {@code size} items (0: not counted). */
    void begin(String name, long size) {
        phase = name;
        total = size;
        done.set(0);
        phaseStarted = System.nanoTime();
    }

    void finished() {
        phase = "done";
    }

    void done(long n) {
        done.addAndGet(n);
    }

    void doneSoFar(long n) {
        done.set(n);
    }

    void remaining(long n) {
        total = n;
    }

    void sent(long n) {
        events.addAndGet(n);
    }

    double phaseSeconds() {
        return seconds(phaseStarted);
    }

    double totalSeconds() {
        return seconds(started);
    }

    void report() {
        long n = done.get();
        long t = total;
        double s = seconds(phaseStarted);
        String eta = n > 0 && t > n ? String.format(Locale.ROOT, ", ETA %.0f s", (t - n) * s / n) : "";
        if (phase.startsWith("waiting for reporting")) {
            say(String.format(Locale.ROOT, "simulate [%s] %,d events still to project", phase, t));
        } else if (!phase.equals("done")) {
            say(String.format(Locale.ROOT, "simulate [%s] %,d/%,d, %,d events, %.0f/s%s, %.0f s elapsed", phase, n,
                    t, events.get(), s > 0 ? n / s : 0, eta, seconds(started)));
        }
    }

    boolean stopping() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            return true;
        }
        if (System.nanoTime() - started > timeLimit.toNanos()) {
            if (!cancelled) {
                cancelled = true;
                say("simulation stops: it reached its time limit of " + timeLimit.toMinutes() + " minutes");
            }
            return true;
        }
        return false;
    }

    void example(String text) {
        synchronized (examples) {
            if (examples.size() < 20) {
                examples.add(text.length() > 300 ? text.substring(0, 300) + "…" : text);
            }
        }
    }

    List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }

    static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static long sum(Map<String, AtomicLong> counts) {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void say(String line) {
        System.out.println("motcua: " + line);
        System.out.flush();
    }
}
