package vn.motcua.reporting.api;

import vn.motcua.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.reporting.projection.ProjectionLag;
import vn.motcua.reporting.projection.Projections;
import vn.motcua.support.ProblemException;

import java.util.Map;

/** Operations on the projections: lag, rebuild by replay while the live views keep serving. */
@Path("/api/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projections", description = "Projection lag and rebuilds")
public class ProjectionResource {
    private final Projections projections;
    private final ProjectionLag lag;

    public ProjectionResource(Projections projections, ProjectionLag lag) {
        this.projections = projections;
        this.lag = lag;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.ANALYST})
    @Operation(summary = "Each projection with its lag (events published but not yet in its views)")
    public Map<String, Long> lag() {
        return lag.lag();
    }

    @POST
    @Path("/{name}/rebuild")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Rebuild a projection (catalog, dossiers, satisfaction) from the start of its topics; the "
            + "current views keep serving until the rebuilt ones are swapped in")
    public Response rebuild(@PathParam("name") String name) {
        require(name);
        if (!projections.rebuild(name)) {
            throw ProblemException.conflict("name", "a rebuild of " + name + " is already running",
                    "đang dựng lại " + name);
        }
        return Response.accepted(projections.status(name).orElseThrow()).build();
    }

    @GET
    @Path("/{name}/rebuild")
    @RolesAllowed({Caller.ADMIN, Caller.ANALYST})
    @Operation(summary = "The last rebuild of a projection")
    public Projections.RebuildStatus rebuildStatus(@PathParam("name") String name) {
        require(name);
        return projections.status(name).orElseThrow(() -> ProblemException.notFound("rebuild", name, "lần dựng lại"));
    }

    private void require(String name) {
        if (projections.byName(name).isEmpty()) {
            throw ProblemException.notFound("projection", name, "projection");
        }
    }
}
