package vn.motcua.catalog.api;

import vn.motcua.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.catalog.app.CatalogQueries;
import vn.motcua.catalog.app.CatalogQueries.PageOf;
import vn.motcua.catalog.app.CatalogQueries.ProcedureOnDate;
import vn.motcua.catalog.app.Calendars;
import vn.motcua.catalog.app.CatalogInputs;
import vn.motcua.catalog.app.Commitments;
import vn.motcua.catalog.app.Fields;
import vn.motcua.catalog.app.Procedures;
import vn.motcua.catalog.app.Units;
import vn.motcua.catalog.app.DueDateService;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.FieldEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.support.PublicRateLimit;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The catalog API. Reads are public; changes need the admin role. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {
    private final Fields fields;
    private final Units units;
    private final Procedures procedures;
    private final Commitments commitments;
    private final Calendars calendars;
    private final CatalogQueries queries;
    private final DueDateService dueDates;
    private final Clock clock;

    public CatalogResource(Fields fields, Units units, Procedures procedures, Commitments commitments, Calendars calendars,
                           CatalogQueries queries, DueDateService dueDates, Clock clock) {
        this.fields = fields;
        this.units = units;
        this.procedures = procedures;
        this.commitments = commitments;
        this.calendars = calendars;
        this.queries = queries;
        this.dueDates = dueDates;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.VIETNAM));
    }

    // ------------------------------------------------------------------ fields

    @GET
    @Path("/fields")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "fields")
    @Operation(summary = "Fields of procedures (lĩnh vực)")
    public Uni<List<FieldEntity>> fields() {
        return queries.fields();
    }

    @PUT
    @Path("/fields/{code}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "fields")
    @Operation(summary = "Create or rename a field")
    public Uni<FieldEntity> putField(@PathParam("code") String code, @NotNull @Valid CatalogInputs.FieldInput in) {
        if (!code.equals(in.code())) {
            throw vn.motcua.catalog.domain.CatalogException.invalid("code", "must equal the code in the path",
                    "phải trùng với mã trên đường dẫn");
        }
        return fields.upsertField(in);
    }

    // ------------------------------------------------------------------ units

    @GET
    @Path("/units")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "units")
    @Operation(summary = "List units, filtered by type, parent, date and name (with or without diacritics)")
    public Uni<PageOf<UnitSnapshot>> units(@QueryParam("type") String type, @QueryParam("parent") String parent,
                                           @QueryParam("activeOn") String activeOn, @QueryParam("q") String q,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.units(new CatalogQueries.UnitFilter(Params.enumValue("type", type, UnitType.class),
                Params.code("parent", parent), Params.date("activeOn", activeOn, null), q), page, size);
    }

    @GET
    @Path("/units/{code}")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "units")
    public Uni<UnitSnapshot> unit(@PathParam("code") String code) {
        return queries.unit(code);
    }

    @POST
    @Path("/units")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "units")
    @Operation(summary = "Register a unit in the tree")
    public Uni<Response> registerUnit(@NotNull @Valid CatalogInputs.UnitInput in) {
        return units.registerUnit(in).map(u -> Response.created(URI.create("/api/v1/units/" + u.code()))
                .entity(u).build());
    }

    @PUT
    @Path("/units/{code}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "units")
    @Operation(summary = "Change a unit (name, parent, validity: set validTo to dissolve it)")
    public Uni<UnitSnapshot> updateUnit(@PathParam("code") String code, @NotNull @Valid CatalogInputs.UnitInput in) {
        return units.updateUnit(code, in);
    }

    // ------------------------------------------------------------------ procedures

    @GET
    @Path("/procedures")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "procedures")
    @Operation(summary = "Search procedures in force on a date",
            description = "q matches the code, the Vietnamese name and the field, with or without diacritics "
                    + "('cap can cuoc' finds 'Cấp thẻ Căn cước'). unit keeps the procedures that unit's type may handle.")
    public Uni<PageOf<ProcedureOnDate>> procedures(@QueryParam("q") String q, @QueryParam("field") String field,
                                                   @QueryParam("level") String level,
                                                   @QueryParam("onlineLevel") String onlineLevel,
                                                   @QueryParam("unit") String unit, @QueryParam("on") String on,
                                                   @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                   @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return queries.procedures(new CatalogQueries.ProcedureFilter(q, Params.code("field", field),
                Params.enumValue("level", level, ProcedureLevel.class),
                Params.enumValue("onlineLevel", onlineLevel, OnlineLevel.class), Params.code("unit", unit),
                Params.date("on", on, today())), page, size);
    }

    @GET
    @Path("/procedures/{code}")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "procedures")
    @Operation(summary = "A procedure with all its versions and the version in force on a date (default today)")
    public Uni<ProcedureOnDate> procedure(@PathParam("code") String code, @QueryParam("on") String on) {
        return queries.procedure(code, Params.date("on", on, today()));
    }

    @POST
    @Path("/procedures")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "procedures")
    @Operation(summary = "Publish a procedure with its versions (oldest first, no overlap)")
    public Uni<Response> publish(@NotNull @Valid CatalogInputs.ProcedureInput in) {
        return procedures.publishProcedure(in).map(p -> Response.created(URI.create("/api/v1/procedures/" + p.code()))
                .entity(p).build());
    }

    @POST
    @Path("/procedures/{code}/versions")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "procedures")
    @Operation(summary = "Amend a procedure: a new version from its effective date; the open version closes the day before")
    public Uni<ProcedureSnapshot> amend(@PathParam("code") String code, @NotNull @Valid CatalogInputs.VersionInput in) {
        return procedures.amendProcedure(code, in);
    }

    @POST
    @Path("/procedures/{code}/abolition")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "procedures")
    @Operation(summary = "Abolish a procedure from a date, by a decision")
    public Uni<ProcedureSnapshot> abolish(@PathParam("code") String code, @NotNull @Valid CatalogInputs.AbolishInput in) {
        return procedures.abolishProcedure(code, in);
    }

    // ------------------------------------------------------------------ commitments

    @GET
    @Path("/commitments")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "commitments")
    @Operation(summary = "Units' committed processing times, shorter than the legal ones")
    public Uni<List<CommitmentSnapshot>> commitments(@QueryParam("unit") String unit,
                                                     @QueryParam("procedure") String procedure) {
        return queries.commitments(Params.code("unit", unit), Params.code("procedure", procedure));
    }

    @PUT
    @Path("/units/{unit}/commitments/{procedure}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "commitments")
    @Operation(summary = "Set a unit's committed time for a procedure from a date (must be shorter than the law)")
    public Uni<CommitmentSnapshot> setCommitment(@PathParam("unit") String unit, @PathParam("procedure") String procedure,
                                                 @NotNull @Valid CatalogInputs.CommitmentInput in) {
        return commitments.setCommitment(unit, procedure, in);
    }

    @DELETE
    @Path("/units/{unit}/commitments/{procedure}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "commitments")
    @Operation(summary = "Withdraw a commitment: lastDay is its last day in force (default today)")
    public Uni<CommitmentSnapshot> withdrawCommitment(@PathParam("unit") String unit,
                                                      @PathParam("procedure") String procedure,
                                                      @QueryParam("lastDay") String lastDay) {
        return commitments.withdrawCommitment(unit, procedure, Params.date("lastDay", lastDay, today()));
    }

    // ------------------------------------------------------------------ calendars

    public record CalendarView(int year, int revision, boolean provisional, String source, CalendarYear calendar) {
        static CalendarView of(CalendarYearEntity e) {
            return new CalendarView(e.year, e.revision, e.provisional, e.source,
                    Json.read(e.document, CalendarYear.class));
        }
    }

    @GET
    @Path("/calendars")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "calendars")
    public Uni<List<CalendarView>> calendars() {
        return queries.calendars().map(list -> list.stream().map(CalendarView::of).toList());
    }

    @GET
    @Path("/calendars/{year}")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "calendars")
    @Operation(summary = "A year's working calendar: office hours, weekends, days off, swapped working days")
    public Uni<CalendarView> calendar(@PathParam("year") int year) {
        return queries.calendar(year).map(CalendarView::of);
    }

    @PUT
    @Path("/calendars/{year}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Tag(name = "calendars")
    @Operation(summary = "Publish or revise a year's working calendar")
    public Uni<CalendarView> putCalendar(@PathParam("year") int year, @NotNull @Valid CatalogInputs.CalendarInput in) {
        return calendars.putCalendar(year, in).map(CalendarView::of);
    }

    // ------------------------------------------------------------------ due dates

    @GET
    @Path("/due-dates")
    @PermitAll
    @PublicRateLimit
    @Tag(name = "due dates")
    @Operation(summary = "Compute and explain a due date",
            description = "For a procedure received by a unit at an instant: the version in force, the unit's "
                    + "commitment if shorter, the working calendar; lists the days skipped and why. channel COUNTER "
                    + "or POSTAL also gives the paper transfer step deadline (the 15:00 rule).")
    public Uni<DueDateService.Result> dueDate(@QueryParam("procedureCode") String procedureCode,
                                              @QueryParam("unitCode") String unitCode,
                                              @QueryParam("receivedAt") String receivedAt,
                                              @QueryParam("channel") @DefaultValue("COUNTER") String channel) {
        return dueDates.compute(Params.required("procedureCode", procedureCode), Params.required("unitCode", unitCode),
                Params.instant("receivedAt", receivedAt),
                Params.enumValue("channel", channel, DueDateService.Channel.class));
    }
}
