package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import vn.motcua.support.ProblemException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures a command runs again after, and how often: the database's "rolled back for another transaction"
 * (deadlock 40P01, serialization 40001, lock not available 55P03, as Hibernate Reactive reports them) always; a lost
 * append only when the caller did not send If-Match; nothing else.
 */
class ConflictRetriesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A command whose first {@code failures} runs fail with {@code failure}; then it answers its run's number. */
    private static Uni<Integer> failingFirst(int failures, RuntimeException failure, AtomicInteger runs) {
        return Uni.createFrom().deferred(() -> {
            int run = runs.incrementAndGet();
            return run <= failures ? Uni.createFrom().failure(failure) : Uni.createFrom().item(run);
        });
    }

    private static RuntimeException database(String sqlState) {
        return new IllegalStateException("wrapped", new SQLException("the database said so", sqlState));
    }

    @Test
    void aDeadlockVictimRunsAgainWithOrWithoutIfMatchAndAtReception() {
        for (String state : new String[]{"40P01", "40001", "55P03"}) {
            AtomicInteger plain = new AtomicInteger();
            assertThat(ConflictRetries.command(failingFirst(1, database(state), plain), false).await().atMost(WAIT))
                    .isEqualTo(2);
            AtomicInteger withIfMatch = new AtomicInteger();
            assertThat(ConflictRetries.command(failingFirst(2, database(state), withIfMatch), true).await()
                    .atMost(WAIT)).isEqualTo(3);
            AtomicInteger reception = new AtomicInteger();
            assertThat(ConflictRetries.reception(failingFirst(1, database(state), reception)).await().atMost(WAIT))
                    .isEqualTo(2);
        }
    }

    @Test
    void aLostAppendRunsAgainOnlyWithoutIfMatch() {
        AtomicInteger plain = new AtomicInteger();
        assertThat(ConflictRetries.command(failingFirst(3, conflict(), plain), false).await().atMost(WAIT))
                .isEqualTo(4);
        AtomicInteger withIfMatch = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetries.command(failingFirst(1, conflict(), withIfMatch), true).await()
                .atMost(WAIT)).isInstanceOf(ProblemException.class);
        assertThat(withIfMatch).hasValue(1);
    }

    @Test
    void otherFailuresAndEndlessDeadlocksReachTheCaller() {
        AtomicInteger unique = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetries.command(failingFirst(1, database("23505"), unique), false).await()
                .atMost(WAIT)).hasRootCauseMessage("the database said so");
        assertThat(unique).hasValue(1);
        AtomicInteger endless = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetries.command(failingFirst(100, database("40P01"), endless), true).await()
                .atMost(WAIT)).isInstanceOf(IllegalStateException.class);
        assertThat(endless).hasValue(1 + ConflictRetries.LOST_TRANSACTION_RETRIES);
    }

    private static ProblemException conflict() {
        return vn.motcua.dossier.store.DossierStore.versionConflict();
    }
}
