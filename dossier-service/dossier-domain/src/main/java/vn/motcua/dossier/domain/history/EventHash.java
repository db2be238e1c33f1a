package vn.motcua.dossier.domain.history;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The hash of one stored dossier event, the link of its stream's chain. Defined once, here: dossier-service computes
 * it when it appends, and its admin check and the command-line check recompute it from what the database holds.
 * <p>
 * SHA-256 over seven fields, each written as a 4-byte big-endian length followed by its bytes, in this order: the
 * previous event's hash (no bytes for a stream's first event), the dossier id (16 bytes, most significant first), the
 * version (4 bytes), the event type (UTF-8), occurred_at and recorded_at (each 8 bytes: microseconds since
 * 1970-01-01T00:00Z, what PostgreSQL keeps of a timestamptz), and the payload (UTF-8). The migration
 * {@code V5__history_chain.sql} defines the same bytes in SQL ({@code dossier_event_hash}).
 */
public final class EventHash {
    public static final int LENGTH = 32;

    private EventHash() {
    }

    public static byte[] of(byte[] previous, UUID dossierId, int version, String eventType, Instant occurredAt,
                            Instant recordedAt, String payload) {
        Fields f = new Fields();
        f.add(previous == null ? new byte[0] : previous);
        f.add(ByteBuffer.allocate(16).putLong(dossierId.getMostSignificantBits())
                .putLong(dossierId.getLeastSignificantBits()).array());
        f.add(ByteBuffer.allocate(4).putInt(version).array());
        f.add(eventType.getBytes(StandardCharsets.UTF_8));
        f.add(ByteBuffer.allocate(8).putLong(micros(occurredAt)).array());
        f.add(ByteBuffer.allocate(8).putLong(micros(recordedAt)).array());
        f.add(payload.getBytes(StandardCharsets.UTF_8));
        return sha256(f.bytes());
    }

    /** An instant as PostgreSQL stores it: what is hashed must be what reads back. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static long micros(Instant instant) {
        if (instant.getNano() % 1_000 != 0) {
            // a finer instant would be hashed as something the database cannot give back
            throw new IllegalArgumentException("not microsecond-precise: " + instant);
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed fields: no two different field lists give the same bytes. */
    static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Fields add(byte[] field) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
            out.writeBytes(field);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
