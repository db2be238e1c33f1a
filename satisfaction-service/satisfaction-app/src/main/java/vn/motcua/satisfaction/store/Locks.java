package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serializes every decision about one dossier's ratings (a submission, the returned event, the pending sweep) with
 * a transaction-scoped advisory lock on the dossier code: whoever comes second sees what the first committed.
 */
public final class Locks {
    private Locks() {
    }

    /** Call inside a transaction; the lock is released when it ends. */
    public static Uni<Void> dossier(String dossierCode) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select 1 from pg_advisory_xact_lock(hashtextextended(:k, " + vn.motcua.support.AdvisoryLock.SATISFACTION_DOSSIER_SEED.id() + "))", Integer.class)
                .setParameter("k", "rating:" + dossierCode).getSingleResult()).replaceWithVoid();
    }
}
