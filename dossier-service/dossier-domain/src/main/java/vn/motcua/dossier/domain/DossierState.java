package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.domain.Types.ReturnChannel;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.dossier.domain.Types.Step;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dossier's state, folded from its events. Three dues are kept apart: the due at reception, the due of record
 * (the law: restarted by a complete supplement, moved by payment waits, not by apologies) and the rescheduled due
 * (the apology's new appointment). The national measurement's due subtracts every wait instead.
 */
public record DossierState(
        boolean exists,
        String dossierCode,
        Status status,
        ProcedureTerms procedure,
        String receivingUnit,
        String competentUnit,
        String currentUnit,
        Channel channel,
        Applicant applicant,
        Instant submittedAt,
        Instant receivedAt,
        Instant countingStartsAt,
        LocalDate receptionDay,
        String ruleSet,
        Due dueAtReception,
        Due dueOfRecord,
        Due rescheduledDue,
        Due nationalDue,
        Instant transferDeadline,
        int supplementRequests,
        int supplementsBeforeProcessing,
        Instant waitingSince,
        LocalDate supplementWindowStart,
        boolean overdue,
        int reschedules,
        Instant apologyAt,
        Instant completedAt,
        Outcome outcome,
        Instant returnedAt,
        ReturnChannel returnChannel,
        List<Step> steps,
        String lookupSecretHash,
        long paymentRequestedVnd) {

    public static final DossierState NEW = new DossierState(false, null, null, null, null, null, null, null, null,
            null, null, null, null, null, Due.NONE, Due.NONE, Due.NONE, Due.NONE, null, 0, 0, null, null, false, 0, null,
            null, null, null, null, List.of(), null, 0);

    /** The appointment the applicant holds now: the rescheduled due if there is one, else the due of record. */
    public Due currentDue() {
        return rescheduledDue.exists() ? rescheduledDue : dueOfRecord;
    }

    public boolean apologized() {
        return apologyAt != null;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used only while folding one event. */
    static final class Builder {
        boolean exists;
        String dossierCode;
        Status status;
        ProcedureTerms procedure;
        String receivingUnit;
        String competentUnit;
        String currentUnit;
        Channel channel;
        Applicant applicant;
        Instant submittedAt;
        Instant receivedAt;
        Instant countingStartsAt;
        LocalDate receptionDay;
        String ruleSet;
        Due dueAtReception;
        Due dueOfRecord;
        Due rescheduledDue;
        Due nationalDue;
        Instant transferDeadline;
        int supplementRequests;
        int supplementsBeforeProcessing;
        Instant waitingSince;
        LocalDate supplementWindowStart;
        boolean overdue;
        int reschedules;
        Instant apologyAt;
        Instant completedAt;
        Outcome outcome;
        Instant returnedAt;
        ReturnChannel returnChannel;
        List<Step> steps;
        String lookupSecretHash;
        long paymentRequestedVnd;

        Builder(DossierState s) {
            exists = s.exists;
            dossierCode = s.dossierCode;
            status = s.status;
            procedure = s.procedure;
            receivingUnit = s.receivingUnit;
            competentUnit = s.competentUnit;
            currentUnit = s.currentUnit;
            channel = s.channel;
            applicant = s.applicant;
            submittedAt = s.submittedAt;
            receivedAt = s.receivedAt;
            countingStartsAt = s.countingStartsAt;
            receptionDay = s.receptionDay;
            ruleSet = s.ruleSet;
            dueAtReception = s.dueAtReception;
            dueOfRecord = s.dueOfRecord;
            rescheduledDue = s.rescheduledDue;
            nationalDue = s.nationalDue;
            transferDeadline = s.transferDeadline;
            supplementRequests = s.supplementRequests;
            supplementsBeforeProcessing = s.supplementsBeforeProcessing;
            waitingSince = s.waitingSince;
            supplementWindowStart = s.supplementWindowStart;
            overdue = s.overdue;
            reschedules = s.reschedules;
            apologyAt = s.apologyAt;
            completedAt = s.completedAt;
            outcome = s.outcome;
            returnedAt = s.returnedAt;
            returnChannel = s.returnChannel;
            steps = s.steps;
            lookupSecretHash = s.lookupSecretHash;
            paymentRequestedVnd = s.paymentRequestedVnd;
        }

        DossierState build() {
            return new DossierState(exists, dossierCode, status, procedure, receivingUnit, competentUnit, currentUnit,
                    channel, applicant, submittedAt, receivedAt, countingStartsAt, receptionDay, ruleSet,
                    dueAtReception, dueOfRecord, rescheduledDue, nationalDue, transferDeadline, supplementRequests,
                    supplementsBeforeProcessing, waitingSince, supplementWindowStart, overdue, reschedules, apologyAt,
                    completedAt, outcome, returnedAt, returnChannel, List.copyOf(steps), lookupSecretHash,
                    paymentRequestedVnd);
        }
    }
}
