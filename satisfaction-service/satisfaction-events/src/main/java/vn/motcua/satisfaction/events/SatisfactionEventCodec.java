package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import vn.motcua.satisfaction.events.SatisfactionEvent.Answer;
import vn.motcua.satisfaction.events.SatisfactionEvent.BallotInvalid;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintOpened;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintResolved;
import vn.motcua.satisfaction.events.SatisfactionEvent.CriteriaSetRef;
import vn.motcua.satisfaction.events.SatisfactionEvent.Due;
import vn.motcua.satisfaction.events.SatisfactionEvent.RatingRecorded;

import vn.motcua.contract.EnvelopeJson;
import vn.motcua.contract.FastInstants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads published satisfaction events. The reader is tolerant: unknown fields are ignored anywhere and an
 * unknown event type is skipped (empty), so the producer can add to the contract without breaking consumers. Codes
 * that may grow (channel, status, reason, timeliness) are read as text, whatever their value. A record that is not a
 * satisfaction event envelope at all raises {@link MalformedEventException}: consumers send it to their dead-letter
 * topic.
 *
 * <p>Beyond the presence of fields, both directions check what the schema also states: levels are 1 to 5,
 * {@code satisfied} is true exactly for an overall level of 4 or 5, a criteria set has a code and a version from 1, a
 * complaint's due has its instant and its date, {@code onTime} agrees with a known {@code timeliness}, and a ballot's
 * status is one of the statuses that do not count and agrees with a known reason. The writer refuses to publish an
 * event that breaks one of these rules; the reader rejects it as malformed.
 *
 * <p>Thread-safe: create one and share it.
 */
public final class SatisfactionEventCodec {
    private static final List<String> ENVELOPE_FIELDS = List.of("eventId", "type", "schemaVersion", "dossierCode",
            "occurredAt", "recordedAt", "data");
    private static final int LOWEST_LEVEL = 1;
    private static final int HIGHEST_LEVEL = 5;
    /** The lowest overall level that counts as satisfied (4 satisfied, 5 very satisfied). */
    private static final int SATISFIED_FROM = 4;

    private final ObjectMapper mapper;
    private final EnvelopeJson<SatisfactionEventType> envelopes;

    public SatisfactionEventCodec() {
        this.mapper = strictReading(configure(new ObjectMapper()));
        this.envelopes = new EnvelopeJson<>(mapper, SatisfactionEventType::byName, SatisfactionEventType::typeName, SatisfactionEventType::requiredFields,
                ENVELOPE_FIELDS, MalformedEventException::new);
    }

