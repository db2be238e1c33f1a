package vn.motcua.satisfaction.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.satisfaction.app.CriteriaSets;
import vn.motcua.satisfaction.domain.CriteriaSet;
import vn.motcua.support.ProblemException;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Criteria sets: public to read (a kiosk or form shows them), versions published by an admin. */
@Path("/api/v1/criteria-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Criteria sets")
public class CriteriaSetResource {
    private final CriteriaSets sets;
    private final Clock clock;

    public CriteriaSetResource(CriteriaSets sets, Clock clock) {
        this.sets = sets;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @vn.motcua.support.PublicRateLimit
    @Operation(summary = "Every version of every criteria set")
    public Uni<List<Views.CriteriaSetView>> all() {
        return Panache.withSession(sets::all).map(all -> all.stream().map(Views.CriteriaSetView::of).toList());
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "The versions of one criteria set")
    public Uni<List<Views.CriteriaSetView>> versions(@PathParam("code") String code) {
        return Panache.withSession(() -> sets.versions(code)).map(v -> {
            if (v.isEmpty()) {
                throw ProblemException.notFound("Criteria set", code, "Bộ tiêu chí");
            }
            return v.stream().map(Views.CriteriaSetView::of).toList();
        });
    }

    @POST
    @Path("/{code}/versions")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Publish the next version of a criteria set (or the first of a new one)",
            description = "Earlier versions never change: ratings keep the version they were given against.")
    public Uni<Response> publish(@PathParam("code") String code, @Valid @NotNull Requests.CriteriaSetVersion r) {
        if (!code.matches(Requests.CODE)) {
            throw ProblemException.invalid("code", "must be upper-case letters, digits, - or _",
                    "chỉ gồm chữ in hoa, chữ số, - hoặc _");
        }
        List<CriteriaSet.Criterion> criteria = r.criteria().stream()
                .map(c -> new CriteriaSet.Criterion(c.code(), c.name(), c.nameVi())).toList();
        return Panache.withTransaction(() -> sets.publish(code, r.nameVi(), r.name(), r.unitTypes(), r.effectiveFrom(),
                        criteria, clock.instant()))
                .map(s -> Response.created(URI.create("/api/v1/criteria-sets/" + s.code()))
                        .entity(Views.CriteriaSetView.of(s)).build());
    }
}
