package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.DossierCommand.Apologize;
import vn.motcua.dossier.domain.DossierCommand.Consult;
import vn.motcua.dossier.domain.DossierCommand.MarkOverdue;
import vn.motcua.dossier.domain.DossierCommand.Receive;
import vn.motcua.dossier.domain.DossierCommand.RecordPayment;
import vn.motcua.dossier.domain.DossierCommand.RecordResult;
import vn.motcua.dossier.domain.DossierCommand.RefuseAfterAppraisal;
import vn.motcua.dossier.domain.DossierCommand.RefuseAtReception;
import vn.motcua.dossier.domain.DossierCommand.RequestPayment;
import vn.motcua.dossier.domain.DossierCommand.RequestSupplement;
import vn.motcua.dossier.domain.DossierCommand.ReturnResult;
import vn.motcua.dossier.domain.DossierCommand.Stop;
import vn.motcua.dossier.domain.DossierCommand.SupplySupplement;
import vn.motcua.dossier.domain.DossierCommand.Transfer;
import vn.motcua.dossier.domain.DossierCommand.Withdraw;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.DueChangeReason;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.dossier.domain.Types.Step;
import vn.motcua.duedate.CountingRules;
import vn.motcua.duedate.DueDate;
import vn.motcua.duedate.DueDateCalculator;
import vn.motcua.duedate.Timeliness;
import vn.motcua.duedate.WorkingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The dossier aggregate as two pure functions: {@link #decide} checks a command against the state and the rules in
 * force and returns the events to append (or throws {@link RuleViolation}, appending nothing), and {@link #evolve}
 * folds one event into the state.
 */
public final class Dossier {
    private static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    /** The largest fee or tax one dossier can ask for (1,000 billion VND): beyond it an amount is a typing error. */
    public static final long MAX_AMOUNT_VND = 1_000_000_000_000L;
    /** How far ahead a step's deadline, a reply deadline or a date to bring documents by may be set. */
    public static final Duration DEADLINE_HORIZON = Duration.ofDays(366);

    /** What decisions need besides the state: the working calendar and the rule sets by effective date. */
    public record Context(WorkingCalendar calendar, List<RuleSet> ruleSets) {
        public RuleSet rulesOn(LocalDate day) {
            return RuleSet.inForce(ruleSets, day);
        }

        DueDateCalculator calculator(RuleSet rules) {
            return new DueDateCalculator(calendar,
                    new CountingRules(CountingRules.defaults().immediateCutoff(), rules.paperTransferCutoff()));
        }

        LocalDate day(Instant instant) {
            return instant.atZone(calendar.zone()).toLocalDate();
        }
    }

    private Dossier() {
    }

    public static DossierState replay(List<DossierEvent> events) {
        DossierState state = DossierState.NEW;
        for (DossierEvent e : events) {
            state = evolve(state, e);
        }
        return state;
    }

    // ============================================================== decide

    public static List<DossierEvent> decide(DossierState s, DossierCommand command, Context ctx) {
        if (command.at() == null) {
            throw RuleViolation.input("time-required", "at", "the instant of the command is required",
                    "thiếu thời điểm thực hiện");
        }
        if (command instanceof Receive c) {
            return receive(s, c, ctx);
        }
        if (command instanceof RefuseAtReception c) {
            return refuseAtReception(s, c);
        }
        requireExists(s);
        if (command instanceof MarkOverdue c) {
            return markOverdue(s, c);
        }
        if (command instanceof DossierCommand.RecordNotice c) {
            return Notices.record(s, c);
        }
        if (command instanceof DossierCommand.RecordPortalAcceptance c) {
            return NationalPortal.accepted(s, c);
        }
        if (command instanceof DossierCommand.RecordPortalRefusal c) {
            return NationalPortal.refused(s, c);
        }
        requireNotBefore(s, command.at());
        if (command instanceof RequestSupplement c) {
            return requestSupplement(s, c, ctx);
        }
        if (command instanceof SupplySupplement c) {
            return supplySupplement(s, c, ctx);
        }
        if (command instanceof Transfer c) {
            return transfer(s, c);
        }
        if (command instanceof Consult c) {
            requireStatus(s, "consult", Status.RECEIVED, Status.PROCESSING);
            requireText(c.consultedUnit(), "consultedUnit");
            requireDeadline(c.replyDeadline(), c.at(), "replyDeadline");
            return List.of(new DossierEvent.Consulted(s.currentUnit(), c.consultedUnit(), c.question(),
                    c.replyDeadline(), c.at()));
        }
        if (command instanceof RequestPayment c) {
            requireStatus(s, "request-payment", Status.RECEIVED, Status.PROCESSING);
            requireAmount(c.amountVnd());
            return List.of(new DossierEvent.PaymentRequested(c.amountVnd(), c.description(), c.at()));
        }
        if (command instanceof RecordPayment c) {
            return recordPayment(s, c, ctx);
        }
        if (command instanceof RecordResult c) {
            requireStatus(s, "record-result", Status.RECEIVED, Status.PROCESSING);
            if (c.outcome() == null) {
                throw RuleViolation.input("outcome-required", "outcome", "the outcome (GRANTED or DENIED) is required",
                        "thiếu kết quả giải quyết");
            }
            return List.of(new DossierEvent.Processed(unitOr(c.unitCode(), s), c.officer(), c.outcome(),
                    c.resultDocumentRef(), c.at(), c.issuedElectronically()));
        }
        if (command instanceof RefuseAfterAppraisal c) {
            requireStatus(s, "refuse", Status.RECEIVED, Status.PROCESSING);
            requireText(c.reason(), "reason");
            return List.of(new DossierEvent.RefusedAfterAppraisal(unitOr(c.unitCode(), s), c.officer(), c.reason(),
                    c.at()));
        }
        if (command instanceof Apologize c) {
            return apologize(s, c, ctx);
        }
        if (command instanceof ReturnResult c) {
            requireStatus(s, "return", Status.PROCESSED, Status.REFUSED_AFTER_APPRAISAL);
            if (c.channel() == null) {
                throw RuleViolation.input("channel-required", "channel", "the return channel is required",
                        "thiếu hình thức trả kết quả");
            }
            return List.of(new DossierEvent.Returned(c.channel(), c.at()));
        }
        if (command instanceof Stop c) {
            requireOpen(s, "stop");
            requireText(c.reason(), "reason");
            return List.of(new DossierEvent.Stopped(c.reason(), c.at()));
        }
        if (command instanceof Withdraw c) {
            requireOpen(s, "withdraw");
            return List.of(new DossierEvent.Withdrawn(c.reason(), c.at()));
        }
        throw new IllegalArgumentException("unknown command " + command.getClass());
    }

    private static List<DossierEvent> receive(DossierState s, Receive c, Context ctx) {
        if (s.exists()) {
            throw RuleViolation.state("already-exists", "the dossier already exists", "hồ sơ đã tồn tại");
        }
        checkIntake(c.dossierCode(), c.procedure(), c.receivingUnit(), c.competentUnit(), c.channel(), c.applicant(),
                c.submittedAt(), c.at());
        // the rule set in force on the day of reception: a dossier received outside office hours is received
        // at the start of the next working period (the day every later decision looks rules up by)
        RuleSet rules = ctx.rulesOn(ctx.day(ctx.calendar().startOfNextWorkingPeriod(c.at()).toInstant()));
        DueDateCalculator calc = ctx.calculator(rules);
        DueDate due = calc.compute(c.at(), c.procedure().appliedTime());
        Instant transfer = c.channel() == Channel.ONLINE ? due.countingStartsAt().toInstant()
                : calc.paperTransferDeadline(c.at()).toInstant();
        requireDigitisedSubmitted(c.documents(), c.digitisedDocuments());
        return List.of(new DossierEvent.Received(c.dossierCode(), c.procedure(), c.receivingUnit(), c.competentUnit(),
                c.channel(), c.applicant(), Types.copy(c.documents()), c.submittedAt(), c.at(), c.officer(),
                rules.id(), toDue(due), due.countingStartsAt().toInstant(), transfer, c.lookupSecretHash(),
                Types.copyOrNull(c.digitisedDocuments())));
    }

    /** A component can only be digitised if it was submitted: the digitisation figure counts the submitted ones. */
    private static void requireDigitisedSubmitted(List<String> documents, List<String> digitised) {
        if (digitised == null || digitised.isEmpty()) {
            return;
        }
        List<String> submitted = documents == null ? List.of() : documents;
        for (String d : digitised) {
            if (!submitted.contains(d)) {
                throw RuleViolation.input("digitised-not-submitted", "digitisedDocuments",
                        "a digitised component must be one of the submitted documents: " + d,
                        "thành phần được số hóa phải là một trong các giấy tờ đã nộp: " + d);
            }
        }
    }

    private static List<DossierEvent> refuseAtReception(DossierState s, RefuseAtReception c) {
        if (s.exists()) {
            throw RuleViolation.state("already-exists", "the dossier already exists", "hồ sơ đã tồn tại");
        }
        requireText(c.reason(), "reason");
        if (c.applicant() == null) {
            throw RuleViolation.input("applicant-required", "applicant", "the applicant is required", "thiếu người nộp");
        }
        if (!PERSONAL_ID.matcher(c.applicant().personalId()).matches()) {
            throw RuleViolation.input("personal-id", "applicant.personalId",
                    "the personal identification number has exactly 12 digits",
                    "số định danh cá nhân phải gồm đúng 12 chữ số");
        }
        Notices.requireReachable(c.applicant());
        return List.of(new DossierEvent.RefusedAtReception(c.dossierCode(), c.procedure(), c.receivingUnit(),
                c.competentUnit(), c.channel(), c.applicant(), c.submittedAt(), c.at(), c.officer(), c.reason()));
    }

    static void checkIntake(String code, Types.ProcedureTerms procedure, String receivingUnit, String competentUnit,
                            Channel channel, Types.Applicant applicant, Instant submittedAt, Instant at) {
        requireText(code, "dossierCode");
        requireText(receivingUnit, "receivingUnit");
        requireText(competentUnit, "competentUnit");
        if (procedure == null) {
            throw RuleViolation.input("procedure-required", "procedureCode", "the procedure is required", "thiếu thủ tục");
        }
        if (channel == null) {
            throw RuleViolation.input("channel-required", "channel", "the channel is required", "thiếu hình thức nộp");
        }
        if (applicant == null || applicant.fullName().isBlank()) {
            throw RuleViolation.input("applicant-required", "applicant.fullName", "the applicant's name is required",
                    "thiếu họ tên người nộp");
        }
        if (!PERSONAL_ID.matcher(applicant.personalId()).matches()) {
            throw RuleViolation.input("personal-id", "applicant.personalId",
                    "the personal identification number has exactly 12 digits",
                    "số định danh cá nhân phải gồm đúng 12 chữ số");
        }
        Notices.requireReachable(applicant);
        if (submittedAt != null && submittedAt.isAfter(at)) {
            throw RuleViolation.input("submitted-after-received", "submittedAt",
                    "the dossier cannot be submitted after it was received", "thời điểm nộp không thể sau thời điểm tiếp nhận");
        }
        if (channel == Channel.POSTAL && !procedure.postalReception()) {
            throw RuleViolation.input("postal-not-allowed", "channel",
                    "this procedure cannot be received by post", "thủ tục này không tiếp nhận qua dịch vụ bưu chính");
        }
        if (channel == Channel.ONLINE && "NONE".equals(procedure.onlineLevel())) {
            throw RuleViolation.input("online-not-allowed", "channel",
                    "this procedure has no online service", "thủ tục này chưa cung cấp dịch vụ công trực tuyến");
        }
    }

    private static List<DossierEvent> requestSupplement(DossierState s, RequestSupplement c, Context ctx) {
        requireStatus(s, "request-supplement", Status.RECEIVED, Status.PROCESSING);
        if (c.missing() == null || c.missing().isEmpty() || c.missing().stream().anyMatch(m -> m == null || m.isBlank())) {
            throw RuleViolation.input("missing-items", "missing", "say exactly what is missing",
                    "phải nêu rõ giấy tờ, nội dung cần bổ sung");
        }
        RuleSet rules = ctx.rulesOn(s.receptionDay());
        if (s.status() == Status.RECEIVED && s.supplementsBeforeProcessing() >= rules.maxSupplementsAtReception()) {
            throw RuleViolation.state("supplement-once-at-reception",
                    "the desk may request a supplement only once before processing (rule set " + rules.id() + ")",
                    "bộ phận một cửa chỉ được yêu cầu bổ sung hồ sơ một lần");
        }
        LocalDate lastDay = ctx.calendar().addWorkingDays(s.supplementWindowStart(), rules.supplementWindowWorkingDays());
        if (ctx.day(c.at()).isAfter(lastDay)) {
            throw RuleViolation.state("supplement-window",
                    "a supplement must be requested within " + rules.supplementWindowWorkingDays()
                            + " working days of reception (last day " + lastDay + ")",
                    "yêu cầu bổ sung phải trong " + rules.supplementWindowWorkingDays()
                            + " ngày làm việc kể từ ngày tiếp nhận (hạn cuối " + lastDay + ")");
        }
        if (c.supplyBy() != null && c.supplyBy().isBefore(ctx.day(c.at()))) {
            throw RuleViolation.input("supply-by", "supplyBy", "the date to bring the documents by is in the past",
                    "hạn bổ sung hồ sơ đã qua");
        }
        if (c.supplyBy() != null && c.supplyBy().isAfter(ctx.day(c.at().plus(DEADLINE_HORIZON)))) {
            throw RuleViolation.input("supply-by", "supplyBy", "the date to bring the documents by is more than "
                    + DEADLINE_HORIZON.toDays() + " days ahead", "hạn bổ sung hồ sơ quá xa (quá "
                    + DEADLINE_HORIZON.toDays() + " ngày)");
        }
        return List.of(new DossierEvent.SupplementRequested(unitOr(c.unitCode(), s), c.officer(),
                List.copyOf(c.missing()), s.supplementRequests() + 1, c.at(), c.supplyBy()));
    }

    private static List<DossierEvent> supplySupplement(DossierState s, SupplySupplement c, Context ctx) {
        requireStatus(s, "supply-supplement", Status.SUPPLEMENT_REQUESTED);
        List<DossierEvent> events = new ArrayList<>();
        requireDigitisedSubmitted(c.documents(), c.digitisedDocuments());
        events.add(new DossierEvent.SupplementSupplied(Types.copy(c.documents()), c.at(),
                Types.copyOrNull(c.digitisedDocuments())));
        if (s.dueOfRecord().exists()) {
            RuleSet rules = ctx.rulesOn(s.receptionDay());
            Duration waited = ctx.calendar().officeTimeBetween(s.waitingSince(), c.at());
            Due record = rules.restartOnSupplement()
                    ? toDue(ctx.calculator(rules).compute(c.at(), s.procedure().appliedTime()))
                    : shift(s.dueOfRecord(), waited, ctx);
            Due national = shift(s.nationalDue(), waited, ctx);
            Due newCurrent = s.rescheduledDue().exists() ? s.rescheduledDue() : record;
            events.add(new DossierEvent.DueDateChanged(DueChangeReason.SUPPLEMENT_RESTART, s.currentDue(), newCurrent,
                    record, national, c.at()));
        }
        return events;
    }

    private static List<DossierEvent> transfer(DossierState s, Transfer c) {
        requireStatus(s, "transfer", Status.RECEIVED, Status.PROCESSING);
        requireText(c.toUnit(), "toUnit");
        Instant deadline = c.stepDeadline();
        if (deadline == null) {
            if (s.status() != Status.RECEIVED) {
                throw RuleViolation.input("step-deadline", "stepDeadline", "each hand-over needs its step deadline",
                        "mỗi bước chuyển xử lý phải có thời hạn của bước");
            }
            // The desk's own deadline (the 15:00 rule) is on the reception step; the processing step runs until
            // the dossier's current due unless the hand-over says otherwise.
            deadline = s.currentDue().at();
        } else {
            requireDeadline(deadline, c.at(), "stepDeadline");
        }
        return List.of(new DossierEvent.Transferred(s.currentUnit(), c.toUnit(), c.stepName(), c.officer(), deadline,
                c.at()));
    }

    private static List<DossierEvent> recordPayment(DossierState s, RecordPayment c, Context ctx) {
        requireStatus(s, "record-payment", Status.WAITING_FOR_PAYMENT);
        requireAmount(c.amountVnd());
        long asked = s.paymentRequestedVnd();
        boolean exact = ctx.rulesOn(s.receptionDay()).exactPayment();
        if (asked > 0 && (exact ? c.amountVnd() != asked : c.amountVnd() > asked)) {
            throw RuleViolation.input("payment-amount", "amountVnd", (exact ? "the payment must equal the amount "
                            : "the payment cannot exceed the amount ") + "requested, " + asked + " VND",
                    (exact ? "số tiền nộp phải bằng số tiền đã yêu cầu: " : "số tiền nộp không được vượt số tiền đã yêu cầu: ")
                            + asked + " đồng");
        }
        List<DossierEvent> events = new ArrayList<>();
        events.add(new DossierEvent.PaymentRecorded(c.amountVnd(), c.receiptRef(), c.at(), c.channel()));
        Duration waited = ctx.calendar().officeTimeBetween(s.waitingSince(), c.at());
        if (s.dueOfRecord().exists() && !waited.isZero()) {
            Due record = shift(s.dueOfRecord(), waited, ctx);
            Due national = shift(s.nationalDue(), waited, ctx);
            Due current = s.rescheduledDue().exists() ? shift(s.rescheduledDue(), waited, ctx) : record;
            events.add(new DossierEvent.DueDateChanged(DueChangeReason.PAYMENT_PAUSE, s.currentDue(), current, record,
                    national, c.at()));
        }
        return events;
    }

    private static List<DossierEvent> apologize(DossierState s, Apologize c, Context ctx) {
        requireOpen(s, "apologize");
        requireText(c.reason(), "reason");
        requireText(c.unitAtFault(), "unitAtFault");
        RuleSet rules = ctx.rulesOn(s.receptionDay());
        if (s.reschedules() >= rules.maxReschedules()) {
            throw RuleViolation.state("reschedule-limit", "a dossier may be rescheduled at most "
                    + rules.maxReschedules() + " time(s)", "hồ sơ chỉ được hẹn lại ngày trả kết quả "
                    + rules.maxReschedules() + " lần");
        }
        Due current = s.currentDue();
        if (!current.exists()) {
            throw RuleViolation.state("no-deadline", "the procedure has no due date to reschedule",
                    "thủ tục không có ngày hẹn trả");
        }
        LocalDate latest = latestApologyDay(current.date(), rules.apologyLeadWorkingDays(), ctx.calendar());
        if (ctx.day(c.at()).isAfter(latest)) {
            throw RuleViolation.state("apology-too-late", "an apology must be sent at least "
                    + rules.apologyLeadWorkingDays() + " working day(s) before the due date " + current.date()
                    + " (last day " + latest + ")", "văn bản xin lỗi phải gửi trước ngày hẹn trả ít nhất "
                    + rules.apologyLeadWorkingDays() + " ngày làm việc (hạn cuối " + latest + ")");
        }
        if (c.newDueDate() == null || !c.newDueDate().isAfter(current.date())) {
            throw RuleViolation.input("new-due-date", "newDueDate", "the new appointment must be after " + current.date(),
                    "ngày hẹn mới phải sau ngày " + current.date());
        }
        LocalDate furthest = ctx.calendar().addWorkingDays(current.date(), rules.maxExtensionWorkingDays());
        if (c.newDueDate().isAfter(furthest)) {
            throw RuleViolation.input("new-due-date", "newDueDate", "the new appointment may be at most "
                            + rules.maxExtensionWorkingDays() + " working days after " + current.date() + " (last day "
                            + furthest + ", rule set " + rules.id() + ")",
                    "ngày hẹn mới không được quá " + rules.maxExtensionWorkingDays() + " ngày làm việc sau ngày "
                            + current.date() + " (muộn nhất " + furthest + ")");
        }
        if (!ctx.calendar().isWorkingDay(c.newDueDate())) {
            throw RuleViolation.input("new-due-date", "newDueDate", c.newDueDate() + " is not a working day",
                    "ngày " + c.newDueDate() + " không phải ngày làm việc");
        }
        Due newDue = new Due(ctx.calendar().closeOfOffice(c.newDueDate()).toInstant(), c.newDueDate());
        return List.of(new DossierEvent.Apologized(c.unitAtFault(), c.reason(), newDue, c.at()),
                new DossierEvent.DueDateChanged(DueChangeReason.APOLOGY, current, newDue, s.dueOfRecord(),
                        s.nationalDue(), c.at()));
    }

    /**
     * Whether an apology sent on {@code sentOn} was in time for a due date: at least {@code lead} working days before
     * it (DOMAIN.md §6). The rule the apology command enforces and the one reporting-service's apology coverage
     * counts by: one function.
     */
    public static boolean apologySentInTime(LocalDate sentOn, LocalDate dueDate, int lead, WorkingCalendar calendar) {
        return !sentOn.isAfter(latestApologyDay(dueDate, lead, calendar));
    }

    /**
     * The last working day on which an apology is still at least {@code lead} working days before the due date
     * (due Monday, lead 1: the Friday before, not the weekend).
     */
    public static LocalDate latestApologyDay(LocalDate dueDate, int lead, WorkingCalendar calendar) {
        // the latest working day that still has `lead` working days after it up to and including the due date
        LocalDate day = dueDate.minusDays(1);
        while (!calendar.isWorkingDay(day) || calendar.addWorkingDays(day, lead).isAfter(dueDate)) {
            day = day.minusDays(1);
        }
        return day;
    }

    private static List<DossierEvent> markOverdue(DossierState s, MarkOverdue c) {
        Due due = s.currentDue();
        if (!s.status().clockRunning() || s.overdue() || !due.exists() || c.at().isBefore(due.at())) {
            return List.of(); // nothing to record: not running, already recorded, or not yet due
        }
        return List.of(new DossierEvent.Overdue(due, due.at()));
    }

    // ============================================================== evolve

    public static DossierState evolve(DossierState s, DossierEvent event) {
        DossierState.Builder b = s.toBuilder();
        if (event instanceof DossierEvent.Received e) {
            intake(b, Status.RECEIVED, e.dossierCode(), e.procedure(), e.receivingUnit(), e.competentUnit(),
                    e.channel(), e.applicant(), e.submittedAt());
            b.receivedAt = e.at();
            b.countingStartsAt = e.countingStartsAt();
            b.receptionDay = e.countingStartsAt().atZone(WorkingCalendar.VIETNAM).toLocalDate();
            b.supplementWindowStart = b.receptionDay;
            b.ruleSet = e.ruleSet();
            b.dueAtReception = e.due();
            b.dueOfRecord = e.due();
            b.nationalDue = e.due();
            b.transferDeadline = e.transferDeadline();
            b.lookupSecretHash = e.lookupSecretHash();
            b.steps = List.of(new Step(1, e.receivingUnit(), "reception", e.officer(), e.at(), e.transferDeadline(),
                    null));
        } else if (event instanceof DossierEvent.RefusedAtReception e) {
            intake(b, Status.REFUSED_AT_RECEPTION, e.dossierCode(), e.procedure(), e.receivingUnit(),
                    e.competentUnit(), e.channel(), e.applicant(), e.submittedAt());
            b.completedAt = null;
            b.steps = List.of();
        } else if (event instanceof DossierEvent.Transferred e) {
            List<Step> steps = new ArrayList<>(s.steps());
            if (!steps.isEmpty() && steps.get(steps.size() - 1).handedOverAt() == null) {
                steps.set(steps.size() - 1, steps.get(steps.size() - 1).handOver(e.at()));
            }
            steps.add(new Step(steps.size() + 1, e.toUnit(), e.stepName(), e.officer(), e.at(), e.stepDeadline(), null));
            b.steps = steps;
            b.currentUnit = e.toUnit();
            b.status = Status.PROCESSING;
        } else if (event instanceof DossierEvent.SupplementRequested e) {
            b.supplementRequests = s.supplementRequests() + 1;
            if (s.status() == Status.RECEIVED) {
                b.supplementsBeforeProcessing = s.supplementsBeforeProcessing() + 1;
            }
            b.status = Status.SUPPLEMENT_REQUESTED;
            b.waitingSince = e.at();
        } else if (event instanceof DossierEvent.SupplementSupplied e) {
            b.status = s.steps().size() > 1 ? Status.PROCESSING : Status.RECEIVED;
            b.waitingSince = null;
            b.supplementWindowStart = e.at().atZone(WorkingCalendar.VIETNAM).toLocalDate();
        } else if (event instanceof DossierEvent.PaymentRequested e) {
            b.status = Status.WAITING_FOR_PAYMENT;
            b.waitingSince = e.at();
            b.paymentRequestedVnd = e.amountVnd();
        } else if (event instanceof DossierEvent.PaymentRecorded) {
            b.status = s.steps().size() > 1 ? Status.PROCESSING : Status.RECEIVED;
            b.waitingSince = null;
            b.paymentRequestedVnd = 0;
        } else if (event instanceof DossierEvent.DueDateChanged e) {
            b.dueOfRecord = e.dueOfRecord();
            b.nationalDue = e.nationalDue();
            if (e.reason() == DueChangeReason.APOLOGY || s.rescheduledDue().exists()) {
                b.rescheduledDue = e.newDue();
            }
        } else if (event instanceof DossierEvent.Apologized e) {
            b.reschedules = s.reschedules() + 1;
            b.apologyAt = e.at();
        } else if (event instanceof DossierEvent.Overdue) {
            b.overdue = true;
        } else if (event instanceof DossierEvent.Processed e) {
            b.status = Status.PROCESSED;
            b.outcome = e.outcome();
            b.completedAt = e.at();
            b.steps = closeLastStep(s.steps(), e.at());
        } else if (event instanceof DossierEvent.RefusedAfterAppraisal e) {
            b.status = Status.REFUSED_AFTER_APPRAISAL;
            b.completedAt = e.at();
            b.steps = closeLastStep(s.steps(), e.at());
        } else if (event instanceof DossierEvent.Returned e) {
            b.status = Status.RETURNED;
            b.returnedAt = e.at();
            b.returnChannel = e.channel();
        } else if (event instanceof DossierEvent.Stopped e) {
            b.status = Status.STOPPED;
            b.completedAt = e.at();
            b.steps = closeLastStep(s.steps(), e.at());
        } else if (event instanceof DossierEvent.Withdrawn e) {
            b.status = Status.WITHDRAWN;
            b.steps = closeLastStep(s.steps(), e.at());
        }
        // Consulted, ApplicantNotified and the portal sync's receipts change no state: they are kept in the history only.
        return b.build();
    }

    /** What reception and refusal at reception both record about a new dossier. */
    private static void intake(DossierState.Builder b, Status status, String code, Types.ProcedureTerms procedure,
                               String receivingUnit, String competentUnit, Types.Channel channel,
                               Types.Applicant applicant, Instant submittedAt) {
        b.exists = true;
        b.status = status;
        b.dossierCode = code;
        b.procedure = procedure;
        b.receivingUnit = receivingUnit;
        b.competentUnit = competentUnit;
        b.currentUnit = receivingUnit;
        b.channel = channel;
        b.applicant = applicant;
        b.submittedAt = submittedAt;
    }

    private static List<Step> closeLastStep(List<Step> steps, Instant at) {
        if (steps.isEmpty() || steps.get(steps.size() - 1).handedOverAt() != null) {
            return steps;
        }
        List<Step> copy = new ArrayList<>(steps);
        copy.set(copy.size() - 1, copy.get(copy.size() - 1).handOver(at));
        return copy;
    }

    // ============================================================== classification

    /** Early / on time / late of a completed dossier against its due of record (the law). */
    public static Timeliness classify(DossierState s, Context ctx) {
        return classify(s.completedAt(), s.dueOfRecord(), s, ctx);
    }

    /** The same against the national measurement's due; more than one supplement request counts as late. */
    public static Timeliness classifyNational(DossierState s, Context ctx) {
        if (s.supplementRequests() > 1) {
            return Timeliness.LATE;
        }
        return classify(s.completedAt(), s.nationalDue(), s, ctx);
    }

    private static Timeliness classify(Instant completedAt, Due due, DossierState s, Context ctx) {
        if (completedAt == null) {
            throw new IllegalStateException("the dossier is not completed");
        }
        return Timeliness.classify(completedAt, due.at(), due.date(), s.procedure().appliedTime(),
                ctx.calendar().zone());
    }

    // ============================================================== helpers

    static Due toDue(DueDate d) {
        return d.dueAt().isEmpty() ? Due.NONE : new Due(d.dueAt().get().toInstant(), d.dueDate().orElseThrow());
    }

    /** Moves a due later by office time (the clock did not run while the applicant owed something). */
    static Due shift(Due due, Duration officeTime, Context ctx) {
        if (!due.exists() || officeTime.isZero()) {
            return due;
        }
        // from just before the due instant, so a due at the close of office continues on the next working period
        Instant at = ctx.calendar().addOfficeTime(due.at().minusSeconds(1), officeTime).plusSeconds(1);
        return new Due(at, ctx.day(at));
    }

    private static String unitOr(String unit, DossierState s) {
        return unit == null || unit.isBlank() ? s.currentUnit() : unit;
    }

    private static void requireExists(DossierState s) {
        if (!s.exists()) {
            throw new RuleViolation(404, "not-found", null, "no such dossier", "không tìm thấy hồ sơ");
        }
    }

    private static void requireAmount(long amountVnd) {
        if (amountVnd <= 0 || amountVnd > MAX_AMOUNT_VND) {
            throw RuleViolation.input("payment-amount", "amountVnd", "the amount must be positive and at most "
                    + MAX_AMOUNT_VND + " VND", "số tiền phải lớn hơn 0 và không quá " + MAX_AMOUNT_VND + " đồng");
        }
    }

    /** A deadline someone sets for a step: after the moment it is set, and within the horizon. */
    private static void requireDeadline(Instant deadline, Instant at, String field) {
        if (deadline != null && (!deadline.isAfter(at) || deadline.isAfter(at.plus(DEADLINE_HORIZON)))) {
            throw RuleViolation.input("deadline", field, "the deadline must be after the moment it is set (" + at
                    + ") and at most " + DEADLINE_HORIZON.toDays() + " days later",
                    "thời hạn phải sau thời điểm giao và không quá " + DEADLINE_HORIZON.toDays() + " ngày");
        }
    }

    private static void requireNotBefore(DossierState s, Instant at) {
        Instant since = s.receivedAt() != null ? s.receivedAt() : s.submittedAt();
        if (since != null && at.isBefore(since)) {
            throw RuleViolation.input("time-order", "at", "a step cannot happen before the dossier was received",
                    "thao tác không thể trước thời điểm tiếp nhận hồ sơ");
        }
    }

    private static void requireOpen(DossierState s, String action) {
        if (s.status() == null || !s.status().open()) {
            throw RuleViolation.state("not-open", "cannot " + action + ": the dossier is " + s.status(),
                    "không thể thực hiện: hồ sơ đang ở trạng thái " + s.status());
        }
    }

    private static void requireStatus(DossierState s, String action, Status... allowed) {
        for (Status a : allowed) {
            if (s.status() == a) {
                return;
            }
        }
        throw RuleViolation.state("wrong-status", "cannot " + action + " a dossier that is " + s.status()
                        + " (allowed: " + java.util.Arrays.toString(allowed) + ")",
                "không thể thực hiện thao tác với hồ sơ đang ở trạng thái " + s.status());
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.input("required", field, field + " is required", field + " là bắt buộc");
        }
    }
}
