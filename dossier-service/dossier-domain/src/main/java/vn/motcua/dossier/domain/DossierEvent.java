package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.DueChangeReason;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.PaymentChannel;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.domain.Types.ReturnChannel;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a dossier. Events are facts: immutable, appended in order, each with the instant it happened
 * ({@code at}; for imported history, the original instant). The store adds the dossier id, version and event id.
 */
public sealed interface DossierEvent {

    Instant at();

    /**
     * A complete dossier was received: it has a code, a receipt and a due date. {@code digitisedDocuments}: which of
     * {@code documents} the desk digitised (scanned or received as electronic files); null when not said.
     */
    record Received(String dossierCode, ProcedureTerms procedure, String receivingUnit, String competentUnit,
                    Channel channel, Applicant applicant, List<String> documents, Instant submittedAt, Instant at,
                    String officer, String ruleSet, Due due, Instant countingStartsAt, Instant transferDeadline,
                    String lookupSecretHash, List<String> digitisedDocuments) implements DossierEvent {
        public Received(String dossierCode, ProcedureTerms procedure, String receivingUnit, String competentUnit,
                        Channel channel, Applicant applicant, List<String> documents, Instant submittedAt, Instant at,
                        String officer, String ruleSet, Due due, Instant countingStartsAt, Instant transferDeadline,
                        String lookupSecretHash) {
            this(dossierCode, procedure, receivingUnit, competentUnit, channel, applicant, documents, submittedAt, at,
                    officer, ruleSet, due, countingStartsAt, transferDeadline, lookupSecretHash, null);
        }
    }

    /** Refused at reception (wrong authority, invalid): never received, never timed. */
    record RefusedAtReception(String dossierCode, ProcedureTerms procedure, String receivingUnit,
                              String competentUnit, Channel channel, Applicant applicant, Instant submittedAt,
                              Instant at, String officer, String reason) implements DossierEvent {
    }

    /** Refused after appraisal, with a reason: a completion. */
    record RefusedAfterAppraisal(String unitCode, String officer, String reason, Instant at) implements DossierEvent {
    }

    /** {@code supplyBy}: the date the desk asked the applicant to bring the documents by, when it set one. */
    record SupplementRequested(String unitCode, String officer, List<String> missing, int requestNumber, Instant at,
                               java.time.LocalDate supplyBy) implements DossierEvent {
        public SupplementRequested(String unitCode, String officer, List<String> missing, int requestNumber,
                                   Instant at) {
            this(unitCode, officer, missing, requestNumber, at, null);
        }
    }

    /** {@code digitisedDocuments}: which of {@code documents} were digitised; null when not said. */
    record SupplementSupplied(List<String> documents, Instant at, List<String> digitisedDocuments)
            implements DossierEvent {
        public SupplementSupplied(List<String> documents, Instant at) {
            this(documents, at, null);
        }
    }

    /** A hand-over to another unit or step, with that step's own deadline. */
    record Transferred(String fromUnit, String toUnit, String stepName, String officer, Instant stepDeadline,
                       Instant at) implements DossierEvent {
    }

    record Consulted(String unitCode, String consultedUnit, String question, Instant replyDeadline, Instant at)
            implements DossierEvent {
    }

    record PaymentRequested(long amountVnd, String description, Instant at) implements DossierEvent {
    }

    /** {@code channel}: how it was paid (online through the portal or the gateway, or at the desk); null when not said. */
    record PaymentRecorded(long amountVnd, String receiptRef, Instant at, PaymentChannel channel)
            implements DossierEvent {
        public PaymentRecorded(long amountVnd, String receiptRef, Instant at) {
            this(amountVnd, receiptRef, at, null);
        }
    }

    /**
     * The result is ready (granted or denied). {@code issuedElectronically}: the result document was issued as a
     * signed electronic document (it exists from this moment, however it is handed over later); null when not said.
     */
    record Processed(String unitCode, String officer, Outcome outcome, String resultDocumentRef, Instant at,
                     Boolean issuedElectronically) implements DossierEvent {
        public Processed(String unitCode, String officer, Outcome outcome, String resultDocumentRef, Instant at) {
            this(unitCode, officer, outcome, resultDocumentRef, at, null);
        }
    }

    /** The due date passed without a result; appended once, at that instant. */
    record Overdue(Due due, Instant at) implements DossierEvent {
    }

    /** The unit at fault apologized in writing and gave a new appointment date. */
    record Apologized(String unitAtFault, String reason, Due newDue, Instant at) implements DossierEvent {
    }

    /**
     * The due changed. {@code dueOfRecord} is the due the law judges by (restarts on supplement, moves by payment
     * waits, not by apologies); {@code nationalDue} is the service-quality measurement's due (waiting subtracted).
     */
    record DueDateChanged(DueChangeReason reason, Due oldDue, Due newDue, Due dueOfRecord, Due nationalDue,
                          Instant at) implements DossierEvent {
    }

    record Returned(ReturnChannel channel, Instant at) implements DossierEvent {
    }

    record Stopped(String reason, Instant at) implements DossierEvent {
    }

    record Withdrawn(String reason, Instant at) implements DossierEvent {
    }

    /**
     * The applicant was told (or could not be told) of the event at {@code forVersion}: a delivery receipt, appended
     * by the notification sender after its last attempt. No state of the dossier depends on it.
     */
    record ApplicantNotified(NoticeKind kind, NoticeChannel channel, int forVersion, boolean delivered, int attempts,
                             Instant at) implements DossierEvent {
    }
    /**
     * The national public-service portal (DVCQG) accepted the dossier as of the event at {@code forVersion}, with
     * its status code {@code portalStatus} (1–10). Appended on the first acceptance and on the first acceptance
     * after a refusal, not on every accepted update. No state of the dossier depends on it.
     */
    record SyncedToNationalPortal(int forVersion, int portalStatus, Instant at) implements DossierEvent {
    }

    /**
     * The national portal refused the dossier as of the event at {@code forVersion} (a deterministic refusal, not an
     * outage): {@code errorCode} and {@code errorMessage} are the portal's own, the message cut to
     * {@link #ERROR_MESSAGE_MAX} characters. The dossier's later changes wait until it is resent. No state of the
     * dossier depends on it.
     */
    record NationalPortalSyncRefused(int forVersion, String errorCode, String errorMessage, Instant at)
            implements DossierEvent {
        public static final int ERROR_CODE_MAX = 64;
        public static final int ERROR_MESSAGE_MAX = 500;

        public NationalPortalSyncRefused {
            errorCode = cut(errorCode, ERROR_CODE_MAX);
            errorMessage = cut(errorMessage, ERROR_MESSAGE_MAX);
        }

        private static String cut(String text, int max) {
            return text == null || text.length() <= max ? text : text.substring(0, max);
        }
    }
}
