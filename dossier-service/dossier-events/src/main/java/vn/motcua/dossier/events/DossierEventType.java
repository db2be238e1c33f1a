package vn.motcua.dossier.events;

import vn.motcua.dossier.domain.DossierEvent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract's name of every dossier event type, and the data fields a consumer can rely on. This is the only
 * place that maps names to domain classes; renaming a domain record must not change a name on the wire.
 */
public enum DossierEventType {
    RECEIVED("DossierReceived", DossierEvent.Received.class,
            "dossierCode", "procedure", "receivingUnit", "competentUnit", "channel", "documents", "at", "ruleSet",
            "due", "countingStartsAt", "transferDeadline"),
    REFUSED_AT_RECEPTION("DossierRefusedAtReception", DossierEvent.RefusedAtReception.class,
            "dossierCode", "reason", "at"),
    REFUSED_AFTER_APPRAISAL("DossierRefusedAfterAppraisal", DossierEvent.RefusedAfterAppraisal.class,
            "unitCode", "reason", "at"),
    SUPPLEMENT_REQUESTED("DossierSupplementRequested", DossierEvent.SupplementRequested.class,
            "unitCode", "missing", "requestNumber", "at"),
    SUPPLEMENT_SUPPLIED("DossierSupplementSupplied", DossierEvent.SupplementSupplied.class,
            "documents", "at"),
    TRANSFERRED("DossierTransferred", DossierEvent.Transferred.class,
            "fromUnit", "toUnit", "at"),
    CONSULTED("DossierConsulted", DossierEvent.Consulted.class,
            "unitCode", "consultedUnit", "at"),
    PAYMENT_REQUESTED("DossierPaymentRequested", DossierEvent.PaymentRequested.class,
            "amountVnd", "at"),
    PAYMENT_RECORDED("DossierPaymentRecorded", DossierEvent.PaymentRecorded.class,
            "amountVnd", "at"),
    PROCESSED("DossierProcessed", DossierEvent.Processed.class,
            "unitCode", "outcome", "at"),
    OVERDUE("DossierOverdue", DossierEvent.Overdue.class,
            "due", "at"),
    APOLOGIZED("DossierApologized", DossierEvent.Apologized.class,
            "unitAtFault", "reason", "newDue", "at"),
    DUE_DATE_CHANGED("DossierDueDateChanged", DossierEvent.DueDateChanged.class,
            "reason", "oldDue", "newDue", "dueOfRecord", "nationalDue", "at"),
    RETURNED("DossierReturned", DossierEvent.Returned.class,
            "channel", "at"),
    STOPPED("DossierStopped", DossierEvent.Stopped.class,
            "reason", "at"),
    WITHDRAWN("DossierWithdrawn", DossierEvent.Withdrawn.class,
            "at"),
    APPLICANT_NOTIFIED("DossierApplicantNotified", DossierEvent.ApplicantNotified.class,
            "kind", "channel", "forVersion", "delivered", "attempts", "at"),
    SYNCED_TO_NATIONAL_PORTAL("DossierSyncedToNationalPortal", DossierEvent.SyncedToNationalPortal.class,
            "forVersion", "portalStatus", "at"),
    NATIONAL_PORTAL_SYNC_REFUSED("DossierNationalPortalSyncRefused", DossierEvent.NationalPortalSyncRefused.class,
            "forVersion", "errorCode", "at");

    /** Version 1 of every type; an additive change may raise it, a breaking one is a new type or topic. */
    public static final int SCHEMA_VERSION = 1;

    private static final Map<String, DossierEventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DossierEventType::typeName, Function.identity()));
    private static final Map<Class<?>, DossierEventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DossierEventType::eventClass, Function.identity()));

    private final String typeName;
    private final Class<? extends DossierEvent> eventClass;
    private final List<String> requiredFields;

    DossierEventType(String typeName, Class<? extends DossierEvent> eventClass, String... requiredFields) {
        this.typeName = typeName;
        this.eventClass = eventClass;
        this.requiredFields = List.of(requiredFields);
    }

    /** The value of the envelope's {@code type}. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends DossierEvent> eventClass() {
        return eventClass;
    }

    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Fields of {@code data} that are always present and not null (the schema's {@code required}). Every other
     * field may be null or, from an older or newer producer, absent.
     */
    public List<String> requiredFields() {
        return requiredFields;
    }

    public static DossierEventType of(DossierEvent event) {
        return of(event.getClass());
    }

    public static DossierEventType of(Class<? extends DossierEvent> eventClass) {
        DossierEventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("no contract name for " + eventClass.getName());
        }
        return type;
    }

    /** @return the type, or empty for a name this version of the contract does not know */
    public static Optional<DossierEventType> byName(String typeName) {
        return Optional.ofNullable(typeName == null ? null : BY_NAME.get(typeName));
    }
}
