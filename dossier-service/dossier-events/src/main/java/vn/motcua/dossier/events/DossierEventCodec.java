package vn.motcua.dossier.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.duedate.ProcessingTime;

import vn.motcua.contract.EnvelopeJson;
import vn.motcua.contract.FastInstants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads published dossier events. The reader is tolerant: unknown fields are ignored anywhere and an
 * unknown event type is skipped (empty), so the producer can add to the contract without breaking consumers. A
 * record that is not a dossier event envelope at all raises {@link MalformedEventException}: consumers send it to
 * their dead-letter topic.
 *
 * <p>Personal data is never published (Decree 13/2023/NĐ-CP on personal data protection): the applicant of
 * {@code DossierReceived} and {@code DossierRefusedAtReception}, and the receipt's lookup secret hash, are left out
 * when writing and ignored when reading, so consumers always see them as null.
 *
 * <p>Thread-safe: create one and share it.
 */
public final class DossierEventCodec {
    private static final List<String> ENVELOPE_FIELDS = List.of("eventId", "type", "schemaVersion", "dossierId",
            "dossierCode", "version", "position", "occurredAt", "recordedAt", "data");

    private final ObjectMapper mapper;
    private final EnvelopeJson<DossierEventType> envelopes;
    // readers made once: a mapper looks the type and its deserializer up again on every call
    private final ObjectReader wireReader;
    private final Map<DossierEventType, ObjectReader> dataReaders = new EnumMap<>(DossierEventType.class);

    public DossierEventCodec() {
        this.mapper = configure(new ObjectMapper())
                .addMixIn(DossierEvent.Received.class, ReceivedJson.class)
                .addMixIn(DossierEvent.RefusedAtReception.class, RefusedAtReceptionJson.class);
        this.envelopes = new EnvelopeJson<>(mapper, DossierEventType::byName, DossierEventType::typeName, DossierEventType::requiredFields,
                ENVELOPE_FIELDS, MalformedEventException::new);
        this.wireReader = mapper.readerFor(Wire.class);
        for (DossierEventType type : DossierEventType.values()) {
            dataReaders.put(type, mapper.readerFor(type.eventClass()));
        }
    }

    /**
     * Applies the contract's JSON conventions to a mapper: ISO-8601 instants and dates as text, unknown fields
     * ignored, and only a processing time's amount and unit on the wire. It does not hide personal data: only this
     * codec's writer does.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .addMixIn(ProcessingTime.class, ProcessingTimeJson.class)
                .registerModule(new JavaTimeModule())
                // after JavaTimeModule, so it takes precedence: canonical instants without java.time's formatter
                .registerModule(new SimpleModule("motcua-fast-instants").addDeserializer(Instant.class,
                        new FastInstants(InstantDeserializer.INSTANT)))
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    // derived getters, not data: they would otherwise be written as extra fields
    @JsonIgnoreProperties({"dayBased", "officeTimeBased"})
    abstract static class ProcessingTimeJson {
    }

    @JsonIgnoreProperties({"applicant", "lookupSecretHash"})
    abstract static class ReceivedJson {
    }

    @JsonIgnoreProperties({"applicant"})
    abstract static class RefusedAtReceptionJson {
    }

    /**
     * @throws IllegalArgumentException when a field the contract promises is null: better to fail in the producer
     *                                  than to publish a record every consumer dead-letters
     */
    public byte[] write(DossierEventEnvelope envelope) {
        JsonNode tree = mapper.valueToTree(envelope);
        DossierEventType type = DossierEventType.of(envelope.data());
        List<String> missing = envelopes.missingFields(tree.get("data"), type);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(type.typeName() + " without " + String.join(", ", missing));
        }
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + type.typeName(), e);
        }
    }

    public String writeString(DossierEventEnvelope envelope) {
        return new String(write(envelope), StandardCharsets.UTF_8);
    }

    /** @return the envelope, or empty for an event type this reader does not know (a newer producer) */
    public Optional<DossierEventEnvelope> read(String json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the envelope, or empty for an event type this reader does not know (a newer producer) */
    public Optional<DossierEventEnvelope> read(byte[] json) {
        Optional<EnvelopeJson.Checked<DossierEventType>> checked = envelopes.check(json);
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        DossierEventType type = checked.get().type();
        JsonNode node = checked.get().envelope();
        JsonNode data = checked.get().data();
        try {
            Wire wire = wireReader.readValue(node);
            DossierEvent event = dataReaders.get(type).readValue(data);
            return Optional.of(new DossierEventEnvelope(wire.eventId(), wire.type(), wire.schemaVersion(),
                    wire.dossierId(), wire.dossierCode(), wire.version(), wire.position(), wire.occurredAt(),
                    wire.recordedAt(), event));
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.typeName() + ": " + e.getMessage());
        }
    }


    /** Where a record sits in its dossier's stream, whatever its type. */
    public record StreamPosition(UUID dossierId, long version) {
    }

    /**
     * The dossier and version of a record of any type, known to this reader or not (empty when the record does not
     * say): a consumer that skips a newer type still counts its version, so the next event is not taken for a gap.
     */
    public Optional<StreamPosition> position(byte[] json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.path("dossierId").isTextual() || !node.path("version").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new StreamPosition(UUID.fromString(node.get("dossierId").asText()),
                    node.get("version").asLong()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The envelope's fields as they arrive; {@code data} is read separately, by the type it names. */
    record Wire(UUID eventId, String type, int schemaVersion, UUID dossierId, String dossierCode,
                        long version, long position, Instant occurredAt, Instant recordedAt) {
    }

    /** Thrown for a record that no version of the dossier contract could have produced. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
