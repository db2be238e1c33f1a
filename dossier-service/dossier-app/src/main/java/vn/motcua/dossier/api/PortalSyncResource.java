package vn.motcua.dossier.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.support.security.CurrentCaller;
import vn.motcua.dossier.app.PortalSyncQueries;
import vn.motcua.dossier.store.PortalSyncStore;
import vn.motcua.support.ProblemException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admin's side of the national portal sync: the dossiers whose sync failed, and sending one again. */
@Path("/api/v1/admin/portal-sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "National portal sync")
@Blocking
public class PortalSyncResource {
    private final PortalSyncQueries queries;
    private final CurrentCaller currentCaller;

    @Schema(description = "A dossier's sync to the national public-service portal (đồng bộ Cổng Dịch vụ công quốc gia). "
            + "state: PENDING (a change waits to be sent), SYNCED (the portal holds the current copy), RETRYING (the "
            + "portal was unreachable; tried again at nextAttemptAt), REFUSED (the portal refused the copy of "
            + "refusedVersion with lastErrorCode/lastError; later changes wait until an admin resends it). "
            + "versionSent: the last version of the dossier's stream the portal accepted; latestChange: the last "
            + "version that changed the dossier.")
    public record SyncView(UUID dossierId, String dossierCode, String competentUnit, String state, int versionSent,
                           Integer statusSent, int latestChange, int attempts, Instant lastAttemptAt,
                           Instant nextAttemptAt, String lastErrorCode, String lastError, Integer refusedVersion,
                           Instant refusedAt) {
        static SyncView of(PortalSyncStore.Row r) {
            return new SyncView(r.dossierId(), r.dossierCode(), r.competentUnit(), r.state(), r.versionSent(),
                    r.statusSent(), r.headVersion(), r.attempts(), r.lastAttemptAt(),
                    "SYNCED".equals(r.state()) || "REFUSED".equals(r.state()) ? null : r.nextAttemptAt(),
                    r.lastErrorCode(), r.lastError(), r.refusedVersion(), r.refusedAt());
        }
    }

    @Schema(description = "A page of dossiers whose sync failed: refused first, then those waiting for a retry")
    public record FailurePage(int page, int size, long total, List<SyncView> items) {
    }

    public PortalSyncResource(PortalSyncQueries queries, CurrentCaller currentCaller) {
        this.queries = queries;
        this.currentCaller = currentCaller;
    }

    @GET
    @Path("/failures")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Dossiers the national portal refused (their later changes wait) and those waiting for a retry")
    public FailurePage failures(@QueryParam("page") @DefaultValue("0") String pageText,
                                @QueryParam("size") @DefaultValue("50") String sizeText) throws SQLException {
        int page = number(pageText, "page", 0, 1_000_000);
        int size = number(sizeText, "size", 1, 500);
        PortalSyncStore.Page p = queries.failures(page, size);
        return new FailurePage(page, size, p.total(), p.rows().stream().map(SyncView::of).toList());
    }

    @POST
    @Path("/{ref}/resend")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Send a refused dossier (by id or code) to the national portal again now, from the change it "
            + "refused (after the data or the portal was fixed); also retries a waiting one at once")
    public SyncView resend(@PathParam("ref") String ref) throws SQLException {
        return SyncView.of(queries.resend(currentCaller.get(), ref));
    }

    /** Parsed here: a number JAX-RS cannot convert would be a 404, which tells a careless client nothing. */
    private static int number(String text, String field, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min || n > max) {
            throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max,
                    "phải là số nguyên từ " + min + " đến " + max);
        }
        return n;
    }
}
