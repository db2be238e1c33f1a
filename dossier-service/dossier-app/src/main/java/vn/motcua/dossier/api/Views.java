package vn.motcua.dossier.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.motcua.dossier.app.DossierQueries;
import vn.motcua.dossier.app.DossierSnapshot;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.domain.Types.Step;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Response bodies, written from what the app layer answers. Personal data appears only for callers of the dossier's
 * units (and admins): the app layer decides, {@link DossierSnapshot#personal()} carries it.
 */
public final class Views {
    private static final Map<Types.Status, String> STATUS_VI = Map.of(
            Types.Status.RECEIVED, "Đã tiếp nhận", Types.Status.REFUSED_AT_RECEPTION, "Từ chối tiếp nhận",
            Types.Status.PROCESSING, "Đang giải quyết", Types.Status.SUPPLEMENT_REQUESTED, "Chờ bổ sung hồ sơ",
            Types.Status.WAITING_FOR_PAYMENT, "Chờ thực hiện nghĩa vụ tài chính", Types.Status.WITHDRAWN, "Đã rút hồ sơ",
            Types.Status.STOPPED, "Dừng xử lý", Types.Status.PROCESSED, "Đã có kết quả",
            Types.Status.REFUSED_AFTER_APPRAISAL, "Từ chối giải quyết (có văn bản trả lời)",
            Types.Status.RETURNED, "Đã trả kết quả");

    private Views() {
    }

    /**
     * The answer to a command: the dossier, or for a new dossier the receipt with its lookup secret (a dossier refused
     * at reception gets no receipt).
     */
    public static Object answer(DossierSnapshot d) {
        DossierView view = DossierView.of(d);
        if (d.lookupSecret() == null || d.state().status() == Types.Status.REFUSED_AT_RECEPTION) {
            return view;
        }
        return new Receipt(d.id(), d.state().dossierCode(), d.lookupSecret(), view.currentDue(),
                d.state().receivedAt(), view);
    }

    public record ProcedureView(String code, int version, String nameVi, ProcessingTime legalTime,
                                ProcessingTime committedTime, ProcessingTime appliedTime) {
        static ProcedureView of(ProcedureTerms p) {
            return p == null ? null : new ProcedureView(p.code(), p.version(), p.nameVi(), p.legalTime(),
                    p.committedTime(), p.appliedTime());
        }
    }

    @Schema(description = "A due: the instant, and the date that day-based procedures are judged by (hạn giải quyết)")
    public record DueView(Instant at, LocalDate date) {
        static DueView of(Due d) {
            return d == null || !d.exists() ? null : new DueView(d.at(), d.date());
        }
    }

    @Schema(description = "A dossier's current state (or its state as of an instant)")
    public record DossierView(
            UUID id, String code, int version, String status,
            @Schema(description = "status code of the national public-service portal") int statusCode,
            ProcedureView procedure, String receivingUnit, String competentUnit, String currentUnit,
            Types.Channel channel, Types.Applicant applicant, Instant submittedAt, Instant receivedAt,
            Instant countingStartsAt, String ruleSet,
            @Schema(description = "the due date given at reception (ngày hẹn trả ban đầu), kept as it was") DueView dueAtReception,
            @Schema(description = "the due the law judges by: restarted by a supplement, moved by payment waits") DueView dueOfRecord,
            @Schema(description = "the new appointment given with an apology") DueView rescheduledDue,
            @Schema(description = "the appointment the applicant holds now") DueView currentDue,
            DueView nationalDue, Instant transferDeadline, boolean clockRunning, boolean overdue, boolean apologized,
            int supplementRequests, Instant waitingSince, Instant completedAt, Types.Outcome outcome,
            @Schema(description = "EARLY, ON_TIME or LATE against the due of record, once completed") Timeliness timeliness,
            Instant returnedAt, Types.ReturnChannel returnChannel, Instant asOf) {

        public static DossierView of(DossierSnapshot d) {
            return of(d.id(), d.version(), d.state(), d.personal(), d.timeliness(), d.asOf());
        }

        static DossierView of(UUID id, int version, DossierState s, boolean personal, Timeliness timeliness,
                              Instant asOf) {
            return new DossierView(id, s.dossierCode(), version, s.status() == null ? null : s.status().name(),
                    s.status() == null ? 0 : s.status().portalCode(), ProcedureView.of(s.procedure()),
                    s.receivingUnit(), s.competentUnit(), s.currentUnit(), s.channel(),
                    personal ? s.applicant() : null, s.submittedAt(), s.receivedAt(), s.countingStartsAt(),
                    s.ruleSet(), DueView.of(s.dueAtReception()), DueView.of(s.dueOfRecord()),
                    DueView.of(s.rescheduledDue()), DueView.of(s.currentDue()), DueView.of(s.nationalDue()),
                    s.transferDeadline(), s.status() != null && s.status().clockRunning(), s.overdue(),
                    s.apologized(), s.supplementRequests(), s.waitingSince(), s.completedAt(), s.outcome(),
                    timeliness, s.returnedAt(), s.returnChannel(), asOf);
        }
    }

    @Schema(description = "What the applicant's receipt carries (giấy tiếp nhận và hẹn trả kết quả). The lookup "
            + "secret is shown once, here: only its hash is stored.")
    public record Receipt(UUID id, String code, String lookupSecret, DueView due, Instant receivedAt,
                          DossierView dossier) {
    }

    public record StepView(int number, String unitCode, String stepName, String officer, Instant startedAt,
                           Instant deadline, Instant handedOverAt, boolean late,
                           @Schema(description = "open step whose deadline has passed") boolean lateNow) {
        static StepView of(Step s, Instant now) {
            boolean lateNow = s.handedOverAt() == null && s.deadline() != null && now.isAfter(s.deadline());
            return new StepView(s.number(), s.unitCode(), s.stepName(), s.officer(), s.startedAt(), s.deadline(),
                    s.handedOverAt(), s.late(), lateNow);
        }
    }

    @Schema(description = "The process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ)")
    public record ControlSheet(UUID id, String code, String procedureName, DueView dueAtReception, DueView currentDue,
                               List<StepView> steps) {
        static ControlSheet of(UUID id, DossierState s, Instant now) {
            return new ControlSheet(id, s.dossierCode(), s.procedure() == null ? null : s.procedure().nameVi(),
                    DueView.of(s.dueAtReception()), DueView.of(s.currentDue()),
                    s.steps().stream().map(st -> StepView.of(st, now)).toList());
        }
    }

    @Schema(description = "What a citizen sees with the dossier code and the receipt secret: no personal data")
    public record PublicStatus(String code, String procedureName, String status, String statusVi, Instant receivedAt,
                               DueView currentDue, boolean overdue, Instant completedAt, Instant returnedAt) {
        static PublicStatus of(DossierQueries.Lookup l) {
            return new PublicStatus(l.code(), l.procedureName(), l.status().name(), STATUS_VI.get(l.status()),
                    l.receivedAt(), l.dueAt() == null ? null : new DueView(l.dueAt(), l.dueDate()), l.overdue(),
                    l.completedAt(), l.returnedAt());
        }
    }

}
