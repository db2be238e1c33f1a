package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.domain.Types.ReturnChannel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What officers and other systems ask of a dossier. {@code at} is when it happens (the clock, or imported history). */
public sealed interface DossierCommand {

    Instant at();

    /** {@code digitisedDocuments}: which of {@code documents} were digitised, or null when not said. */
    record Receive(String dossierCode, ProcedureTerms procedure, String receivingUnit, String competentUnit,
                   Channel channel, Applicant applicant, List<String> documents, Instant submittedAt, Instant at,
                   String officer, String lookupSecretHash, List<String> digitisedDocuments) implements DossierCommand {
        public Receive(String dossierCode, ProcedureTerms procedure, String receivingUnit, String competentUnit,
                       Channel channel, Applicant applicant, List<String> documents, Instant submittedAt, Instant at,
                       String officer, String lookupSecretHash) {
            this(dossierCode, procedure, receivingUnit, competentUnit, channel, applicant, documents, submittedAt, at,
                    officer, lookupSecretHash, null);
        }
    }

    record RefuseAtReception(String dossierCode, ProcedureTerms procedure, String receivingUnit, String competentUnit,
                             Channel channel, Applicant applicant, Instant submittedAt, Instant at, String officer,
                             String reason) implements DossierCommand {
    }

    record RequestSupplement(String unitCode, String officer, List<String> missing, Instant at, LocalDate supplyBy)
            implements DossierCommand {
        public RequestSupplement(String unitCode, String officer, List<String> missing, Instant at) {
            this(unitCode, officer, missing, at, null);
        }
    }

    record SupplySupplement(List<String> documents, Instant at, List<String> digitisedDocuments)
            implements DossierCommand {
        public SupplySupplement(List<String> documents, Instant at) {
            this(documents, at, null);
        }
    }

    /** Hand over to another unit or step; {@code stepDeadline} may be null for the first hand-over to processing. */
    record Transfer(String toUnit, String stepName, String officer, Instant stepDeadline, Instant at)
            implements DossierCommand {
    }

    record Consult(String unitCode, String consultedUnit, String question, Instant replyDeadline, Instant at)
            implements DossierCommand {
    }

    record RequestPayment(long amountVnd, String description, Instant at) implements DossierCommand {
    }

    record RecordPayment(long amountVnd, String receiptRef, Instant at, Types.PaymentChannel channel)
            implements DossierCommand {
        public RecordPayment(long amountVnd, String receiptRef, Instant at) {
            this(amountVnd, receiptRef, at, null);
        }
    }

    record RecordResult(String unitCode, String officer, Outcome outcome, String resultDocumentRef, Instant at,
                        Boolean issuedElectronically) implements DossierCommand {
        public RecordResult(String unitCode, String officer, Outcome outcome, String resultDocumentRef, Instant at) {
            this(unitCode, officer, outcome, resultDocumentRef, at, null);
        }
    }

    record RefuseAfterAppraisal(String unitCode, String officer, String reason, Instant at) implements DossierCommand {
    }

    /** Apology with a new appointment date (the due becomes the close of office hours of that date). */
    record Apologize(String unitAtFault, String reason, LocalDate newDueDate, Instant at) implements DossierCommand {
    }

    record ReturnResult(ReturnChannel channel, Instant at) implements DossierCommand {
    }

    record Stop(String reason, Instant at) implements DossierCommand {
    }

    record Withdraw(String reason, Instant at) implements DossierCommand {
    }

    /** Issued by the overdue watcher when the due instant has passed. */
    record MarkOverdue(Instant at) implements DossierCommand {
    }

    /** Issued by the notification sender after a notice's last attempt (delivered or given up). */
    record RecordNotice(Types.NoticeKind kind, Types.NoticeChannel channel, int forVersion, boolean delivered,
                        int attempts, Instant at) implements DossierCommand {
    }

    /** Issued by the national portal sync when the portal accepted the dossier's copy as of {@code forVersion}. */
    record RecordPortalAcceptance(int forVersion, int portalStatus, Instant at) implements DossierCommand {
    }

    /** Issued by the national portal sync when the portal refused the dossier's copy as of {@code forVersion}. */
    record RecordPortalRefusal(int forVersion, String errorCode, String errorMessage, Instant at)
            implements DossierCommand {
    }
}
