package vn.motcua.dossier.events;

import vn.motcua.dossier.domain.DossierEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * One published dossier event: the domain event ({@code data}) plus what the event store knows about it.
 *
 * @param eventId       unique per event; consumers drop duplicates by it (delivery is at least once)
 * @param type          the contract's type name, see {@link DossierEventType}
 * @param schemaVersion version of that type's data
 * @param dossierId     the dossier; also the Kafka record key
 * @param dossierCode   the code on the applicant's receipt (mã hồ sơ)
 * @param version       the event's 1-based number in the dossier's stream, without gaps
 * @param position      position in the whole store: unique, and increasing within a dossier (not contiguous)
 * @param occurredAt    when it happened, the event's {@code at()} (for imported history, the original instant)
 * @param recordedAt    when the store accepted it
 * @param data          the event; personal data is left out on the wire (see {@link DossierEventCodec})
 */
public record DossierEventEnvelope(UUID eventId, String type, int schemaVersion, UUID dossierId, String dossierCode,
                                   long version, long position, Instant occurredAt, Instant recordedAt,
                                   DossierEvent data) {

    public DossierEventEnvelope {
        // IllegalArgumentException, not NullPointerException: the reader turns it into MalformedEventException
        require(eventId != null, "eventId is required");
        require(dossierId != null, "dossierId is required");
        require(dossierCode != null && !dossierCode.isBlank(), "dossierCode is required");
        require(occurredAt != null, "occurredAt is required");
        require(recordedAt != null, "recordedAt is required");
        require(data != null, "data is required");
        require(version >= 1, "version starts at 1, got " + version);
        require(position >= 0, "position must not be negative, got " + position);
        require(schemaVersion >= 1, "schemaVersion starts at 1, got " + schemaVersion);
        String expected = DossierEventType.of(data).typeName();
        require(expected.equals(type), "type " + type + " does not match data of type " + expected);
    }

    /** The envelope the producer publishes: type, schema version and occurredAt come from the event itself. */
    public static DossierEventEnvelope of(UUID eventId, UUID dossierId, String dossierCode, long version,
                                          long position, Instant recordedAt, DossierEvent data) {
        if (data == null) {
            throw new IllegalArgumentException("data is required");
        }
        DossierEventType type = DossierEventType.of(data);
        return new DossierEventEnvelope(eventId, type.typeName(), type.schemaVersion(), dossierId, dossierCode,
                version, position, data.at(), recordedAt, data);
    }

    /** The Kafka record key: every event of one dossier goes to one partition, in order. */
    public String key() {
        return dossierId.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
