package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.motcua.support.ProblemException;

import java.util.concurrent.ThreadLocalRandom;

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

    static <T> Uni<T> retrying(Uni<T> work, int retries) {
        return attempt(work, 0, retries);
    }

    private static <T> Uni<T> attempt(Uni<T> work, int done, int retries) {
        return work.onFailure(ConflictRetries::isConflict).recoverWithUni(e -> done >= retries
                ? Uni.createFrom().failure(e)
                : pause(done).chain(() -> attempt(work, done + 1, retries)));
    }

    static boolean isConflict(Throwable e) {
        return e instanceof ProblemException p && "version-conflict".equals(p.code());
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
