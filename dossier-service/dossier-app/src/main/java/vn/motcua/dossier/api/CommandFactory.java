package vn.motcua.dossier.api;

import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a command body into the domain command, at an instant (now for live requests, the original instant for
 * imported history). One mapping for both, so an imported dossier gets the events a live one would.
 */
public final class CommandFactory {
    private CommandFactory() {
    }

    /** Command names: the REST sub-resources and the import history's {@code type}. */
    public static final Map<String, Class<?>> BODIES = Map.ofEntries(
            Map.entry("supplement-requests", Requests.RequestSupplement.class),
            Map.entry("supplements", Requests.SupplySupplement.class),
            Map.entry("transfers", Requests.Transfer.class),
            Map.entry("consultations", Requests.Consult.class),
            Map.entry("payment-requests", Requests.RequestPayment.class),
            Map.entry("payments", Requests.RecordPayment.class),
            Map.entry("result", Requests.RecordResult.class),
            Map.entry("refusal", Requests.RefuseAfterAppraisal.class),
            Map.entry("apology", Requests.Apologize.class),
            Map.entry("return", Requests.ReturnResult.class),
            Map.entry("stop", Requests.Reason.class),
            Map.entry("withdrawal", Requests.Reason.class));

    public static Function<DossierState, DossierCommand> command(Object body, String type, Instant at, String officer) {
        return switch (type) {
            case "supplement-requests" -> s -> new DossierCommand.RequestSupplement(s.currentUnit(), officer,
                    ((Requests.RequestSupplement) body).missing(), at, ((Requests.RequestSupplement) body).supplyBy());
            case "supplements" -> {
                Requests.SupplySupplement p = (Requests.SupplySupplement) body;
                yield s -> new DossierCommand.SupplySupplement(p.documents(), at, p.digitisedDocuments());
            }
            case "transfers" -> {
                Requests.Transfer t = (Requests.Transfer) body;
                yield s -> new DossierCommand.Transfer(t.toUnit(), t.stepName(), t.officer() != null ? t.officer() : officer,
                        t.stepDeadline(), at);
            }
            case "consultations" -> {
                Requests.Consult c = (Requests.Consult) body;
                yield s -> new DossierCommand.Consult(s.currentUnit(), c.consultedUnit(), c.question(), c.replyDeadline(), at);
            }
            case "payment-requests" -> {
                Requests.RequestPayment p = (Requests.RequestPayment) body;
                yield s -> new DossierCommand.RequestPayment(p.amountVnd(), p.description(), at);
            }
            case "payments" -> {
                Requests.RecordPayment p = (Requests.RecordPayment) body;
                yield s -> new DossierCommand.RecordPayment(p.amountVnd(), p.receiptRef(), at, p.channel());
            }
            case "result" -> {
                Requests.RecordResult r = (Requests.RecordResult) body;
                yield s -> new DossierCommand.RecordResult(s.currentUnit(), r.officer() != null ? r.officer() : officer,
                        r.outcome(), r.resultDocumentRef(), at, r.issuedElectronically());
            }
            case "refusal" -> {
                Requests.RefuseAfterAppraisal r = (Requests.RefuseAfterAppraisal) body;
                yield s -> new DossierCommand.RefuseAfterAppraisal(s.currentUnit(),
                        r.officer() != null ? r.officer() : officer, r.reason(), at);
            }
            case "apology" -> {
                Requests.Apologize a = (Requests.Apologize) body;
                yield s -> new DossierCommand.Apologize(a.unitAtFault(), a.reason(), a.newDueDate(), at);
            }
            case "return" -> s -> new DossierCommand.ReturnResult(((Requests.ReturnResult) body).channel(), at);
            case "stop" -> s -> new DossierCommand.Stop(((Requests.Reason) body).reason(), at);
            case "withdrawal" -> s -> new DossierCommand.Withdraw(((Requests.Reason) body).reason(), at);
            default -> throw new IllegalArgumentException("unknown command " + type);
        };
    }

    static Types.Applicant applicant(Requests.ApplicantIn a) {
        return new Types.Applicant(a.fullName().trim(), a.personalId(), a.phone(), a.email(), a.notifyBy());
    }
}
