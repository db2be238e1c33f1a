package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.store.DossierViewEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the read table in step with the store: called in the transaction that appended the events, with the state
 * they fold to, so the row and the stream never disagree. A rebuild writes the same rows from a replay.
 */
@ApplicationScoped
public class ViewProjector {

    public Uni<Void> project(UUID id, DossierState s, int version, String sourceKey, Instant now) {
        return DossierViewEntity.<DossierViewEntity>findById(id).chain(existing -> {
            DossierViewEntity v = existing != null ? existing : new DossierViewEntity();
            v.dossierId = id;
            fill(v, s, version, now);
            if (sourceKey != null) {
                v.sourceKey = sourceKey;
            }
            return existing != null ? Uni.createFrom().voidItem() : v.persist().replaceWithVoid();
        });
    }

    /**
     * The row for the command's own write (an upsert in the statement that appends the events, see
     * DossierStore.Write): not loaded, not managed.
     */
    public DossierViewEntity row(UUID id, DossierState s, int version, String sourceKey, Instant now) {
        DossierViewEntity v = new DossierViewEntity();
        v.dossierId = id;
        fill(v, s, version, now);
        v.sourceKey = sourceKey;
        return v;
    }

    static void fill(DossierViewEntity v, DossierState s, int version, Instant now) {
        v.dossierCode = s.dossierCode();
        v.procedureCode = s.procedure() == null ? null : s.procedure().code();
        v.procedureName = s.procedure() == null ? null : s.procedure().nameVi();
        v.receivingUnit = s.receivingUnit();
        v.competentUnit = s.competentUnit() != null ? s.competentUnit() : s.receivingUnit();
        v.currentUnit = s.currentUnit();
        v.channel = s.channel() == null ? null : s.channel().name();
        v.status = s.status().name();
        v.applicantName = s.applicant() == null ? null : s.applicant().fullName();
        v.receivedAt = s.receivedAt();
        v.dueAt = s.currentDue().at();
        v.dueDate = s.currentDue().date();
        v.dueOfRecordAt = s.dueOfRecord().at();
        v.dueAtReception = s.dueAtReception().at();
        v.clockRunning = s.status().clockRunning();
        v.open = s.status().open();
        v.overdue = s.overdue();
        v.apologized = s.apologized();
        v.completedAt = s.completedAt();
        v.returnedAt = s.returnedAt();
        v.lookupSecretHash = s.lookupSecretHash();
        v.lastVersion = version;
        v.updatedAt = now;
    }
}
