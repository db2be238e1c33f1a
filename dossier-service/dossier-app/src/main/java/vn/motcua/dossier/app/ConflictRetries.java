package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.motcua.support.DatabaseErrors;
import vn.motcua.support.ProblemException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A command that lost its append to another writer is decided again on the newer stream, after a short random
 * pause: writers that collided once do not collide again in lockstep, and a burst of receipts (the national portal's
 * acceptances, the notices) gets through before the command's next try. The pause ends on the Vert.x context the
 * command ran on, where Hibernate Reactive requires the next transaction to start (a Mutiny delay resumes on a
 * worker thread, which it refuses).
 */
final class ConflictRetries {
    /** The first pause is up to this long; each later one up to twice the one before, capped at {@link #MAX_MS}. */
    static final int FIRST_MS = 4;
    static final int MAX_MS = 64;

    private ConflictRetries() {
    }

    /**
     * Decisions again after losing the append. Each loss is another writer's commit, and a writer commits once, so
     * this many lets that many colleagues (or receipts, or the watcher) through at once.
     */
    static final int CONFLICT_RETRIES = 8;
    /** Runs again of a command whose transaction the database rolled back for another one's sake. */
    static final int LOST_TRANSACTION_RETRIES = 3;

    /**
     * A command on an existing dossier. With {@code ifMatch} the caller asked for the version it read: a lost
     * append is its 409; without, the command is decided again on the newer stream. A transaction the database
     * rolled back for another one (a deadlock) runs again either way.
     */
    static <T> Uni<T> command(Uni<T> once, boolean ifMatch) {
        return ifMatch ? retrying(once, LOST_TRANSACTION_RETRIES, ConflictRetries::isLostTransaction)
                : retrying(once, CONFLICT_RETRIES, e -> isConflict(e) || isLostTransaction(e));
    }

    /** A reception: nothing to lose an append to (a new stream), but a deadlock or a lock refused runs it again. */
    static <T> Uni<T> reception(Uni<T> once) {
        return retrying(once, LOST_TRANSACTION_RETRIES, ConflictRetries::isLostTransaction);
    }

    /** Runs {@code work} again, up to {@code retries} times, after each failure {@code retryable} accepts. */
    static <T> Uni<T> retrying(Uni<T> work, int retries, Predicate<Throwable> retryable) {
        return attempt(work, 0, retries, retryable);
    }

    private static <T> Uni<T> attempt(Uni<T> work, int done, int retries, Predicate<Throwable> retryable) {
        return work.onFailure(retryable).recoverWithUni(e -> done >= retries
                ? Uni.createFrom().failure(e)
                : pause(done).chain(() -> attempt(work, done + 1, retries, retryable)));
    }

    /** Another writer appended first: the command may be decided again on the newer stream. */
    static boolean isConflict(Throwable e) {
        return e instanceof ProblemException p && "version-conflict".equals(p.code());
    }

    /**
     * The database chose this command's transaction as the victim of a deadlock (a portal receipt or a notice's
     * receipt locking the same rows the other way round) or a serialization failure: rolled back whole, nothing
     * written, so running it again is what the caller would do with the 409 "retry" it would otherwise get.
     */
    static boolean isLostTransaction(Throwable e) {
        return DatabaseErrors.lostToAnotherTransaction(e);
    }

    /** Up to FIRST_MS * 2^n milliseconds (at least 1), then back on the caller's context. */
    static Uni<Void> pause(int n) {
        long bound = Math.min(MAX_MS, (long) FIRST_MS << Math.min(n, 8));
        long ms = 1 + ThreadLocalRandom.current().nextLong(bound);
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(ms));
        }
        return Uni.createFrom().emitter(em -> context.owner().setTimer(ms,
                id -> context.runOnContext(v -> em.complete(null))));
    }
}
