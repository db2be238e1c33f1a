package vn.motcua.reporting.projection;

import org.junit.jupiter.api.Test;
import vn.motcua.reporting.domain.DossierFact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rebuild keeps of its facts between batches: folds count once their batch commits, a fact's row is written
 * when it leaves the memory or when the rebuild has caught up, and a failed batch leaves the last commit's facts.
 */
class FactMemoryTest {
    static DossierFact fact(int n) {
        DossierFact f = new DossierFact(new UUID(0, n), "D-" + n);
        f.lastVersion = 1;
        return f;
    }

    static UUID id(int n) {
        return new UUID(0, n);
    }

    /** One batch that folds these facts (each changed, so newer than its row) and commits. */
    static List<FactMemory.Kept> batch(FactMemory memory, boolean caughtUp, int... facts) {
        for (int n : facts) {
            FactMemory.Kept kept = memory.take(id(n));
            DossierFact f = kept == null ? fact(n) : kept.fact();
            f.lastVersion++;
            memory.folded(f, kept == null ? List.of() : kept.written(), true, kept != null && kept.hasRow());
        }
        List<FactMemory.Kept> written = memory.toWrite(caughtUp);
        memory.committed();
        return written;
    }

    @Test
    void aBatchFoldsACopyAndTheFoldIsKeptOnlyOnceTheBatchCommitted() {
        var memory = new FactMemory(10);
        batch(memory, false, 1);
        FactMemory.Kept first = memory.take(id(1));
        FactMemory.Kept second = memory.take(id(1));
        assertThat(first.fact()).isNotSameAs(second.fact());
        assertThat(first.fact().lastVersion).isEqualTo(2);

        first.fact().lastVersion = 3;
        memory.folded(first.fact(), first.written(), true, first.hasRow());
        assertThat(memory.take(id(1)).fact().lastVersion).as("a later record of the same batch").isEqualTo(3);
        memory.rolledBack();
        assertThat(memory.take(id(1)).fact().lastVersion).as("the last commit's").isEqualTo(2);
    }

    @Test
    void whileTheRebuildReplaysOnlyTheFactsThatLeaveTheMemoryAreWritten() {
        var memory = new FactMemory(2);
        assertThat(batch(memory, false, 1, 2)).isEmpty();
        assertThat(memory.complete()).isTrue();
        List<FactMemory.Kept> written = batch(memory, false, 3);
        assertThat(written).extracting(k -> k.fact().dossierId).containsExactly(id(1));
        assertThat(memory.take(id(1))).as("its row is current now").isNull();
        assertThat(memory.complete()).as("a dossier not kept may have a row").isFalse();
        // folded again, fact 2 is the newest: fact 3 leaves next
        assertThat(batch(memory, false, 2, 4)).extracting(k -> k.fact().dossierId).containsExactly(id(3));
        assertThat(memory.size()).isEqualTo(2);
    }

    @Test
    void onceCaughtUpEveryFactNewerThanItsRowIsWrittenOnce() {
        var memory = new FactMemory(10);
        batch(memory, false, 1, 2, 3);
        assertThat(memory.dirty()).isEqualTo(3);
        assertThat(batch(memory, true, 2)).hasSize(3);
        assertThat(memory.dirty()).isZero();
        assertThat(memory.toWrite(true)).as("nothing newer than its row").isEmpty();
        memory.committed();
        assertThat(memory.take(id(2)).fact().lastVersion).as("still kept for the events to come").isEqualTo(3);
    }

    @Test
    void aBatchThatFailsAfterWritingLeavesTheFactsNewerThanTheirRowsAsTheyWere() {
        var memory = new FactMemory(1);
        batch(memory, false, 1);
        FactMemory.Kept kept = memory.take(id(1));
        kept.fact().lastVersion = 9;
        memory.folded(kept.fact(), kept.written(), true, kept.hasRow());
        memory.folded(fact(2), List.of(), true, false);
        assertThat(memory.toWrite(true)).hasSize(2);
        memory.rolledBack(); // the rows written are rolled back with it

        assertThat(memory.take(id(1)).fact().lastVersion).isEqualTo(2);
        assertThat(memory.take(id(1)).dirty()).as("its row is still older").isTrue();
        assertThat(memory.take(id(1)).hasRow()).as("the row written was rolled back: none yet").isFalse();
        assertThat(memory.take(id(2))).isNull();
        assertThat(memory.complete()).isTrue();
    }

