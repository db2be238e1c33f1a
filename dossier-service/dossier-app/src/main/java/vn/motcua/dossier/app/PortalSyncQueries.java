package vn.motcua.dossier.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.PortalSyncStore;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The national portal sync's questions and the admin's resend, for blocking callers (worker threads): a dossier is
 * found by id or code and shown only to who may see the dossier itself.
 */
@ApplicationScoped
public class PortalSyncQueries {
    private final PortalSyncStore syncs;
    private final DossierStore store;
    private final DossierCommands commands;

    public PortalSyncQueries(PortalSyncStore syncs, DossierStore store, DossierCommands commands) {
        this.syncs = syncs;
        this.store = store;
        this.commands = commands;
    }

    public PortalSyncStore.Row state(Caller caller, String ref) throws SQLException {
        UUID id = visible(caller, ref);
        return syncs.byDossier(id).orElseThrow(() -> notTracked(ref));
    }

    public PortalSyncStore.Page failures(int page, int size) throws SQLException {
        return syncs.failures(page, size);
    }

    /** Sends a refused (or waiting) dossier again now; 409 when there is nothing to resend. */
    public PortalSyncStore.Row resend(Caller caller, String ref) throws SQLException {
        PortalSyncStore.Row row = state(caller, ref);
        if (!syncs.resend(row.dossierId(), commands.clock().instant())) {
            throw new ProblemException(409, "portal-sync-not-failed",
                    "Only a dossier the portal refused, or one waiting for a retry, is sent again",
                    "Chỉ gửi lại hồ sơ bị Cổng Dịch vụ công quốc gia từ chối hoặc đang chờ gửi lại",
                    List.of(new ProblemException.Violation("ref", "is " + row.state().toLowerCase(),
                            "không ở trạng thái đồng bộ lỗi")));
        }
        return syncs.byDossier(row.dossierId()).orElseThrow();
    }

    /** The dossier's id, when it exists and the caller may see it (else 404/403 as for the dossier itself). */
    private UUID visible(Caller caller, String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 80) {
            throw ProblemException.invalid("ref", "must be a dossier id or code", "phải là mã hoặc định danh hồ sơ");
        }
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> commands.resolve(ref)
                    .chain(id -> store.load(id).map(stream -> {
                        if (!stream.exists()) {
                            throw DossierAccess.notFound(ref);
                        }
                        DossierAccess.requireSee(caller, stream.state(), ref);
                        return id;
                    }))));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static ProblemException notTracked(String ref) {
        return new ProblemException(404, "portal-sync-not-found", "The dossier has no sync record yet",
                "Hồ sơ chưa có thông tin đồng bộ", List.of(new ProblemException.Violation("ref",
                "has no sync record", "chưa có thông tin đồng bộ")));
    }
}
