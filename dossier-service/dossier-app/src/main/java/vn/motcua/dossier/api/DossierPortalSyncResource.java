package vn.motcua.dossier.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.support.security.CurrentCaller;
import vn.motcua.dossier.app.PortalSyncQueries;

import java.sql.SQLException;

/** A dossier's sync to the national portal, for whoever may see the dossier. */
@Path("/api/v1/dossiers/{ref}/portal-sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "National portal sync")
@Blocking
public class DossierPortalSyncResource {
    private final PortalSyncQueries queries;
    private final CurrentCaller currentCaller;

    public DossierPortalSyncResource(PortalSyncQueries queries, CurrentCaller currentCaller) {
        this.queries = queries;
        this.currentCaller = currentCaller;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Operation(summary = "The dossier's sync to the national portal (by id or code): state, version sent, last "
            + "attempt, the portal's error")
    public PortalSyncResource.SyncView one(@PathParam("ref") String ref) throws SQLException {
        return PortalSyncResource.SyncView.of(queries.state(currentCaller.get(), ref));
    }
}
