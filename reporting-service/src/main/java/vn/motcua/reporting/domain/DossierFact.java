package vn.motcua.reporting.domain;

import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.ProcessingTimeUnit;
import vn.motcua.duedate.Timeliness;
import vn.motcua.duedate.WorkingCalendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything the reform-index views need to know about one dossier, folded from its events in version order. The
 * fold is pure apart from the working calendar it is given (for apology lead time and time used).
 *
 * <p>Kept apart, as DOMAIN.md section 6 asks: the due at reception, the due of record (the law: restarted by a
 * complete supplement, moved by payment waits, never by an apology), the national due (waiting subtracted) and the
 * rescheduled due (the apology's new date). Every due in force is kept with the instant it took effect, and every
 * wait for the applicant as an interval, so a past period's figures can be taken "as they were then".
 */
public final class DossierFact {

    /** A due in force from an instant on. */
    public record DueMark(Instant from, Instant recordAt, LocalDate recordDate, Instant nationalAt,
                          LocalDate nationalDate) {
    }

    /** A wait for the applicant (supplement or payment); {@code to} is null while waiting. */
    /** A notice's receipt: the applicant told (delivered) or not, about the event at {@code forVersion}. */
    public record Notice(int forVersion, String kind, String channel, boolean delivered, int attempts, Instant at) {
    }

    public record Wait(String kind, Instant from, Instant to) {
    }

    /** A handling step of the process control sheet. */
    public record Step(int number, String unitCode, String stepName, Instant startedAt, Instant deadline,
                       Instant endedAt) {
        Step end(Instant at) {
            return endedAt != null ? this : new Step(number, unitCode, stepName, startedAt, deadline, at);
        }
    }

    public UUID dossierId;
    public String dossierCode;
    public long lastVersion;
    public String procedureCode;
    public int procedureVersion;
    public String procedureNameVi;
    public String timeUnit;
    public int legalAmount;
    public int appliedAmount;
    /** The unit of the applied time (the commitment's when shorter): it decides how completion is compared. */
    public String appliedUnit;
    public boolean committedShorter;
    public String onlineLevel;
    public String receivingUnit;
    public String competentUnit;
    public String channel;
    public Instant enteredAt;
    public Instant receivedAt;
    public Instant refusedAtReception;
    public Instant countingStartsAt;
    public Instant dueReceptionAt;
    public LocalDate dueReceptionDate;
    public Instant dueRecordAt;
    public LocalDate dueRecordDate;
    public Instant nationalDueAt;
    public LocalDate nationalDueDate;
    public Instant rescheduledDueAt;
    public LocalDate rescheduledDueDate;
    public Instant lastDueChangeAt;
    public List<DueMark> dueHistory = new ArrayList<>();
    public int supplementRequests;
    public Instant secondSupplementAt;
    public List<Wait> waits = new ArrayList<>();
    public Instant apologyAt;
    /** When the applicant was first told of the apology (a delivered APOLOGY notice), or null. */
    public Instant apologyInformedAt;
    /** The notice receipts this batch folded, written once each to notice_fact (not read back: nothing folds them). */
    public final List<Notice> newNotices = new ArrayList<>();
    /**
     * The earliest instant from which what was folded since the fact was read changes a summed figure (null: none
     * does): a closed period ending by then counts the same (not stored; the projection drops only the summaries of
     * later periods).
     */
    public Instant figuresChangedSince;
    public String apologyUnit;
    public Boolean apologyTimely;
    public Instant overdueAt;
    public Instant completedAt;
    public String completionKind;
    public String outcome;
    public Timeliness recordTimeliness;
    public Timeliness nationalTimeliness;
    public BigDecimal usedAmount;
    public BigDecimal usedRatio;
    public Instant returnedAt;
    public String returnChannel;
    public Instant withdrawnAt;
    public String currentUnit;
    public List<Step> steps = new ArrayList<>();
    /** The first payment that said its channel (DOMAIN.md §9): when, how, and whether that is online. */
    public Instant paidAt;
    public String paymentChannel;
    public Boolean paidOnline;
    /** Every submitted component digitised (reception and supplements); null when the reception did not say. */
    public Boolean digitisedAll;
    /** The result issued electronically; null when the result did not say (or there is none). */
    public Boolean resultElectronic;
    /**
     * The national portal's latest answer: SYNCED or REFUSED (null: never answered), for the event at
     * {@code syncForVersion}, at {@code syncAt}; a refusal's code and message, cleared by a later acceptance.
     */
    public String syncState;
    public Integer syncForVersion;
    public Instant syncAt;
    public String syncErrorCode;
    public String syncErrorMessage;

    public DossierFact(UUID dossierId, String dossierCode) {
        this.dossierId = dossierId;
        this.dossierCode = dossierCode;
    }

    /**
     * A copy to fold on while this one stays as it was (the rebuild's memory keeps the committed fact until the
     * fold commits). The lists are copied; their elements are records. {@code DossierFactTest} checks that every
     * field is copied.
     */
    public DossierFact copy() {
        DossierFact c = new DossierFact(dossierId, dossierCode);
        c.lastVersion = lastVersion;
        c.procedureCode = procedureCode;
        c.procedureVersion = procedureVersion;
        c.procedureNameVi = procedureNameVi;
        c.timeUnit = timeUnit;
        c.legalAmount = legalAmount;
        c.appliedAmount = appliedAmount;
        c.appliedUnit = appliedUnit;
        c.committedShorter = committedShorter;
        c.onlineLevel = onlineLevel;
        c.receivingUnit = receivingUnit;
        c.competentUnit = competentUnit;
        c.channel = channel;
        c.enteredAt = enteredAt;
        c.receivedAt = receivedAt;
        c.refusedAtReception = refusedAtReception;
        c.countingStartsAt = countingStartsAt;
        c.dueReceptionAt = dueReceptionAt;
        c.dueReceptionDate = dueReceptionDate;
        c.dueRecordAt = dueRecordAt;
        c.dueRecordDate = dueRecordDate;
        c.nationalDueAt = nationalDueAt;
        c.nationalDueDate = nationalDueDate;
        c.rescheduledDueAt = rescheduledDueAt;
        c.rescheduledDueDate = rescheduledDueDate;
        c.lastDueChangeAt = lastDueChangeAt;
        c.dueHistory = new ArrayList<>(dueHistory);
        c.supplementRequests = supplementRequests;
        c.secondSupplementAt = secondSupplementAt;
        c.waits = new ArrayList<>(waits);
        c.apologyAt = apologyAt;
        c.apologyInformedAt = apologyInformedAt;
        c.newNotices.addAll(newNotices);
        c.figuresChangedSince = figuresChangedSince;
        c.apologyUnit = apologyUnit;
        c.apologyTimely = apologyTimely;
        c.overdueAt = overdueAt;
        c.completedAt = completedAt;
        c.completionKind = completionKind;
        c.outcome = outcome;
        c.recordTimeliness = recordTimeliness;
        c.nationalTimeliness = nationalTimeliness;
        c.usedAmount = usedAmount;
        c.usedRatio = usedRatio;
        c.returnedAt = returnedAt;
        c.returnChannel = returnChannel;
        c.withdrawnAt = withdrawnAt;
        c.currentUnit = currentUnit;
        c.steps = new ArrayList<>(steps);
        c.paidAt = paidAt;
        c.paymentChannel = paymentChannel;
        c.paidOnline = paidOnline;
        c.digitisedAll = digitisedAll;
        c.resultElectronic = resultElectronic;
        c.syncState = syncState;
        c.syncForVersion = syncForVersion;
        c.syncAt = syncAt;
        c.syncErrorCode = syncErrorCode;
        c.syncErrorMessage = syncErrorMessage;
        return c;
    }

    /** Applies one event; the caller applies each version once and in order. */
    public void apply(long version, DossierEvent event, WorkingCalendar calendar, int apologyLeadWorkingDays) {
        lastVersion = version;
        Boolean digitisedBefore = digitisedAll;
        if (event instanceof DossierEvent.Received e) {
            changes(e.at());
            terms(e.procedure());
            receivingUnit = e.receivingUnit();
            competentUnit = e.competentUnit();
            currentUnit = e.receivingUnit();
            channel = e.channel().name();
            receivedAt = e.at();
            enteredAt = e.at();
            countingStartsAt = e.countingStartsAt() != null ? e.countingStartsAt() : e.at();
            dueReceptionAt = e.due().at();
            dueReceptionDate = e.due().date();
            dueRecordAt = dueReceptionAt;
            dueRecordDate = dueReceptionDate;
            nationalDueAt = dueReceptionAt;
            nationalDueDate = dueReceptionDate;
            dueHistory.add(new DueMark(e.at(), dueRecordAt, dueRecordDate, nationalDueAt, nationalDueDate));
            steps.add(new Step(1, e.receivingUnit(), "reception", e.at(), e.transferDeadline(), null));
            digitisedAll = Types.allDigitised(e.documents(), e.digitisedDocuments());
        } else if (event instanceof DossierEvent.RefusedAtReception e) {
            terms(e.procedure());
            receivingUnit = e.receivingUnit();
            competentUnit = e.competentUnit();
            channel = e.channel().name();
            refusedAtReception = e.at();
            enteredAt = e.at();
            changes(e.at());
        } else if (event instanceof DossierEvent.SupplementRequested e) {
            changes(e.at()); // the wait, and a second request's mark, from now on
            supplementRequests++;
            if (supplementRequests == 2) {
                secondSupplementAt = e.at();
            }
            startWait("SUPPLEMENT", e.at());
        } else if (event instanceof DossierEvent.SupplementSupplied e) {
            endWait("SUPPLEMENT", e.at());
            changes(e.at());
            // a supplement that does not say leaves the reception's answer; one on paper makes the dossier not all digitised
            if (Boolean.FALSE.equals(Types.allDigitised(e.documents(), e.digitisedDocuments())) && digitisedAll != null) {
                digitisedAll = false;
            }
        } else if (event instanceof DossierEvent.PaymentRequested e) {
            startWait("PAYMENT", e.at());
            changes(e.at());
        } else if (event instanceof DossierEvent.PaymentRecorded e) {
            endWait("PAYMENT", e.at());
            changes(e.at());
            if (paidAt == null && e.channel() != null) {
                paidAt = e.at();
                paymentChannel = e.channel().name();
                paidOnline = e.channel().online(); // dossier-domain's rule of what counts as online
            }
        } else if (event instanceof DossierEvent.Transferred e) {
            endLastStep(e.at());
            steps.add(new Step(steps.size() + 1, e.toUnit(), e.stepName(), e.at(), e.stepDeadline(), null));
            currentUnit = e.toUnit(); // steps and the current unit: no summed figure
        } else if (event instanceof DossierEvent.Processed e) {
            complete("PROCESSED", e.at(), calendar);
            outcome = e.outcome().name();
            if (resultElectronic == null) {
                resultElectronic = e.issuedElectronically();
                changes(completedAt); // counted with the results of its completion's period
            }
        } else if (event instanceof DossierEvent.RefusedAfterAppraisal e) {
            complete("REFUSED_AFTER_APPRAISAL", e.at(), calendar);
            outcome = Types.Outcome.DENIED.name();
        } else if (event instanceof DossierEvent.Stopped e) {
            complete("STOPPED", e.at(), calendar);
        } else if (event instanceof DossierEvent.Overdue e) {
            if (overdueAt == null) {
                overdueAt = e.at();
                changes(e.at());
            }
        } else if (event instanceof DossierEvent.Apologized e) {
            changes(e.at());
            if (apologyAt == null) {
                apologyAt = e.at();
                apologyUnit = e.unitAtFault();
                apologyTimely = dueRecordDate != null
                        && apologySentInTime(e.at(), dueRecordDate, calendar, apologyLeadWorkingDays);
            }
            rescheduledDueAt = e.newDue().at();
            rescheduledDueDate = e.newDue().date();
        } else if (event instanceof DossierEvent.DueDateChanged e) {
            dueRecordAt = e.dueOfRecord().at();
            dueRecordDate = e.dueOfRecord().date();
            nationalDueAt = e.nationalDue().at();
            nationalDueDate = e.nationalDue().date();
            if (e.reason() == Types.DueChangeReason.APOLOGY) {
                rescheduledDueAt = e.newDue().at();
                rescheduledDueDate = e.newDue().date();
            }
            lastDueChangeAt = e.at();
            changes(e.at()); // a period ended before counts the due then in force (the history)
            dueHistory.add(new DueMark(e.at(), dueRecordAt, dueRecordDate, nationalDueAt, nationalDueDate));
        } else if (event instanceof DossierEvent.Returned e) {
            returnedAt = e.at();
            returnChannel = e.channel().name();
            changes(e.at());
        } else if (event instanceof DossierEvent.Withdrawn e) {
            withdrawnAt = e.at();
            changes(e.at());
            endLastStep(e.at());
        } else if (event instanceof DossierEvent.ApplicantNotified e) {
            newNotices.add(new Notice(e.forVersion(), e.kind().name(), e.channel().name(), e.delivered(),
                    e.attempts(), e.at()));
            // a notice sent again is counted where its latest receipt falls, and leaves the period of an earlier
            // one, which this fact does not know: any period of the dossier
            changes(e.attempts() > 1 ? enteredAt : e.at());
            if (e.delivered() && e.kind() == Types.NoticeKind.APOLOGY && apologyInformedAt == null) {
                apologyInformedAt = e.at();
            }
        } else if (event instanceof DossierEvent.SyncedToNationalPortal e) {
            sync("SYNCED", e.forVersion(), e.at(), null, null);
        } else if (event instanceof DossierEvent.NationalPortalSyncRefused e) {
            sync("REFUSED", e.forVersion(), e.at(), e.errorCode(), e.errorMessage());
        }
        // Consulted: no figure depends on it
        if (!java.util.Objects.equals(digitisedBefore, digitisedAll)) {
            changes(receivedAt); // counted with the dossiers received in its period
        }
    }

    /** What was just folded changes summed figures from {@code at} on (see {@link #figuresChangedSince}). */
    private void changes(Instant at) {
        if (at != null && (figuresChangedSince == null || at.isBefore(figuresChangedSince))) {
            figuresChangedSince = at;
        }
    }

    /** The latest answer of the portal decides whether the dossier counts as synchronised (DOMAIN.md §7). */
    private void sync(String state, int forVersion, Instant at, String errorCode, String errorMessage) {
        if (!state.equals(syncState)) {
            changes(receivedAt); // counted with the dossiers received in its period
        }
        syncState = state;
        syncForVersion = forVersion;
        syncAt = at;
        syncErrorCode = errorCode;
        syncErrorMessage = errorMessage;
    }

    private void terms(Types.ProcedureTerms p) {
        procedureCode = p.code();
        procedureVersion = p.version();
        procedureNameVi = p.nameVi();
        timeUnit = p.legalTime().unit().name();
        legalAmount = p.legalTime().amount();
        appliedAmount = p.appliedTime().amount();
        appliedUnit = p.appliedTime().unit().name();
        committedShorter = p.committedTime() != null;
        onlineLevel = p.onlineLevel();
    }

    private void startWait(String kind, Instant at) {
        waits.add(new Wait(kind, at, null));
    }

    private void endWait(String kind, Instant at) {
        for (int i = waits.size() - 1; i >= 0; i--) {
            Wait w = waits.get(i);
            if (w.kind().equals(kind) && w.to() == null) {
                waits.set(i, new Wait(kind, w.from(), at));
                return;
            }
        }
    }

    private void endLastStep(Instant at) {
        if (!steps.isEmpty()) {
            steps.set(steps.size() - 1, steps.get(steps.size() - 1).end(at));
        }
    }

    private void complete(String kind, Instant at, WorkingCalendar calendar) {
        if (completedAt != null) {
            return;
        }
        changes(at); // the completion, its timeliness, time used and result, all counted in its period
        completedAt = at;
        completionKind = kind;
        endLastStep(at);
        // the time that set the due decides how to compare (the due-date library's rule, as dossier-service uses it);
        // facts folded before applied_unit existed fall back to the legal time's unit until a rebuild
        ProcessingTime applied = new ProcessingTime(appliedAmount,
                ProcessingTimeUnit.valueOf(appliedUnit != null ? appliedUnit : timeUnit));
        recordTimeliness = Timeliness.classify(at, dueRecordAt, dueRecordDate, applied, calendar.zone());
        nationalTimeliness = supplementRequests > 1 ? Timeliness.LATE
                : Timeliness.classify(at, nationalDueAt, nationalDueDate, applied, calendar.zone());
        timeUsed(calendar);
    }

    private void timeUsed(WorkingCalendar calendar) {
        usedAmount = used(new ProcessingTime(legalAmount, ProcessingTimeUnit.valueOf(timeUnit)), calendar);
        usedRatio = usedAmount == null || legalAmount <= 0 ? null
                : usedAmount.divide(BigDecimal.valueOf(legalAmount), 4, RoundingMode.HALF_UP);
    }

    /**
     * Counts again, after a revision of the working calendar, what this fact counted in working time: whether the
     * apology was sent in time and the time used. The dues themselves come from dossier-service's events and stay.
     * Gives what a fold of the same events from the start with {@code calendar} gives (a rebuild).
     */
    public void recalendar(WorkingCalendar calendar, int apologyLeadWorkingDays) {
        changes(apologyAt);
        changes(completedAt);
        if (apologyAt != null) {
            LocalDate due = dueRecordDateAt(apologyAt);
            apologyTimely = due != null && apologySentInTime(apologyAt, due, calendar, apologyLeadWorkingDays);
        }
        if (completedAt != null) {
            timeUsed(calendar);
        }
    }

    /** The due-of-record date in force at an instant: the last due that took effect by then. */
    private LocalDate dueRecordDateAt(Instant at) {
        LocalDate date = null;
        for (DueMark m : dueHistory) {
            if (!m.from().isAfter(at)) {
                date = m.recordDate();
            }
        }
        return date;
    }

    /**
     * Time used from the start of counting to completion, in the unit of the legal time: working days after the day
     * of reception up to and including the completion day; calendar days likewise; office hours or minutes.
     */
    private BigDecimal used(ProcessingTime legal, WorkingCalendar calendar) {
        Instant start = countingStartsAt != null ? countingStartsAt : receivedAt;
        if (start == null) {
            return null;
        }
        LocalDate startDay = start.atZone(calendar.zone()).toLocalDate();
        LocalDate endDay = completedAt.atZone(calendar.zone()).toLocalDate();
        switch (legal.unit()) {
            case WORKING_DAYS -> {
                int days = 0;
                for (LocalDate d = startDay.plusDays(1); !d.isAfter(endDay); d = d.plusDays(1)) {
                    if (calendar.isWorkingDay(d)) {
                        days++;
                    }
                }
                return BigDecimal.valueOf(days);
            }
            case CALENDAR_DAYS -> {
                return BigDecimal.valueOf(Math.max(0, ChronoUnit.DAYS.between(startDay, endDay)));
            }
            case WORKING_HOURS -> {
                long minutes = completedAt.isAfter(start) ? calendar.officeTimeBetween(start, completedAt).toMinutes() : 0;
                return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
            }
            case WORKING_MINUTES -> {
                long minutes = completedAt.isAfter(start) ? calendar.officeTimeBetween(start, completedAt).toMinutes() : 0;
                return BigDecimal.valueOf(minutes);
            }
            default -> {
                return null;
            }
        }
    }

    /** Sent at least {@code lead} working days before the due date of record. */
    static boolean apologySentInTime(Instant sentAt, LocalDate dueDate, WorkingCalendar calendar, int lead) {
        // dossier-domain's rule, the one the apology command enforces
        return vn.motcua.dossier.domain.Dossier.apologySentInTime(sentAt.atZone(calendar.zone()).toLocalDate(), dueDate,
                lead, calendar);
    }
}
