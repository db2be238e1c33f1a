package vn.motcua.dossier.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The commands on an existing dossier, named once. A name is the REST sub-resource ({@code POST
 * /api/v1/dossiers/{ref}/<name>}), the import history's {@code type} and part of the Idempotency-Key's request hash;
 * {@link CommandFactory} turns its body into the domain command. The resource paths use {@link Paths}, the only
 * spelling of each name, because an annotation needs a constant.
 */
public enum DossierCommandName {
    SUPPLEMENT_REQUESTS(Paths.SUPPLEMENT_REQUESTS, Requests.RequestSupplement.class),
    SUPPLEMENTS(Paths.SUPPLEMENTS, Requests.SupplySupplement.class),
    TRANSFERS(Paths.TRANSFERS, Requests.Transfer.class),
    CONSULTATIONS(Paths.CONSULTATIONS, Requests.Consult.class),
    PAYMENT_REQUESTS(Paths.PAYMENT_REQUESTS, Requests.RequestPayment.class),
    PAYMENTS(Paths.PAYMENTS, Requests.RecordPayment.class),
    RESULT(Paths.RESULT, Requests.RecordResult.class),
    REFUSAL(Paths.REFUSAL, Requests.RefuseAfterAppraisal.class),
    APOLOGY(Paths.APOLOGY, Requests.Apologize.class),
    RETURN(Paths.RETURN, Requests.ReturnResult.class),
    STOP(Paths.STOP, Requests.Reason.class),
    WITHDRAWAL(Paths.WITHDRAWAL, Requests.Reason.class);

    /** Each name as a constant, for {@code @Path}. */
    public static final class Paths {
        public static final String SUPPLEMENT_REQUESTS = "supplement-requests";
        public static final String SUPPLEMENTS = "supplements";
        public static final String TRANSFERS = "transfers";
        public static final String CONSULTATIONS = "consultations";
        public static final String PAYMENT_REQUESTS = "payment-requests";
        public static final String PAYMENTS = "payments";
        public static final String RESULT = "result";
        public static final String REFUSAL = "refusal";
        public static final String APOLOGY = "apology";
        public static final String RETURN = "return";
        public static final String STOP = "stop";
        public static final String WITHDRAWAL = "withdrawal";

        private Paths() {
        }
    }

    private final String path;
    private final Class<?> bodyType;

    DossierCommandName(String path, Class<?> bodyType) {
        this.path = path;
        this.bodyType = bodyType;
    }

    /** The name as the API spells it. */
    public String path() {
        return path;
    }

    /** The request body the command takes. */
    public Class<?> bodyType() {
        return bodyType;
    }

    public static Optional<DossierCommandName> byPath(String path) {
        return Arrays.stream(values()).filter(n -> n.path.equals(path)).findFirst();
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(DossierCommandName::path).toList();
    }
}
