package vn.motcua.reporting.projection;

import org.junit.jupiter.api.Test;
import vn.motcua.reporting.domain.DossierFact;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a rebuild keeps of its facts between batches: only what committed, the latest first to stay. */
class FactMemoryTest {
    static DossierFact fact(int n) {
        DossierFact f = new DossierFact(new UUID(0, n), "D-" + n);
        f.lastVersion = 1;
        return f;
    }

    @Test
    void aFactWrittenByABatchIsFoundByTheNextOnlyOnceTheBatchCommitted() {
        var memory = new FactMemory(10);
        DossierFact f = fact(1);
        memory.written(f);
        assertThat(memory.size()).isZero();
        memory.committed();
        assertThat(memory.size()).isEqualTo(1);
        FactMemory.Kept kept = memory.take(f.dossierId);
        assertThat(kept.fact()).isSameAs(f);
        assertThat(memory.take(f.dossierId)).as("taken out while a batch folds it").isNull();
    }

    @Test
    void aBatchRolledBackLeavesNothingOfItsFoldAndTheTablesAreReadAgain() {
        var memory = new FactMemory(10);
        memory.written(fact(1));
        memory.written(fact(2));
        memory.committed();
        assertThat(memory.complete()).isTrue();

        // the next batch takes fact 1, folds an event into it, writes it, and its transaction fails
        DossierFact one = memory.take(new UUID(0, 1)).fact();
        one.lastVersion = 2;
        memory.written(one);
        memory.rolledBack();

        assertThat(memory.take(new UUID(0, 1))).as("the folded fact is not kept: version 1 is in the tables").isNull();
        assertThat(memory.complete()).as("a dossier not kept may now be in the tables").isFalse();
        assertThat(memory.take(new UUID(0, 2))).as("untouched facts stay").isNotNull();
    }

    @Test
    void aFailedFoldUnderASavepointKeepsWhatTheTransactionsEarlierFoldsWrote() {
        var memory = new FactMemory(10);
        memory.written(fact(1)); // an earlier record of the transaction, applied under its savepoint
        memory.take(new UUID(0, 1)); // the failing record takes the same dossier, then its savepoint is rolled back
        memory.written(fact(2));
        memory.foldFailed();
        memory.committed();
        assertThat(memory.take(new UUID(0, 1))).isNull();
        assertThat(memory.take(new UUID(0, 2))).isNotNull();
        assertThat(memory.complete()).isFalse();
    }

    @Test
    void theOldestFactsGoFirstAndThenTheTablesMustBeAsked() {
        var memory = new FactMemory(3);
        for (int n = 1; n <= 3; n++) {
            memory.written(fact(n));
        }
        memory.committed();
        assertThat(memory.complete()).isTrue();
        memory.written(fact(4));
        memory.written(fact(5));
        memory.committed();
        assertThat(memory.size()).isEqualTo(3);
        assertThat(memory.take(new UUID(0, 1))).isNull();
        assertThat(memory.take(new UUID(0, 2))).isNull();
        assertThat(memory.take(new UUID(0, 3))).isNotNull();
        assertThat(memory.complete()).isFalse();
    }

    @Test
    void aKeptFactCarriesItsStepsAsWrittenAndNoNoticeTwice() {
        var memory = new FactMemory(3);
        DossierFact f = fact(1);
        f.steps.add(new DossierFact.Step(1, "U", "thẩm định", Instant.EPOCH, null, null));
        f.newNotices.add(new DossierFact.Notice(1, "RECEIVED", "SMS", true, 1, Instant.EPOCH));
        memory.written(f);
        f.steps.add(new DossierFact.Step(2, "U", "phê duyệt", Instant.EPOCH, null, null));
        memory.committed();
        FactMemory.Kept kept = memory.take(f.dossierId);
        assertThat(kept.steps()).hasSize(1);
        assertThat(kept.fact().newNotices).as("written with the batch that received them").isEmpty();
    }

    @Test
    void withNoRoomNothingIsKeptAndTheTablesAreAlwaysAsked() {
        var memory = new FactMemory(0);
        memory.written(fact(1));
        memory.committed();
        assertThat(memory.take(new UUID(0, 1))).isNull();
        assertThat(memory.complete()).isFalse();
    }
}
