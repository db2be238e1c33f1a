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
        return dossiers(new String[] {dossierCode});
    }

    /**
     * Every one of these dossiers' locks, in the order given: callers that take several sort them first, so two of
     * them never wait for each other.
     */
    public static Uni<Void> dossiers(String[] dossierCodes) {
        // on the session's connection, not as a Hibernate native query: see SessionConnection
        return SessionConnection.select("select count(pg_advisory_xact_lock(hashtextextended('rating:' || code, "
                + vn.motcua.support.AdvisoryLock.SATISFACTION_DOSSIER_SEED.id() + "))) from unnest($1::text[]) code",
                (Object) dossierCodes).replaceWithVoid();
    }
}
