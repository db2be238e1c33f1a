package vn.motcua.satisfaction.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.motcua.support.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.satisfaction.app.Complaints;
import vn.motcua.satisfaction.store.ComplaintBallotEntity;
import vn.motcua.satisfaction.store.ComplaintEntity;
import vn.motcua.support.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Complaints raised with ratings: the unit's list, and the answer that closes one. */
@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Complaints")
public class ComplaintResource {
    public enum State { OPEN, OVERDUE, RESOLVED }

    private final Complaints complaints;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public ComplaintResource(Complaints complaints, CurrentCaller currentCaller, Clock clock) {
        this.complaints = complaints;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.ANALYST})
    @Operation(summary = "A unit's complaints, oldest deadline first; OVERDUE = open past its deadline")
    public Uni<Views.Page<Views.ComplaintView>> list(@QueryParam("unit") @NotNull @jakarta.validation.constraints.Pattern(regexp = vn.motcua.catalog.events.CatalogLimits.CODE, message = "must be a code such as 000.00.20.H40 (mã không hợp lệ)") String unit,
                                                    @QueryParam("state") State state,
                                                    @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        currentCaller.get().requireRead(unit, "unit");
        StringBuilder q = new StringBuilder("unitCode = :unit");
        Map<String, Object> params = new HashMap<>(Map.of("unit", unit));
        if (state == State.RESOLVED) {
            q.append(" and resolvedAt is not null");
        } else if (state == State.OPEN) {
            q.append(" and resolvedAt is null");
        } else if (state == State.OVERDUE) {
            q.append(" and resolvedAt is null and dueAt < :now");
            params.put("now", clock.instant());
        }
        return Panache.withSession(() -> {
            var query = ComplaintEntity.<ComplaintEntity>find(q + " order by dueAt, id", params);
            return query.page(Page.of(page, size)).list().chain(rows -> query.count()
                    .map(total -> new Views.Page<>(rows.stream().map(this::view).toList(), page, size, total)));
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.ANALYST})
    @Operation(summary = "A complaint")
    public Uni<Views.ComplaintView> get(@PathParam("id") UUID id) {
        Caller caller = currentCaller.get();
        return Panache.withSession(() -> ComplaintEntity.<ComplaintEntity>findById(id).map(c -> {
            if (c == null || !caller.mayRead(c.unitCode)) {
                throw ProblemException.notFound("Complaint", id.toString(), "Phản ánh");
            }
            return c;
        }).chain(c -> ComplaintBallotEntity.count("complaintId", c.id).map(n -> view(c, n))));
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER})
    @Operation(summary = "Answer a complaint (once); classified early, on time or late against its deadline",
            description = "resolvedAt (optional) is when the answer was given: not in the future (a few minutes of "
                    + "clock skew allowed), not before the complaint's opening, at most 24 h (configurable) before now. "
                    + "It is stored beside the instant the service records the answer; timeliness uses it only when "
                    + "it falls on the date of the recording, else the recorded instant (timelinessBasis).")
    public Uni<Views.ComplaintView> resolve(@PathParam("id") UUID id, @Valid @NotNull Requests.Resolution r) {
        Caller caller = currentCaller.get();
        return complaints.resolve(id, r.resolution(), r.resolvedAt(), caller.name(), c -> {
            if (!caller.mayRead(c.unitCode)) {
                throw ProblemException.notFound("Complaint", id.toString(), "Phản ánh");
            }
            caller.requireActFor(c.unitCode, "id");
        }).map(this::view);
    }

    Views.ComplaintView view(ComplaintEntity c) {
        return view(c, null);
    }

    Views.ComplaintView view(ComplaintEntity c, Long ballots) {
        Instant now = clock.instant();
        String state = c.resolvedAt != null ? State.RESOLVED.name()
                : now.isAfter(c.dueAt) ? State.OVERDUE.name() : State.OPEN.name();
        return new Views.ComplaintView(c.id, c.ratingId, c.dossierCode, c.unitCode, c.channel, c.text, c.openedAt,
                c.dueAt, c.dueDate, c.calendarDataMissing, state, c.resolvedAt, c.resolution, c.resolvedBy,
                c.timeliness, c.timeliness == null ? null : !"LATE".equals(c.timeliness), c.resolutionRecordedAt,
                c.timelinessBasis, ballots);
    }
}
