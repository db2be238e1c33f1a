package vn.motcua.dossier.domain.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Checks a dossier store's history as it streams by, in bounded memory, the same way in dossier-service and in the
 * command-line check. Two passes, fed by the caller:
 * <ol>
 *     <li>{@link #chain} with every event in (dossier id, version) order: versions 1..n without gaps, each event
 *     linked to its predecessor's hash, each event's content giving its stored hash;</li>
 *     <li>{@link #day} with every event's position and hash in (recorded_at, position) order: each sealed day's
 *     events give its seal's count and Merkle root; events after the last sealed day are counted as not sealed
 *     yet.</li>
 * </ol>
 * The seals themselves (one a day, without gaps, each over the previous one) are checked when the verifier is made.
 * The first problem is the earliest by day, then by position.
 */
public final class HistoryVerifier {
    /** How many problems a report lists (all are counted). */
    public static final int LISTED = 20;

    public enum Kind {
        /** The event's content (payload, type, instants, id, version) does not give its stored hash. */
        HASH_MISMATCH,
        /** The event does not name its predecessor's hash. */
        BROKEN_LINK,
        /** Versions are missing from the stream (a deleted event). */
        MISSING_VERSION,
        /** A day's events do not give its seal, a seal is altered, or a day has no seal. */
        SEAL_MISMATCH
    }

    /** An event as stored. {@code previousHash} is null for a stream's first event. */
    public record EventRow(long position, UUID dossierId, int version, String eventType, Instant occurredAt,
                           Instant recordedAt, String payload, byte[] previousHash, byte[] hash) {
    }

    /** What the day pass needs of an event. */
    public record DayRow(long position, Instant recordedAt, byte[] hash) {
    }

    /** A stored day seal. {@code previousSeal} is null for the first. */
    public record SealRow(LocalDate day, long eventCount, byte[] merkleRoot, byte[] previousSeal, byte[] seal) {
    }

    /** One problem: where it is and what differs. */
    public record Finding(Kind kind, Long position, UUID dossierId, Integer version, LocalDate day, String detail) {
    }

    public record Report(boolean intact, long events, long streams, long sealedDays, LocalDate lastSealedDay,
                         long sealedEvents, long unsealedEvents, long problems, Finding first,
                         List<Finding> findings) {
    }

    private static final Comparator<Finding> EARLIEST = Comparator
            .comparing(Finding::day, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::position, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::kind);
    private static final HexFormat HEX = HexFormat.of();

    private final List<SealRow> seals;
    private final List<Finding> findings = new ArrayList<>();
    private long problems;
    // chain pass
    private long events;
    private long streams;
    private UUID stream;
    private int expected;
    private byte[] lastHash;
    private Integer pendingRecorded;
    // day pass
    private int sealIndex;
    private MerkleRoot current = new MerkleRoot();
    private long sealedEvents;
    private long unsealedEvents;

    /** @param seals every seal, in day order (empty when nothing is sealed yet, or for one dossier's check) */
    public HistoryVerifier(List<SealRow> seals) {
        this.seals = List.copyOf(seals);
        byte[] previous = null;
        LocalDate previousDay = null;
        for (SealRow s : this.seals) {
            if (previousDay != null && !s.day().equals(previousDay.plusDays(1))) {
                found(Kind.SEAL_MISMATCH, null, null, null, previousDay.plusDays(1),
                        "no seal for this day (the next seal is for " + s.day() + ")");
            }
            if (!Arrays.equals(orEmpty(s.previousSeal()), orEmpty(previous))) {
                found(Kind.SEAL_MISMATCH, null, null, null, s.day(), "the seal does not name the previous day's seal");
            }
            if (!Arrays.equals(DaySeal.of(s.day(), s.eventCount(), s.merkleRoot(), s.previousSeal()), s.seal())) {
                found(Kind.SEAL_MISMATCH, null, null, null, s.day(), "the seal is not the hash of its own row");
            }
            previous = s.seal();
            previousDay = s.day();
        }
    }

    /** The chain pass: every event, in (dossier id, version) order. */
    public void chain(EventRow r) {
        chain(r, null);
    }

    /**
     * The chain pass, with the version the read table recorded for the event's dossier (null if none): a stream
     * that ends before it lost its last events (see {@link #streamRecorded}).
     */
    public void chain(EventRow r, Integer recordedVersion) {
        events++;
        if (!r.dossierId().equals(stream)) {
            flushRecorded();
            stream = r.dossierId();
            streams++;
            expected = 1;
            lastHash = null;
        }
        if (recordedVersion != null) {
            pendingRecorded = recordedVersion;
        }
        LocalDate day = DaySeal.dayOf(r.recordedAt());
        if (r.version() != expected) {
            found(Kind.MISSING_VERSION, r.position(), r.dossierId(), expected, day,
                    r.version() == expected + 1 ? "version " + expected + " is missing"
                            : "versions " + expected + " to " + (r.version() - 1) + " are missing");
        } else if (!Arrays.equals(orEmpty(r.previousHash()), orEmpty(lastHash))) {
            found(Kind.BROKEN_LINK, r.position(), r.dossierId(), r.version(), day,
                    "names previous hash " + hex(r.previousHash()) + " but version " + (r.version() - 1)
                            + (lastHash == null ? " does not exist" : " has hash " + hex(lastHash)));
        }
        byte[] computed = EventHash.of(r.previousHash(), r.dossierId(), r.version(), r.eventType(), r.occurredAt(),
                r.recordedAt(), r.payload());
        if (!Arrays.equals(computed, r.hash())) {
            found(Kind.HASH_MISMATCH, r.position(), r.dossierId(), r.version(), day,
                    "the stored content gives hash " + hex(computed) + ", the stored hash is " + hex(r.hash())
                            + " (payload, type, instants or identity altered)");
        }
        expected = r.version() + 1;
        lastHash = r.hash();
    }

    /**
     * After a stream's events: the version the read table last recorded for it. A stream shorter than that lost
     * its last events (which no later link would show).
     */
    public void streamRecorded(UUID dossierId, int recordedVersion) {
        int last = dossierId.equals(stream) ? expected - 1 : 0;
        if (recordedVersion > last) {
            found(Kind.MISSING_VERSION, null, dossierId, last + 1, null, "the stream ends at version " + last
                    + " but version " + recordedVersion + " was recorded");
        }
    }

    private void flushRecorded() {
        if (stream != null && pendingRecorded != null) {
            streamRecorded(stream, pendingRecorded);
        }
        pendingRecorded = null;
    }

    /** The day pass: every event, in (recorded_at, position) order. */
    public void day(DayRow r) {
        LocalDate day = DaySeal.dayOf(r.recordedAt());
        if (seals.isEmpty() || day.isAfter(seals.get(seals.size() - 1).day())) {
            closeSealsBefore(null);
            unsealedEvents++;
            return;
        }
        closeSealsBefore(day);
        if (sealIndex >= seals.size() || !seals.get(sealIndex).day().equals(day)) {
            found(Kind.SEAL_MISMATCH, r.position(), null, null, day,
                    "the event was recorded on a day that has no seal");
            return;
        }
        current.add(r.hash());
        sealedEvents++;
    }

    public Report finish() {
        flushRecorded();
        closeSealsBefore(null);
        List<Finding> listed = List.copyOf(findings);
        return new Report(problems == 0, events, streams, seals.size(),
                seals.isEmpty() ? null : seals.get(seals.size() - 1).day(), sealedEvents, unsealedEvents, problems,
                listed.isEmpty() ? null : listed.get(0), listed);
    }

    /** Closes every seal before {@code day} (all when null), comparing it with the events seen for it. */
    private void closeSealsBefore(LocalDate day) {
        while (sealIndex < seals.size() && (day == null || seals.get(sealIndex).day().isBefore(day))) {
            SealRow s = seals.get(sealIndex);
            if (current.count() != s.eventCount()) {
                found(Kind.SEAL_MISMATCH, null, null, null, s.day(), "the seal counts " + s.eventCount()
                        + " events, the store holds " + current.count() + " for this day");
            } else if (!Arrays.equals(current.root(), s.merkleRoot())) {
                found(Kind.SEAL_MISMATCH, null, null, null, s.day(),
                        "the day's events give Merkle root " + hex(current.root()) + ", the seal has "
                                + hex(s.merkleRoot()));
            }
            current = new MerkleRoot();
            sealIndex++;
        }
    }

    private void found(Kind kind, Long position, UUID dossierId, Integer version, LocalDate day, String detail) {
        problems++;
        Finding f = new Finding(kind, position, dossierId, version, day, detail);
        int at = 0;
        while (at < findings.size() && EARLIEST.compare(findings.get(at), f) <= 0) {
            at++;
        }
        if (at < LISTED) {
            findings.add(at, f);
            if (findings.size() > LISTED) {
                findings.remove(findings.size() - 1);
            }
        }
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    private static String hex(byte[] b) {
        return b == null ? "none" : HEX.formatHex(b);
    }
}
