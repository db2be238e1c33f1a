package vn.motcua.dossier.messaging;

import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * What the dossier's outward senders (notices to the applicant, the national portal sync) share: draining due work
 * batch after batch, and exponential backoff between attempts.
 */
public final class Retries {
    /** One batch of due work; returns how many items it took. */
    public interface Batch {
        int run() throws Exception;
    }

    private Retries() {
    }

    /**
     * Runs batches until one is not full. A failure (the database is away, say) leaves the work due, and the next
     * scheduled run goes on.
     */
    public static void drain(Batch batch, int batchSize, Logger log, String what) {
        try {
            int n;
            do {
                n = batch.run();
            } while (n == batchSize);
        } catch (Exception e) {
            log.warnf("%s: %s", what, e.toString());
        }
    }

    /** {@code first}, twice that, four times, ... after each failed attempt (1, 2, 3, ...), up to {@code max}. */
    public static Duration backoff(Duration first, Duration max, int attempt) {
        Duration d = first.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 20));
        return d.compareTo(max) > 0 ? max : d;
    }
}