    @Test
    void aWrittenFactKeepsItsStepsAsWrittenAndSendsNoNoticeTwice() {
        var memory = new FactMemory(3);
        DossierFact f = fact(1);
        f.steps.add(new DossierFact.Step(1, "U", "thẩm định", Instant.EPOCH, null, null));
        f.newNotices.add(new DossierFact.Notice(1, "RECEIPT", "SMS", true, 1, Instant.EPOCH));
        memory.folded(f, List.of(), true, false);
        assertThat(memory.toWrite(true)).singleElement().satisfies(k -> assertThat(k.hasRow())
                .as("never written: it goes straight into the twin table").isFalse());
        memory.committed();
        FactMemory.Kept kept = memory.take(f.dossierId);
        assertThat(kept.written()).hasSize(1);
        assertThat(kept.dirty()).isFalse();
        assertThat(kept.hasRow()).as("written once: the next write merges").isTrue();
        assertThat(kept.fact().newNotices).as("written with its row").isEmpty();
    }

    @Test
    void withNoRoomEveryFoldIsWrittenInItsOwnBatch() {
        var memory = new FactMemory(0);
        assertThat(batch(memory, false, 1, 2)).hasSize(2);
        assertThat(memory.take(id(1))).isNull();
        assertThat(memory.complete()).isFalse();
    }

    /** Room for about {@code facts} small compact facts (as {@link #fact} makes them). */
    static long roomFor(int facts) {
        var codec = new FactBytes();
        return facts * (codec.encode(fact(1), List.of()).length + 80L) + 40;
    }

    @Test
    void olderFactsAreKeptCompactAndLeaveOnlyWhenTheirRoomIsFull() {
        var memory = new FactMemory(1, roomFor(2));
        assertThat(batch(memory, false, 1)).isEmpty();
        assertThat(batch(memory, false, 2)).as("fact 1 is kept compact, not written").isEmpty();
        assertThat(batch(memory, false, 3)).isEmpty();
        assertThat(memory.compactCount()).isEqualTo(2);
        assertThat(memory.complete()).isTrue();
        assertThat(batch(memory, false, 4)).as("the compact room is full: the oldest leaves, written")
                .extracting(k -> k.fact().dossierId).containsExactly(id(1));
        assertThat(memory.complete()).isFalse();
        assertThat(memory.size()).isEqualTo(3);

        FactMemory.Kept two = memory.take(id(2));
        assertThat(two.fact().lastVersion).as("as folded").isEqualTo(2);
        assertThat(two.dirty()).isTrue();
        assertThat(two.hasRow()).isFalse();
        // folded again, fact 2 is an object once more and the newest; fact 3 becomes the oldest compact one
        assertThat(batch(memory, false, 2)).isEmpty();
        assertThat(memory.take(id(2)).fact().lastVersion).isEqualTo(3);
        assertThat(batch(memory, false, 5)).extracting(k -> k.fact().dossierId).containsExactly(id(3));
        assertThat(memory.letGo()).isEqualTo(2);
    }

