package vn.motcua.satisfaction.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract name of every satisfaction event type, and the {@code data} fields a consumer can rely on. The only
 * place that maps names on the wire to Java records: renaming a record must not change a name on the wire.
 */
public enum SatisfactionEventType {
    RATING_RECORDED("RatingRecorded", SatisfactionEvent.RatingRecorded.class,
            "ratingId", "channel", "criteriaSet", "answers", "overall", "satisfied", "withComment", "complaint",
            "collectedAt", "returnedAt"),
    BALLOT_INVALID("BallotInvalid", SatisfactionEvent.BallotInvalid.class,
            "ratingId", "channel", "status", "reason", "collectedAt"),
    COMPLAINT_OPENED("ComplaintOpened", SatisfactionEvent.ComplaintOpened.class,
            "complaintId", "ratingId", "channel", "openedAt", "due"),
    COMPLAINT_RESOLVED("ComplaintResolved", SatisfactionEvent.ComplaintResolved.class,
            "complaintId", "ratingId", "openedAt", "resolvedAt", "due", "timeliness", "onTime");

    /** Version 1 of every type; an additive change may raise it, a breaking one is a new type or topic. */
    public static final int SCHEMA_VERSION = 1;

    private static final Map<String, SatisfactionEventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SatisfactionEventType::typeName, Function.identity()));
    private static final Map<Class<?>, SatisfactionEventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SatisfactionEventType::eventClass, Function.identity()));

    private final String typeName;
    private final Class<? extends SatisfactionEvent> eventClass;
    private final List<String> requiredFields;

    SatisfactionEventType(String typeName, Class<? extends SatisfactionEvent> eventClass, String... requiredFields) {
        this.typeName = typeName;
        this.eventClass = eventClass;
        this.requiredFields = List.of(requiredFields);
    }

    /** The value of the envelope's {@code type}. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends SatisfactionEvent> eventClass() {
        return eventClass;
    }

    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Fields of {@code data} that are always present and not null (the schema's {@code required}). Every other field
     * may be null or, from an older or newer producer, absent.
     */
    public List<String> requiredFields() {
        return requiredFields;
    }

    public static SatisfactionEventType of(SatisfactionEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("no event");
        }
        return of(event.getClass());
    }

    public static SatisfactionEventType of(Class<? extends SatisfactionEvent> eventClass) {
        SatisfactionEventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("no contract name for " + eventClass.getName());
        }
        return type;
    }

    /** @return the type, or empty for a name this version of the contract does not know */
    public static Optional<SatisfactionEventType> byName(String typeName) {
        return Optional.ofNullable(typeName == null ? null : BY_NAME.get(typeName));
    }
}
