package vn.motcua.dossier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.support.security.CurrentCaller;
import vn.motcua.dossier.app.DossierCommands;
import vn.motcua.dossier.app.DossierQueries;
import vn.motcua.dossier.app.IdempotentRequests;
import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.support.ProblemException;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dossier API for desk software and other government systems. Every command takes an optional
 * {@code Idempotency-Key} (a retry gets the first answer) and {@code If-Match} (the version read; a stale one is 409).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DossierResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final DossierCommands commands;
    private final DossierQueries queries;
    private final CurrentCaller currentCaller;
    private final ObjectMapper json;

    public DossierResource(DossierCommands commands, DossierQueries queries, CurrentCaller currentCaller,
                           ObjectMapper json) {
        this.commands = commands;
        this.queries = queries;
        this.currentCaller = currentCaller;
        this.json = json;
    }

    // ------------------------------------------------------------------ reception

    @POST
    @Path("/dossiers")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Receive a complete dossier (tiếp nhận hồ sơ)",
            description = "Computes the due date from the procedure in force, the competent unit's commitment, the "
                    + "working calendar and the rule set in force. Returns the receipt with the lookup secret.")
    public Uni<Response> receive(@Valid @NotNull Requests.Receive r,
                                 @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller caller = caller();
        Instant at = r.receivedAt() != null ? r.receivedAt() : commands.clock().instant();
        return commands.create(caller, new DossierCommands.Intake(r.procedureCode(), r.receivingUnit(),
                                r.competentUnit(), at), idem(key, "receive", r),
                        (terms, code, hash) -> new DossierCommand.Receive(code, terms, r.receivingUnit(),
                                r.competentUnit(), r.channel(), CommandFactory.applicant(r.applicant()),
                                r.documents(), r.submittedAt() != null ? r.submittedAt() : at, at, caller.name(), hash,
                                r.digitisedDocuments()),
                        Views::answer)
                .map(DossierResource::response);
    }

    @POST
    @Path("/dossiers/refusals")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Refuse a dossier at reception (từ chối tiếp nhận)",
            description = "Recorded with its reason and never timed; the applicant gets the refusal notice.")
    public Uni<Response> refuseAtReception(@Valid @NotNull Requests.RefuseAtReception r,
                                           @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller caller = caller();
        Instant at = commands.clock().instant();
        String competent = r.competentUnit() != null ? r.competentUnit() : r.receivingUnit();
        return commands.create(caller, new DossierCommands.Intake(r.procedureCode(), r.receivingUnit(), competent, at),
                        idem(key, "refuse-at-reception", r),
                        (terms, code, hash) -> new DossierCommand.RefuseAtReception(code, terms, r.receivingUnit(),
                                competent, r.channel(), CommandFactory.applicant(r.applicant()),
                                r.submittedAt() != null ? r.submittedAt() : at, at, caller.name(), r.reason()),
                        Views::answer)
                .map(DossierResource::response);
    }

    // ------------------------------------------------------------------ commands on a dossier

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.SUPPLEMENT_REQUESTS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Request a supplement (yêu cầu bổ sung hồ sơ)",
            description = "Once at reception; during appraisal only within 3 working days of reception (configurable).")
    public Uni<Response> requestSupplement(@PathParam("ref") String ref, @Valid @NotNull Requests.RequestSupplement body,
                                           @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.SUPPLEMENT_REQUESTS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.SUPPLEMENTS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Record the supplement (nhận hồ sơ bổ sung): the processing time restarts")
    public Uni<Response> supplySupplement(@PathParam("ref") String ref, @Valid @NotNull Requests.SupplySupplement body,
                                          @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.SUPPLEMENTS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.TRANSFERS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Transfer to another unit or step (phiếu chuyển xử lý), with that step's deadline")
    public Uni<Response> transfer(@PathParam("ref") String ref, @Valid @NotNull Requests.Transfer body,
                                  @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.TRANSFERS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.CONSULTATIONS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Consult another unit (lấy ý kiến)")
    public Uni<Response> consult(@PathParam("ref") String ref, @Valid @NotNull Requests.Consult body,
                                 @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.CONSULTATIONS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.PAYMENT_REQUESTS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Request payment of a financial obligation (nghĩa vụ tài chính): the clock pauses")
    public Uni<Response> requestPayment(@PathParam("ref") String ref, @Valid @NotNull Requests.RequestPayment body,
                                        @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.PAYMENT_REQUESTS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.PAYMENTS)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Record the payment: the clock runs again, the due date moves by the wait")
    public Uni<Response> recordPayment(@PathParam("ref") String ref, @Valid @NotNull Requests.RecordPayment body,
                                       @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.PAYMENTS, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.RESULT)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Record the result (granted or denied) with the result document")
    public Uni<Response> recordResult(@PathParam("ref") String ref, @Valid @NotNull Requests.RecordResult body,
                                      @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.RESULT, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.REFUSAL)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Refuse after appraisal (từ chối giải quyết), with the reason")
    public Uni<Response> refuse(@PathParam("ref") String ref, @Valid @NotNull Requests.RefuseAfterAppraisal body,
                                @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.REFUSAL, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.APOLOGY)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Apologize with a new appointment date (xin lỗi và hẹn lại)",
            description = "At least 1 working day before the due date, at most once (configurable).")
    public Uni<Response> apologize(@PathParam("ref") String ref, @Valid @NotNull Requests.Apologize body,
                                   @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.APOLOGY, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.RETURN)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Return the result (trả kết quả): at the counter, by post or online")
    public Uni<Response> returnResult(@PathParam("ref") String ref, @Valid @NotNull Requests.ReturnResult body,
                                      @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.RETURN, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.STOP)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Stop processing (dừng xử lý), with the reason")
    public Uni<Response> stop(@PathParam("ref") String ref, @Valid @NotNull Requests.Reason body,
                              @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.STOP, body, ifMatch, key);
    }

    @POST
    @Path("/dossiers/{ref}/" + DossierCommandName.Paths.WITHDRAWAL)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Commands")
    @Operation(summary = "Record that the applicant withdrew the dossier (rút hồ sơ)")
    public Uni<Response> withdraw(@PathParam("ref") String ref, @Valid @NotNull Requests.Reason body,
                                  @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return run(ref, DossierCommandName.WITHDRAWAL, body, ifMatch, key);
    }

    private Uni<Response> run(String ref, DossierCommandName name, Object body, String ifMatch, String key) {
        Caller caller = caller();
        Instant at = commands.clock().instant();
        return commands.execute(caller, ref, version(ifMatch), idem(key, ref + "/" + name.path(), body),
                CommandFactory.command(body, name, at, caller.name()), Views::answer).map(DossierResource::response);
    }

    // ------------------------------------------------------------------ queries

    @GET
    @Path("/dossiers/{ref}")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Queries")
    @Operation(summary = "A dossier's state, now or as of a past instant (by id or code)")
    public Uni<Response> get(@PathParam("ref") String ref,
                             @Parameter(description = "ISO instant, e.g. 2026-03-02T03:00:00Z")
                             @QueryParam("asOf") String asOf) {
        return queries.get(caller(), ref, instant("asOf", asOf)).map(Views.DossierView::of)
                .map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
    }

    @GET
    @Path("/dossiers/{ref}/control-sheet")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Queries")
    @Operation(summary = "The process control sheet: every step, its unit, officer, times, deadline, late or not")
    public Uni<Views.ControlSheet> controlSheet(@PathParam("ref") String ref) {
        return queries.controlSheet(caller(), ref)
                .map(d -> Views.ControlSheet.of(d.id(), d.state(), commands.clock().instant()));
    }

    @GET
    @Path("/dossiers/{ref}/events")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Queries")
    @Operation(summary = "The dossier's events, in order")
    public Uni<List<DossierQueries.EventView>> events(@PathParam("ref") String ref) {
        return queries.events(caller(), ref);
    }

    @GET
    @Path("/dossiers")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Queries")
    @Operation(summary = "Work queue (officers: their unit's dossiers), paginated, soonest due first")
    public Uni<DossierQueries.Page<DossierQueries.QueueItem>> queue(
            @Parameter(description = "unit code; officers and systems must give one of their units") @QueryParam("unit")
            @jakarta.validation.constraints.Pattern(regexp = Requests.UNIT_CODE, message = Requests.UNIT_MSG) String unit,
            @Parameter(description = "current (where it is now, default), competent or receiving") @QueryParam("scope") String scope,
            @Parameter(description = "statuses, repeatable or comma-separated") @QueryParam("status") List<String> status,
            @Parameter(description = "only open dossiers due within this many working hours") @QueryParam("dueWithinHours") @Min(0) @Max(10_000) Integer dueWithinHours,
            @QueryParam("overdue") Boolean overdue,
            @QueryParam("procedure") @jakarta.validation.constraints.Size(max = 64) String procedure,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.queue(caller(), new DossierQueries.QueueFilter(unit, scope, statuses(status), dueWithinHours,
                overdue, procedure, page, size));
    }

    @GET
    @Path("/public/dossiers/{code}")
    @PermitAll
    @vn.motcua.support.PublicRateLimit(dossier = "code")
    @Tag(name = "Citizens")
    @Operation(summary = "Citizen lookup (tra cứu hồ sơ) by dossier code and the secret printed on the receipt",
            description = "Status and due date only; no personal data. No login. Rate limited per client address "
                    + "and per dossier code: 429 with Retry-After (seconds).")
    public Uni<Views.PublicStatus> lookup(@PathParam("code") String code, @QueryParam("secret") String secret) {
        return queries.lookup(code, secret).map(Views.PublicStatus::of);
    }

    // ------------------------------------------------------------------ helpers

    Caller caller() {
        return currentCaller.get();
    }

    IdempotentRequests.Idempotency idem(String key, String what, Object body) {
        if (key == null) {
            return null;
        }
        try {
            return new IdempotentRequests.Idempotency(key, vn.motcua.dossier.store.DataProtection.sha256Hex(what + "\n" + json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be the dossier version from the ETag, e.g. \"3\"",
                    "phải là phiên bản hồ sơ (ETag), ví dụ \"3\"");
        }
    }

    /** Parsed here: a malformed instant is the caller's mistake (400), not an unknown dossier (JAX-RS' 404). */
    static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO instant such as 2026-03-02T03:00:00Z",
                    "phải là thời điểm theo ISO 8601, ví dụ 2026-03-02T03:00:00Z");
        }
    }

    static List<Status> statuses(List<String> raw) {
        List<Status> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String item : raw) {
            for (String s : item.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    out.add(Status.valueOf(s.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("status", "unknown status " + s + "; one of "
                            + List.of(Status.values()), "trạng thái không hợp lệ: " + s);
                }
            }
        }
        return out;
    }

    static Response response(IdempotentRequests.Result r) {
        Response.ResponseBuilder b = Response.status(r.status()).entity(r.body()).type(MediaType.APPLICATION_JSON)
                .tag(String.valueOf(r.version()));
        if (r.status() == 201) {
            b.location(URI.create("/api/v1/dossiers/" + r.dossierId()));
        }
        if (r.replayed()) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.build();
    }
}
