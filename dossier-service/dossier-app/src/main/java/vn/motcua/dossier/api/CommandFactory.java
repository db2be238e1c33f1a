package vn.motcua.dossier.api;

import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types;

import java.time.Instant;
import java.util.function.Function;

/**
 * Turns a command body into the domain command, at an instant (now for live requests, the original instant for
 * imported history). One mapping for both, so an imported dossier gets the events a live one would.
 */
public final class CommandFactory {
    private CommandFactory() {
    }

    public static Function<DossierState, DossierCommand> command(Object body, DossierCommandName name, Instant at,
                                                               String officer) {
        return switch (name) {
            case SUPPLEMENT_REQUESTS -> s -> new DossierCommand.RequestSupplement(s.currentUnit(), officer,
                    ((Requests.RequestSupplement) body).missing(), at, ((Requests.RequestSupplement) body).supplyBy());
            case SUPPLEMENTS -> {
                Requests.SupplySupplement p = (Requests.SupplySupplement) body;
                yield s -> new DossierCommand.SupplySupplement(p.documents(), at, p.digitisedDocuments());
            }
            case TRANSFERS -> {
                Requests.Transfer t = (Requests.Transfer) body;
                yield s -> new DossierCommand.Transfer(t.toUnit(), t.stepName(), t.officer() != null ? t.officer() : officer,
                        t.stepDeadline(), at);
            }
            case CONSULTATIONS -> {
                Requests.Consult c = (Requests.Consult) body;
                yield s -> new DossierCommand.Consult(s.currentUnit(), c.consultedUnit(), c.question(), c.replyDeadline(), at);
            }
            case PAYMENT_REQUESTS -> {
                Requests.RequestPayment p = (Requests.RequestPayment) body;
                yield s -> new DossierCommand.RequestPayment(p.amountVnd(), p.description(), at);
            }
            case PAYMENTS -> {
                Requests.RecordPayment p = (Requests.RecordPayment) body;
                yield s -> new DossierCommand.RecordPayment(p.amountVnd(), p.receiptRef(), at, p.channel());
            }
            case RESULT -> {
                Requests.RecordResult r = (Requests.RecordResult) body;
                yield s -> new DossierCommand.RecordResult(s.currentUnit(), r.officer() != null ? r.officer() : officer,
                        r.outcome(), r.resultDocumentRef(), at, r.issuedElectronically());
            }
            case REFUSAL -> {
                Requests.RefuseAfterAppraisal r = (Requests.RefuseAfterAppraisal) body;
                yield s -> new DossierCommand.RefuseAfterAppraisal(s.currentUnit(),
                        r.officer() != null ? r.officer() : officer, r.reason(), at);
            }
            case APOLOGY -> {
                Requests.Apologize a = (Requests.Apologize) body;
                yield s -> new DossierCommand.Apologize(a.unitAtFault(), a.reason(), a.newDueDate(), at);
            }
            case RETURN -> s -> new DossierCommand.ReturnResult(((Requests.ReturnResult) body).channel(), at);
            case STOP -> s -> new DossierCommand.Stop(((Requests.Reason) body).reason(), at);
            case WITHDRAWAL -> s -> new DossierCommand.Withdraw(((Requests.Reason) body).reason(), at);
        };
    }

    static Types.Applicant applicant(Requests.ApplicantIn a) {
        return new Types.Applicant(a.fullName().trim(), a.personalId(), a.phone(), a.email(), a.notifyBy());
    }
}
