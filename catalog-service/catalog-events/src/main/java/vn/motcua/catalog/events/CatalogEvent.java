package vn.motcua.catalog.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vn.motcua.duedate.CalendarYear;

import java.time.Instant;
import java.util.UUID;

/**
 * Events published by catalog-service (schema: {@code schemas/catalog-event-v1.schema.json}). Each carries the
 * entity's whole current state, so consumers replace their replica instead of patching it. Consumers must ignore
 * fields they do not know: producers may add fields without a new schema version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CatalogEvent.UnitRegistered.class, name = "UnitRegistered"),
        @JsonSubTypes.Type(value = CatalogEvent.UnitUpdated.class, name = "UnitUpdated"),
        @JsonSubTypes.Type(value = CatalogEvent.ProcedurePublished.class, name = "ProcedurePublished"),
        @JsonSubTypes.Type(value = CatalogEvent.ProcedureAmended.class, name = "ProcedureAmended"),
        @JsonSubTypes.Type(value = CatalogEvent.ProcedureAbolished.class, name = "ProcedureAbolished"),
        @JsonSubTypes.Type(value = CatalogEvent.CommitmentSet.class, name = "CommitmentSet"),
        @JsonSubTypes.Type(value = CatalogEvent.CommitmentWithdrawn.class, name = "CommitmentWithdrawn"),
        @JsonSubTypes.Type(value = CatalogEvent.CalendarYearPublished.class, name = "CalendarYearPublished"),
})
public sealed interface CatalogEvent {
    int SCHEMA_VERSION = 1;

    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The Kafka topic this event belongs to. */
    String topic();

    /** The Kafka record key: the entity's identity, so compaction keeps its latest state. */
    String key();

    record UnitRegistered(UUID eventId, Instant occurredAt, int schemaVersion, UnitSnapshot unit)
            implements CatalogEvent {
        public String topic() {
            return CatalogTopics.UNITS;
        }

        public String key() {
            return unit.code();
        }
    }

    record UnitUpdated(UUID eventId, Instant occurredAt, int schemaVersion, UnitSnapshot unit)
            implements CatalogEvent {
        public String topic() {
            return CatalogTopics.UNITS;
        }

        public String key() {
            return unit.code();
        }
    }

    record ProcedurePublished(UUID eventId, Instant occurredAt, int schemaVersion, ProcedureSnapshot procedure)
            implements CatalogEvent {
        public String topic() {
            return CatalogTopics.PROCEDURES;
        }

        public String key() {
            return procedure.code();
        }
    }

    /** A new version was added (from its effective date); the previous open version was closed the day before. */
    record ProcedureAmended(UUID eventId, Instant occurredAt, int schemaVersion, int newVersion,
                            ProcedureSnapshot procedure) implements CatalogEvent {
        public String topic() {
            return CatalogTopics.PROCEDURES;
        }

        public String key() {
            return procedure.code();
        }
    }

    record ProcedureAbolished(UUID eventId, Instant occurredAt, int schemaVersion, String decision,
                              ProcedureSnapshot procedure) implements CatalogEvent {
        public String topic() {
            return CatalogTopics.PROCEDURES;
        }

        public String key() {
            return procedure.code();
        }
    }

    record CommitmentSet(UUID eventId, Instant occurredAt, int schemaVersion, CommitmentSnapshot commitment)
            implements CatalogEvent {
        public String topic() {
            return CatalogTopics.COMMITMENTS;
        }

        public String key() {
            return commitment.unitCode() + "/" + commitment.procedureCode();
        }
    }

    record CommitmentWithdrawn(UUID eventId, Instant occurredAt, int schemaVersion, CommitmentSnapshot commitment)
            implements CatalogEvent {
        public String topic() {
            return CatalogTopics.COMMITMENTS;
        }

        public String key() {
            return commitment.unitCode() + "/" + commitment.procedureCode();
        }
    }

    /** A year's working calendar, first published or revised (swapped days are often announced late). */
    record CalendarYearPublished(UUID eventId, Instant occurredAt, int schemaVersion, int revision,
                                 CalendarYear calendar) implements CatalogEvent {
        public String topic() {
            return CatalogTopics.CALENDARS;
        }

        public String key() {
            return String.valueOf(calendar.year());
        }
    }
}
