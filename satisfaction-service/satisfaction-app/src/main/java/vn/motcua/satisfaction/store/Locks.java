package vn.motcua.satisfaction.store;

import io.smallrye.mutiny.Uni;
import vn.motcua.consumer.SessionConnection;

/**
 * Serializes every decision about one dossier's ratings (a submission, the returned event, the pending sweep) with
 * a transaction-scoped advisory lock on the dossier code: whoever comes second sees what the first committed.
 */
public final class Locks {
    private Locks() {
    }

    /** Call inside a transaction; the lock is released when it ends. */
    public static Uni<Void> dossier(String dossierCode) {
        // on the session's connection, not as a Hibernate native query: see SessionConnection
        return SessionConnection.select("select 1 from pg_advisory_xact_lock(hashtextextended($1, "
                + vn.motcua.support.AdvisoryLock.SATISFACTION_DOSSIER_SEED.id() + "))", "rating:" + dossierCode)
                .replaceWithVoid();
    }
}
