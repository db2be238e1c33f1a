package vn.motcua.dossier.domain.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The store-wide seal of one day (Vietnam time) of recorded events: SHA-256 over the length-prefixed fields day
 * (ISO yyyy-MM-dd, UTF-8), event count (8 bytes), Merkle root of the day's event hashes in (recorded_at, position)
 * order, and the previous day's seal (no bytes for the first). Days are sealed one after another without gaps, so
 * the seals form a chain of their own: changing any sealed event or seal breaks every later seal.
 */
public final class DaySeal {
    public static final ZoneId VIETNAM = vn.motcua.duedate.WorkingCalendar.VIETNAM; // the zone, declared once

    private DaySeal() {
    }

    public static byte[] of(LocalDate day, long eventCount, byte[] merkleRoot, byte[] previousSeal) {
        return EventHash.sha256(new EventHash.Fields()
                .add(day.toString().getBytes(StandardCharsets.UTF_8))
                .add(ByteBuffer.allocate(8).putLong(eventCount).array())
                .add(merkleRoot)
                .add(previousSeal == null ? new byte[0] : previousSeal)
                .bytes());
    }

    /** The day an event belongs to. */
    public static LocalDate dayOf(Instant recordedAt) {
        return recordedAt.atZone(VIETNAM).toLocalDate();
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(VIETNAM).toInstant();
    }
}