    @Test
    void onceCaughtUpTheCompactFactsAreWrittenOnceAndStayKept() {
        var memory = new FactMemory(1, roomFor(10));
        DossierFact f = fact(1);
        f.steps.add(new DossierFact.Step(1, "U", "thẩm định", Instant.EPOCH, null, null));
        f.newNotices.add(new DossierFact.Notice(1, "RECEIPT", "SMS", true, 1, Instant.EPOCH));
        memory.folded(f, List.of(), true, false);
        memory.toWrite(false);
        memory.committed();
        batch(memory, false, 2, 3);
        assertThat(memory.compactCount()).isEqualTo(2);
        assertThat(memory.dirty()).isEqualTo(3);

        List<FactMemory.Kept> written = memory.toWrite(true);
        assertThat(written).extracting(k -> k.fact().dossierId).containsExactlyInAnyOrder(id(1), id(2), id(3));
        assertThat(written).filteredOn(k -> k.fact().dossierId.equals(id(1))).singleElement()
                .satisfies(k -> assertThat(k.fact().newNotices).hasSize(1));
        memory.committed();
        assertThat(memory.dirty()).isZero();
        assertThat(memory.compactCount()).as("still kept for the events to come").isEqualTo(2);
        FactMemory.Kept kept = memory.take(id(1));
        assertThat(kept.hasRow()).isTrue();
        assertThat(kept.written()).as("its steps as written").isEqualTo(kept.fact().steps).hasSize(1);
        assertThat(kept.fact().newNotices).as("written with its row: not again").isEmpty();
        assertThat(memory.toWrite(true)).isEmpty();
        memory.committed();
    }

    @Test
    void aBatchThatFailsLeavesTheCompactFactsAsTheyWere() {
        var memory = new FactMemory(1, roomFor(1));
        batch(memory, false, 1, 2);
        assertThat(memory.compactCount()).isEqualTo(1);
        // a batch that folds the compact fact again and two new ones: one would leave, one become compact
        FactMemory.Kept one = memory.take(id(1));
        one.fact().lastVersion = 9;
        memory.folded(one.fact(), one.written(), true, one.hasRow());
        memory.folded(fact(3), List.of(), true, false);
        memory.folded(fact(4), List.of(), true, false);
        assertThat(memory.toWrite(false)).isNotEmpty();
        memory.rolledBack();

        assertThat(memory.take(id(1)).fact().lastVersion).as("the last commit's").isEqualTo(2);
        assertThat(memory.take(id(2)).fact().lastVersion).isEqualTo(2);
        assertThat(memory.take(id(3))).isNull();
        assertThat(memory.complete()).isTrue();
        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.compactCount()).isEqualTo(1);
    }

    @Test
    void aFactWrittenBeforeKeepsItsRowsStepsWhileCompact() {
        var memory = new FactMemory(1, roomFor(4));
        DossierFact f = fact(1);
        f.steps.add(new DossierFact.Step(1, "U", "tiếp nhận", Instant.EPOCH, null, null));
        List<DossierFact.Step> row = List.copyOf(f.steps);
        f.steps.set(0, new DossierFact.Step(1, "U", "tiếp nhận", Instant.EPOCH, null, Instant.EPOCH.plusSeconds(60)));
        memory.folded(f, row, true, true);
        memory.toWrite(false);
        memory.committed();
        batch(memory, false, 2);
        assertThat(memory.compactCount()).isEqualTo(1);
        FactMemory.Kept back = memory.take(id(1));
        assertThat(back.written()).as("the step as its row holds it: not ended").isEqualTo(row);
        assertThat(back.fact().steps.get(0).endedAt()).isEqualTo(Instant.EPOCH.plusSeconds(60));
        assertThat(back.hasRow()).isTrue();
    }

    @Test
    void onlyADossierWhoseFactLeftTheMemoryIsLookedForInTheTables() {
        var memory = new FactMemory(1, 0);
        batch(memory, false, 1);
        assertThat(memory.mayHaveRow(id(7))).as("nothing has left: no row anywhere").isFalse();
        // a batch that would let fact 1 go fails: it is still kept, and has no row
        memory.folded(fact(2), List.of(), true, false);
        assertThat(memory.toWrite(false)).hasSize(1);
        memory.rolledBack();
        assertThat(memory.mayHaveRow(id(1))).isFalse();

        batch(memory, false, 2, 3);
        assertThat(memory.take(id(1))).isNull();
        assertThat(memory.take(id(2))).isNull();
        assertThat(memory.mayHaveRow(id(1))).as("let go, with its row written").isTrue();
        assertThat(memory.mayHaveRow(id(2))).isTrue();
        long never = java.util.stream.IntStream.range(1_000, 2_000).filter(n -> memory.mayHaveRow(id(n))).count();
        assertThat(never).as("dossiers never seen, looked for by mistake (the filter's false positives)")
                .isLessThan(30);
    }
}