    /**
     * Applies the contract's JSON conventions to a mapper: instants and dates written as ISO-8601 text (never epoch
     * numbers), offsets read as written, unknown fields ignored. The codec's own mapper is stricter on reading: it also
     * refuses to turn text into numbers or booleans, numbers into text or truncated integers, and anything but text
     * into instants and dates (an epoch number is seconds or milliseconds, a guess either way).
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** A value of the wrong JSON kind is a malformed record, not something to guess at. */
    private static ObjectMapper strictReading(ObjectMapper mapper) {
        // registered after JavaTimeModule, so these take precedence for the two types
        mapper.registerModule(new SimpleModule("satisfaction-events-text-only-time")
                .addDeserializer(Instant.class, new TextOnly<>(Instant.class,
                        new FastInstants(InstantDeserializer.INSTANT)))
                .addDeserializer(LocalDate.class, new TextOnly<>(LocalDate.class, LocalDateDeserializer.INSTANCE)));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * @throws IllegalArgumentException when a field the contract promises is null or blank, or a value breaks a rule
     *                                  of the contract: better to fail in the producer than to publish a record every
     *                                  consumer dead-letters
     */
    public byte[] write(SatisfactionEventEnvelope envelope) {
        if (envelope == null) {
            throw new IllegalArgumentException("no envelope");
        }
        SatisfactionEventType type = SatisfactionEventType.of(envelope.data());
        JsonNode tree = mapper.valueToTree(envelope);
        List<String> missing = envelopes.missingFields(tree.get("data"), type);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(type.typeName() + " without " + String.join(", ", missing));
        }
        List<String> broken = brokenRules(envelope.data());
        if (!broken.isEmpty()) {
            throw new IllegalArgumentException(type.typeName() + ": " + String.join("; ", broken));
        }
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + type.typeName(), e);
        }
    }

    /** {@link #write} as UTF-8 text. */
    public String writeString(SatisfactionEventEnvelope envelope) {
        return new String(write(envelope), StandardCharsets.UTF_8);
    }

    /**
     * @return the envelope, or empty for an event type this reader does not know (a newer producer)
     * @throws MalformedEventException when the record is not a satisfaction event
     */
    public Optional<SatisfactionEventEnvelope> read(String json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the envelope, or empty for an event type this reader does not know (a newer producer)
     * @throws MalformedEventException when the record is not a satisfaction event
     */
    public Optional<SatisfactionEventEnvelope> read(byte[] json) {
        Optional<EnvelopeJson.Checked<SatisfactionEventType>> checked = envelopes.check(json);
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        SatisfactionEventType type = checked.get().type();
        JsonNode node = checked.get().envelope();
        JsonNode data = checked.get().data();
        SatisfactionEvent event;
        Wire wire;
        try {
            wire = mapper.treeToValue(node, Wire.class);
            event = mapper.treeToValue(data, type.eventClass());
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.typeName() + ": " + e.getMessage());
        }
        List<String> broken = brokenRules(event);
        if (!broken.isEmpty()) {
            throw new MalformedEventException(type.typeName() + ": " + String.join("; ", broken));
        }
        try {
            return Optional.of(new SatisfactionEventEnvelope(wire.eventId(), wire.type(), wire.schemaVersion(),
                    wire.dossierId(), wire.dossierCode(), wire.unitCode(), wire.occurredAt(), wire.recordedAt(),
                    event));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.typeName() + ": " + e.getMessage());
        }
    }

    /** Required fields that are absent, null, or blank text. */

    /** The rules a value must follow beyond being present; empty when the event follows them all. */
    private static List<String> brokenRules(SatisfactionEvent event) {
        List<String> broken = new ArrayList<>();
        if (event instanceof RatingRecorded rating) {
            if (!isLevel(rating.overall())) {
                broken.add("overall must be a level from 1 to 5, got " + rating.overall());
            } else if (rating.satisfied() != (rating.overall() >= SATISFIED_FROM)) {
                broken.add("satisfied must be true exactly for an overall level of 4 or 5, got " + rating.satisfied()
                        + " for " + rating.overall());
            }
            CriteriaSetRef set = rating.criteriaSet();
            if (set != null && (set.code() == null || set.code().isBlank())) {
                broken.add("criteriaSet without code");
            }
            if (set != null && set.version() < 1) {
                broken.add("criteriaSet version starts at 1, got " + set.version());
            }
            List<Answer> answers = rating.answers();
            for (int i = 0; i < answers.size(); i++) {
                Answer answer = answers.get(i);
                if (answer == null) {
                    broken.add("answers[" + i + "] is null");
                    continue;
                }
                if (answer.criterion() == null || answer.criterion().isBlank()) {
                    broken.add("answers[" + i + "] without criterion");
                }
                if (!isLevel(answer.level())) {
                    broken.add("answers[" + i + "] level must be from 1 to 5, got " + answer.level());
                }
            }
        } else if (event instanceof BallotInvalid ballot) {
            String status = ballot.status();
            if (BallotStatus.VALID.name().equals(status) || BallotStatus.PENDING.name().equals(status)) {
                broken.add("status " + status + " is not the status of a ballot that does not count");
            }
            Optional<InvalidReason> reason = knownReason(ballot.reason());
            if (reason.isPresent() && status != null && !reason.get().status().name().equals(status)) {
                broken.add("reason " + ballot.reason() + " goes with status " + reason.get().status() + ", not "
                        + status);
            }
        } else if (event instanceof ComplaintOpened opened) {
            checkDue(opened.due(), broken);
        } else if (event instanceof ComplaintResolved resolved) {
            checkDue(resolved.due(), broken);
            String timeliness = resolved.timeliness();
            boolean late = "LATE".equals(timeliness);
            boolean notLate = "EARLY".equals(timeliness) || "ON_TIME".equals(timeliness);
            if ((late && resolved.onTime()) || (notLate && !resolved.onTime())) {
                broken.add("onTime " + resolved.onTime() + " contradicts timeliness " + timeliness);
            }
        }
        return broken;
    }

    private static void checkDue(Due due, List<String> broken) {
        if (due != null && (due.at() == null || due.date() == null)) {
            broken.add("due needs both its instant (at) and its date");
        }
    }

    private static boolean isLevel(int level) {
        return level >= LOWEST_LEVEL && level <= HIGHEST_LEVEL;
    }

    private static Optional<InvalidReason> knownReason(String reason) {
        return Arrays.stream(InvalidReason.values()).filter(r -> r.name().equals(reason)).findFirst();
    }

    /** Reads a value only from JSON text, with the given deserializer; any other token is a mismatch. */
    private static final class TextOnly<T> extends StdDeserializer<T> {
        private final JsonDeserializer<T> fromText;

        TextOnly(Class<T> type, JsonDeserializer<T> fromText) {
            super(type);
            this.fromText = fromText;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            return fromText.deserialize(parser, context);
        }
    }

    /** The envelope's fields as they arrive; {@code data} is read separately, by the type it names. */
    record Wire(UUID eventId, String type, int schemaVersion, UUID dossierId, String dossierCode, String unitCode,
                Instant occurredAt, Instant recordedAt) {
    }

    /** Thrown for a record that no version of the satisfaction contract could have produced. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
