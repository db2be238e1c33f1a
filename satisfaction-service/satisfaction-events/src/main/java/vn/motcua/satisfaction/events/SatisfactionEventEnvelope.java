package vn.motcua.satisfaction.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One published satisfaction event: the event ({@code data}) plus the dossier and unit it belongs to.
 *
 * <p>Every event belongs to a dossier known to satisfaction-service, with one exception: a paper ballot whose dossier
 * code matches no dossier is kept as a {@link SatisfactionEvent.BallotInvalid} with reason
 * {@link InvalidReason#DOSSIER_UNKNOWN}, and only then are {@code dossierId} and {@code unitCode} null.
 *
 * @param eventId       unique per event; consumers drop duplicates by it (delivery is at least once)
 * @param type          the contract's type name, see {@link SatisfactionEventType}
 * @param schemaVersion version of that type's data
 * @param dossierId     the rated dossier; null only for a ballot of an unknown dossier
 * @param dossierCode   the dossier code (mã hồ sơ) as given on the rating or typed from the ballot; never blank
 * @param unitCode      the dossier's competent unit, to which ratings and complaints are attributed; null only for a
 *                      ballot of an unknown dossier
 * @param occurredAt    when it happened, the event's {@code at()}
 * @param recordedAt    when satisfaction-service recorded it; later than {@code occurredAt} for a typed-in ballot
 * @param data          the event
 */
public record SatisfactionEventEnvelope(UUID eventId, String type, int schemaVersion, UUID dossierId,
                                        String dossierCode, String unitCode, Instant occurredAt, Instant recordedAt,
                                        SatisfactionEvent data) {

    public SatisfactionEventEnvelope {
        // IllegalArgumentException, not NullPointerException: the reader turns it into MalformedEventException
        require(eventId != null, "eventId is required");
        require(dossierCode != null && !dossierCode.isBlank(), "dossierCode is required");
        require(occurredAt != null, "occurredAt is required");
        require(recordedAt != null, "recordedAt is required");
        require(data != null, "data is required");
        require(schemaVersion >= 1, "schemaVersion starts at 1, got " + schemaVersion);
        String expected = SatisfactionEventType.of(data).typeName();
        require(expected.equals(type), "type " + type + " does not match data of type " + expected);
        boolean unknownDossier = isBallotOfUnknownDossier(data);
        require(dossierId != null || unknownDossier,
                "dossierId is required, except for a BallotInvalid with reason " + InvalidReason.DOSSIER_UNKNOWN);
        require(unitCode != null || unknownDossier,
                "unitCode is required, except for a BallotInvalid with reason " + InvalidReason.DOSSIER_UNKNOWN);
        require(unitCode == null || !unitCode.isBlank(), "unitCode must not be blank");
    }

    /**
     * The envelope the producer publishes: type, schema version and occurredAt come from the event itself.
     *
     * @throws IllegalArgumentException when a rule of the constructor is broken
     */
    public static SatisfactionEventEnvelope of(UUID eventId, UUID dossierId, String dossierCode, String unitCode,
                                               Instant recordedAt, SatisfactionEvent data) {
        if (data == null) {
            throw new IllegalArgumentException("data is required");
        }
        SatisfactionEventType type = SatisfactionEventType.of(data);
        return new SatisfactionEventEnvelope(eventId, type.typeName(), type.schemaVersion(), dossierId, dossierCode,
                unitCode, data.at(), recordedAt, data);
    }

    /**
     * The Kafka record key: the dossier id as text, so that every event of a dossier shares a key and a partition
     * and arrives in order. A ballot of an unknown dossier has no id and is keyed by {@code "code:"} and the dossier
     * code it carries, so that ballots typed with the same code also stay together.
     */
    public String key() {
        return dossierId != null ? dossierId.toString() : "code:" + dossierCode;
    }

    private static boolean isBallotOfUnknownDossier(SatisfactionEvent data) {
        return data instanceof SatisfactionEvent.BallotInvalid ballot
                && InvalidReason.DOSSIER_UNKNOWN.name().equals(ballot.reason());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
