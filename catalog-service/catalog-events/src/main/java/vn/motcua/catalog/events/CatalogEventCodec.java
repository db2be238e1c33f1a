package vn.motcua.catalog.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.motcua.duedate.ProcessingTime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Writes and reads catalog events. Readers are tolerant: unknown fields are ignored, and an event type this version
 * does not know is skipped (empty), so the producer can evolve without breaking consumers. A record that is not a
 * catalog event at all raises {@link MalformedEventException}: consumers send it to their dead-letter topic.
 */
public final class CatalogEventCodec {
    private static final Set<String> KNOWN_TYPES = Set.of("UnitRegistered", "UnitUpdated", "ProcedurePublished",
            "ProcedureAmended", "ProcedureAbolished", "CommitmentSet", "CommitmentWithdrawn", "CalendarYearPublished");

    private final ObjectMapper mapper;

    public CatalogEventCodec() {
        this.mapper = newMapper();
    }

    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /**
     * Applies the contract's JSON conventions to a mapper (also used by services for their REST responses): ISO
     * dates, unknown fields ignored, and only a processing time's amount and unit on the wire.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .addMixIn(ProcessingTime.class, ProcessingTimeJson.class)
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    @JsonIgnoreProperties(value = {"dayBased", "officeTimeBased"}, allowGetters = false)
    abstract static class ProcessingTimeJson {
    }

    public byte[] write(CatalogEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    public String writeString(CatalogEvent event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /** @return the event, or empty for an event type this reader does not know (a newer producer) */
    public Optional<CatalogEvent> read(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.hasNonNull("eventType")) {
            throw new MalformedEventException("no eventType");
        }
        if (!KNOWN_TYPES.contains(node.get("eventType").asText())) {
            return Optional.empty();
        }
        try {
            CatalogEvent event = mapper.treeToValue(node, CatalogEvent.class);
            if (event.eventId() == null || event.occurredAt() == null) {
                throw new MalformedEventException("eventId and occurredAt are required");
            }
            return Optional.of(event);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + node.get("eventType").asText() + ": " + e.getMessage());
        }
    }

    /** Thrown for a record that no version of the catalog contract could have produced. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
