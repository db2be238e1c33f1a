package vn.motcua.dossier.domain.history;

import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.history.HistoryVerifier.DayRow;
import vn.motcua.dossier.domain.history.HistoryVerifier.EventRow;
import vn.motcua.dossier.domain.history.HistoryVerifier.Kind;
import vn.motcua.dossier.domain.history.HistoryVerifier.Report;
import vn.motcua.dossier.domain.history.HistoryVerifier.SealRow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryVerifierTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    /** 2026-03-02 09:00 and 2026-03-03 09:00 in Vietnam. */
    static final Instant MON = Instant.parse("2026-03-02T02:00:00Z");
    static final Instant TUE = Instant.parse("2026-03-03T02:00:00Z");

    // ------------------------------------------------------------------ the hash

    @Test
    void givenFixedEvent_whenHashed_thenTheDocumentedByteLayoutsDigest() {
        // the layout written out by hand: SQL (V5__history_chain.sql) and any other checker must give these bytes
        byte[] expected = EventHash.sha256(concat(
                len(0),
                len(16), HexFormat.of().parseHex("0000000000000000000000000000000a"),
                len(4), new byte[]{0, 0, 0, 1},
                len(15), "DossierReceived".getBytes(StandardCharsets.UTF_8),
                len(8), HexFormat.of().parseHex("00064c00f1c20800"),
                len(8), HexFormat.of().parseHex("00064c00f1c20801"),
                len(11), "{\"a\":\"Hoa\"}".getBytes(StandardCharsets.UTF_8)));
        // 1772416800 s = 2026-03-02T02:00:00Z = 0x64c00f1c20800 microseconds
        assertThat(EventHash.of(null, A, 1, "DossierReceived", MON, MON.plusNanos(1_000), "{\"a\":\"Hoa\"}"))
                .isEqualTo(expected);
    }

    @Test
    void givenTwoEventsDifferingOnlyInWhereAFieldEnds_whenHashed_thenTheHashesDiffer() {
        assertThat(EventHash.of(null, A, 1, "ab", MON, MON, "c"))
                .isNotEqualTo(EventHash.of(null, A, 1, "a", MON, MON, "bc"));
    }

    @Test
    void givenNanosecondInstant_whenHashed_thenRefusedAndStoredTruncatesToWhatPostgresKeeps() {
        Instant fine = MON.plusNanos(1_234_567);
        assertThatThrownBy(() -> EventHash.of(null, A, 1, "X", fine, MON, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventHash.stored(fine)).isEqualTo(MON.plusNanos(1_234_000));
    }

    @Test
    void givenThreeLeaves_whenMerkleRootTaken_thenItIsTheRfc6962Tree() {
        byte[] a = EventHash.sha256(new byte[]{1});
        byte[] b = EventHash.sha256(new byte[]{2});
        byte[] c = EventHash.sha256(new byte[]{3});
        byte[] expected = node(node(leaf(a), leaf(b)), leaf(c));
        assertThat(new MerkleRoot().add(a).add(b).add(c).root()).isEqualTo(expected);
        assertThat(new MerkleRoot().root()).isEqualTo(EventHash.sha256(new byte[0]));
    }

    // ------------------------------------------------------------------ chains and seals

    @Test
    void givenTwoIntactStreamsAndSealedDay_whenVerified_thenIntactWithCounts() {
        Store store = new Store().stream(A, MON, 3).stream(B, TUE, 2);
        List<SealRow> seals = store.seal(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"));

        Report report = store.verify(seals);

        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(5);
        assertThat(report.streams()).isEqualTo(2);
        assertThat(report.sealedEvents()).isEqualTo(3);
        assertThat(report.unsealedEvents()).isEqualTo(2);
        assertThat(report.lastSealedDay()).isEqualTo(LocalDate.parse("2026-03-02"));
    }

    @Test
    void givenPayloadChanged_whenVerified_thenHashMismatchAtThatPositionAndItsDaySeal() {
        Store store = new Store().stream(A, MON, 3).stream(B, MON, 2);
        List<SealRow> seals = store.seal(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"));
        EventRow second = store.rows.get(1);
        store.rows.set(1, new EventRow(second.position(), A, 2, second.eventType(), second.occurredAt(),
                second.recordedAt(), "{\"n\":99}", second.previousHash(), second.hash()));

        Report report = store.verify(seals);

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).isEqualTo(1);
        assertThat(report.first().kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(report.first().position()).isEqualTo(second.position());
        assertThat(report.first().dossierId()).isEqualTo(A);
        assertThat(report.first().version()).isEqualTo(2);
    }

    @Test
    void givenPayloadChangedAndRehashed_whenVerified_thenTheNextEventsLinkIsBrokenAndTheSealDiffers() {
        Store store = new Store().stream(A, MON, 3);
        List<SealRow> seals = store.seal(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"));
        EventRow second = store.rows.get(1);
        byte[] forged = EventHash.of(second.previousHash(), A, 2, second.eventType(), second.occurredAt(),
                second.recordedAt(), "{\"n\":99}");
        store.rows.set(1, new EventRow(second.position(), A, 2, second.eventType(), second.occurredAt(),
                second.recordedAt(), "{\"n\":99}", second.previousHash(), forged));

        Report report = store.verify(seals);

        assertThat(report.findings()).extracting(HistoryVerifier.Finding::kind, HistoryVerifier.Finding::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.BROKEN_LINK, 3),
                        org.assertj.core.groups.Tuple.tuple(Kind.SEAL_MISMATCH, null));
    }

    @Test
    void givenMiddleEventDeleted_whenVerified_thenMissingVersionNamedAtTheNextPosition() {
        Store store = new Store().stream(A, MON, 4);
        EventRow third = store.rows.get(2);
        store.rows.remove(1);

        Report report = store.verify(List.of());

        assertThat(report.first().kind()).isEqualTo(Kind.MISSING_VERSION);
        assertThat(report.first().version()).isEqualTo(2);
        assertThat(report.first().position()).isEqualTo(third.position());
        assertThat(report.problems()).isEqualTo(1);
    }

    @Test
    void givenLastEventDeleted_whenVerifiedAgainstTheReadTableAndTheSeal_thenBothSeeIt() {
        Store store = new Store().stream(A, MON, 3);
        List<SealRow> seals = store.seal(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"));
        store.rows.remove(2);

        HistoryVerifier v = new HistoryVerifier(seals);
        store.rows.forEach(r -> v.chain(r, 3));
        store.days().forEach(v::day);
        Report report = v.finish();

        assertThat(report.findings()).extracting(HistoryVerifier.Finding::kind)
                .containsExactly(Kind.SEAL_MISMATCH, Kind.MISSING_VERSION);
        assertThat(report.findings().get(0).day()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(report.findings().get(1).version()).isEqualTo(3);
    }

    @Test
    void givenSealAlteredOrMissing_whenVerified_thenSealMismatchNamesTheDay() {
        Store store = new Store().stream(A, MON, 1).stream(B, TUE, 1);
        List<SealRow> seals = new ArrayList<>(store.seal(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-04")));
        SealRow tuesday = seals.get(1);
        seals.set(1, new SealRow(tuesday.day(), tuesday.eventCount(), tuesday.merkleRoot(), tuesday.previousSeal(),
                EventHash.sha256(new byte[]{9})));

        Report altered = store.verify(seals);
        seals.remove(1);
        Report missing = store.verify(seals);

        assertThat(altered.first().kind()).isEqualTo(Kind.SEAL_MISMATCH);
        assertThat(altered.first().day()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(missing.first().kind()).isEqualTo(Kind.SEAL_MISMATCH);
        assertThat(missing.first().day()).isEqualTo(LocalDate.parse("2026-03-03"));
    }

    // ------------------------------------------------------------------ a store in memory

    /** Events appended as DossierStore appends them: each linked to its stream's previous hash. */
    static final class Store {
        final List<EventRow> rows = new ArrayList<>();
        long position;

        Store stream(UUID id, Instant at, int events) {
            byte[] previous = null;
            for (int v = 1; v <= events; v++) {
                Instant recorded = at.plusSeconds(v);
                String payload = "{\"n\":" + v + "}";
                byte[] hash = EventHash.of(previous, id, v, "E" + v, at, recorded, payload);
                rows.add(new EventRow(++position, id, v, "E" + v, at, recorded, payload, previous, hash));
                previous = hash;
            }
            return this;
        }

        List<DayRow> days() {
            return rows.stream().sorted(Comparator.comparing(EventRow::recordedAt)
                            .thenComparing(EventRow::position))
                    .map(r -> new DayRow(r.position(), r.recordedAt(), r.hash())).toList();
        }

        /** Seals from..to as the sealer does. */
        List<SealRow> seal(LocalDate from, LocalDate to) {
            List<SealRow> seals = new ArrayList<>();
            byte[] previous = null;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                MerkleRoot root = new MerkleRoot();
                LocalDate day = d;
                days().stream().filter(r -> DaySeal.dayOf(r.recordedAt()).equals(day)).forEach(r -> root.add(r.hash()));
                byte[] seal = DaySeal.of(d, root.count(), root.root(), previous);
                seals.add(new SealRow(d, root.count(), root.root(), previous, seal));
                previous = seal;
            }
            return seals;
        }

        Report verify(List<SealRow> seals) {
            HistoryVerifier v = new HistoryVerifier(seals);
            rows.stream().sorted(Comparator.comparing(EventRow::dossierId).thenComparing(EventRow::version))
                    .forEach(v::chain);
            days().forEach(v::day);
            return v.finish();
        }
    }

    private static byte[] leaf(byte[] h) {
        return EventHash.sha256(concat(new byte[]{0}, h));
    }

    private static byte[] node(byte[] l, byte[] r) {
        return EventHash.sha256(concat(new byte[]{1}, l, r));
    }

    private static byte[] len(int n) {
        return java.nio.ByteBuffer.allocate(4).putInt(n).array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
