package vn.motcua.dossier.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.dossier.app.DossierCommands;
import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.support.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Bulk import of historical dossiers from another system, with their original instants. Each dossier is decided by
 * the same rules as a live one and produces the same events; it is identified by (source system, source id), so
 * running an import again skips what is already there. A batch is written in one transaction; a record the checks
 * or the rules refuse is reported and the others go in.
 */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Migration")
public class ImportResource {
    private final DossierCommands commands;
    private final DossierResource dossiers;
    private final ObjectMapper json;
    private final Validator validator;

    public ImportResource(DossierCommands commands, DossierResource dossiers, ObjectMapper json, Validator validator) {
        this.commands = commands;
        this.dossiers = dossiers;
        this.json = json;
        this.validator = validator;
    }

    @Schema(description = "A later step of an imported dossier: the command name (as in the REST paths: "
            + DossierCommandName.Paths.SUPPLEMENT_REQUESTS + ", " + DossierCommandName.Paths.SUPPLEMENTS + ", "
            + DossierCommandName.Paths.TRANSFERS + ", " + DossierCommandName.Paths.CONSULTATIONS + ", "
            + DossierCommandName.Paths.PAYMENT_REQUESTS + ", " + DossierCommandName.Paths.PAYMENTS + ", "
            + DossierCommandName.Paths.RESULT + ", " + DossierCommandName.Paths.REFUSAL + ", "
            + DossierCommandName.Paths.APOLOGY + ", " + DossierCommandName.Paths.RETURN + ", "
            + DossierCommandName.Paths.STOP + ", " + DossierCommandName.Paths.WITHDRAWAL
            + "), when it happened, and the command's body")
    public record HistoryEntry(@NotBlank String type, @NotNull Instant at, @Size(max = 200) String officer,
                               JsonNode body) {
    }

    public record ImportedDossier(
            @NotBlank @Size(max = 200) String sourceId,
            @NotBlank @Pattern(regexp = vn.motcua.dossier.events.DossierLimits.DOSSIER_CODE) String code,
            @NotNull @Valid Requests.Receive reception,
            @Size(max = 200) String receivingOfficer,
            @Size(max = 100) List<@Valid @NotNull HistoryEntry> history) {
    }

    public record ImportBatch(@NotBlank @Size(max = 100) String sourceSystem,
                              @NotEmpty @Size(max = 2000) List<@Valid @NotNull ImportedDossier> dossiers) {
    }

    public record Rejected(String sourceId, int status, String rule, String detail, String detailVi) {
    }

    public record ImportReport(int imported, int skipped, int events, List<Rejected> rejected) {
    }

    @POST
    @RolesAllowed({Caller.ADMIN, Caller.SYSTEM})
    @Operation(summary = "Import historical dossiers (re-runnable: already imported ones are skipped)")
    public Uni<ImportReport> importBatch(@Valid @NotNull ImportBatch batch) {
        Caller caller = dossiers.caller();
        List<DossierCommands.ImportItem> items = new ArrayList<>();
        List<Rejected> refusedHere = new ArrayList<>();
        List<ImportedDossier> read = new ArrayList<>();
        for (ImportedDossier d : batch.dossiers()) {
            try {
                items.add(item(caller, batch.sourceSystem(), d));
                read.add(d);
            } catch (RuntimeException e) {
                refusedHere.add(rejection(d.sourceId(), e));
            }
        }
        return commands.importBatch(caller, items).map(outcomes -> {
            int imported = 0;
            int skipped = 0;
            int events = 0;
            List<Rejected> rejected = new ArrayList<>(refusedHere);
            for (int i = 0; i < outcomes.size(); i++) {
                DossierCommands.ImportOutcome o = outcomes.get(i);
                if (o.refusal() != null) {
                    rejected.add(rejection(read.get(i).sourceId(), o.refusal()));
                } else if (o.events() > 0) {
                    imported++;
                    events += o.events();
                } else {
                    skipped++;
                }
            }
            return new ImportReport(imported, skipped, events, rejected);
        });
    }

    /** An imported dossier as the commands take it: its history checked for order, names, instants and bodies. */
    private DossierCommands.ImportItem item(Caller caller, String sourceSystem, ImportedDossier d) {
        Requests.Receive r = d.reception();
        if (r.receivedAt() == null) {
            throw ProblemException.invalid("reception.receivedAt", "is required for imported dossiers",
                    "hồ sơ nhập khẩu phải có thời điểm tiếp nhận");
        }
        List<Function<DossierState, DossierCommand>> history = new ArrayList<>();
        Instant previous = r.receivedAt();
        try {
            for (HistoryEntry h : d.history() == null ? List.<HistoryEntry>of() : d.history()) {
                // each step follows the one before it: a history out of order would be decided on a state it
                // never had
                if (h.at().isBefore(previous)) {
                    throw ProblemException.invalid("history.at", h.at() + " is before the step it follows ("
                            + previous + ")", "thời điểm thao tác " + h.at() + " trước thao tác liền trước");
                }
                previous = h.at();
                DossierCommandName name = DossierCommandName.byPath(h.type()).orElseThrow(() ->
                        ProblemException.invalid("history.type", "unknown command " + h.type() + "; one of "
                                + DossierCommandName.paths(), "loại thao tác không hợp lệ: " + h.type()));
                if (h.at().isAfter(commands.clock().instant().plusSeconds(60))) {
                    throw ProblemException.invalid("history.at", h.at() + " is in the future",
                            "thời điểm thao tác " + h.at() + " ở tương lai");
                }
                Object body = json.convertValue(h.body() == null ? json.createObjectNode() : h.body(), name.bodyType());
                Set<ConstraintViolation<Object>> violations = validator.validate(body);
                if (!violations.isEmpty()) {
                    ConstraintViolation<Object> v = violations.iterator().next();
                    throw ProblemException.invalid("history[" + h.type() + "]." + v.getPropertyPath(), v.getMessage(),
                            v.getMessage());
                }
                history.add(CommandFactory.command(body, name, h.at(),
                        h.officer() != null ? h.officer() : caller.name()));
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("history", e.getMessage(), e.getMessage());
        }
        Instant at = r.receivedAt();
        String officer = d.receivingOfficer() != null ? d.receivingOfficer() : caller.name();
        return DossierCommands.ImportItem.of(sourceSystem + "/" + d.sourceId(), d.code(),
                new DossierCommands.Intake(r.procedureCode(), r.receivingUnit(), r.competentUnit(), at),
                (terms, code, hash) -> new DossierCommand.Receive(code, terms, r.receivingUnit(), r.competentUnit(),
                        r.channel(), CommandFactory.applicant(r.applicant()), r.documents(),
                        r.submittedAt() != null ? r.submittedAt() : at, at, officer, null, r.digitisedDocuments()),
                history);
    }

    private static Rejected rejection(String sourceId, Throwable e) {
        if (e instanceof ProblemException p) {
            return new Rejected(sourceId, p.status(), p.code(), p.getMessage(), p.titleVi());
        }
        if (vn.motcua.support.DatabaseErrors.uniqueViolation(e, null)) {
            return new Rejected(sourceId, 409, "duplicate", "a dossier with this code or source id exists",
                    "đã có hồ sơ với mã này");
        }
        return new Rejected(sourceId, 500, "error", String.valueOf(e.getMessage()), "lỗi hệ thống");
    }
}
