package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Who waits for whom: work of one key queues behind the running work and then goes in together. */
class GroupCommitTest {
    /** Every run, alone or as a group, with the future that ends it. */
    private final List<List<String>> runs = new ArrayList<>();
    private final List<CompletableFuture<List<GroupCommit.Outcome<String>>>> ends = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    private final GroupCommit<String, String, String> commit = new GroupCommit<>(3,
            work -> {
                if (work.startsWith("throw")) {
                    throw new IllegalArgumentException(work);
                }
                return run(List.of(work)).map(outcomes -> {
                    if (outcomes.get(0).failure() != null) {
                        throw new IllegalStateException(outcomes.get(0).failure());
                    }
                    return outcomes.get(0).answer();
                });
            },
            this::run, sizes::add);

    private Uni<List<GroupCommit.Outcome<String>>> run(List<String> works) {
        CompletableFuture<List<GroupCommit.Outcome<String>>> end = new CompletableFuture<>();
        runs.add(works);
        ends.add(end);
        return Uni.createFrom().completionStage(end);
    }

    /** Ends run {@code n}: each member answered with its work's name, those named "refuse..." failed. */
    private void end(int n) {
        ends.get(n).complete(runs.get(n).stream().map(w -> w.startsWith("refuse")
                ? GroupCommit.Outcome.<String>failed(new IllegalStateException("refused " + w))
                : GroupCommit.Outcome.answered("done " + w)).toList());
    }

    private UniAssertSubscriber<String> submit(String key, String work) {
        return commit.submit(key, work).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void givenAKeyAtWork_whenMoreArrive_thenTheyWaitAndRunAsOneGroupInArrivalOrder() {
        UniAssertSubscriber<String> first = submit("unit-A", "r1");
        UniAssertSubscriber<String> second = submit("unit-A", "r2");
        UniAssertSubscriber<String> third = submit("unit-A", "refuse-r3");
        UniAssertSubscriber<String> fourth = submit("unit-A", "r4");

        assertThat(runs).containsExactly(List.of("r1"));
        second.assertNotTerminated();
        end(0);

        first.assertItem("done r1");
        assertThat(runs).containsExactly(List.of("r1"), List.of("r2", "refuse-r3", "r4"));
        second.assertNotTerminated();
        end(1);
        second.assertItem("done r2");
        third.assertFailedWith(IllegalStateException.class, "refused refuse-r3");
        fourth.assertItem("done r4");
        assertThat(sizes).containsExactly(1, 3);
    }

    @Test
    void givenAKeyIdleAgain_whenWorkArrives_thenItRunsAloneAtOnce() {
        submit("unit-A", "r1");
        end(0);

        UniAssertSubscriber<String> later = submit("unit-A", "r2");

        assertThat(runs).containsExactly(List.of("r1"), List.of("r2"));
        end(1);
        later.assertItem("done r2");
    }

    @Test
    void givenTwoKeys_whenBothHaveWork_thenNeitherWaitsForTheOther() {
        submit("unit-A", "a1");
        UniAssertSubscriber<String> b = submit("unit-B", "b1");

        assertThat(runs).containsExactly(List.of("a1"), List.of("b1"));
        end(1);
        b.assertItem("done b1");
    }

    @Test
    void givenMoreWaitingThanAGroupHolds_whenTheKeyFrees_thenTheyGoInGroupsOfAtMostTheLimit() {
        submit("unit-A", "r0");
        List<UniAssertSubscriber<String>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(submit("unit-A", "r" + i));
        }

        end(0);
        end(1);
        end(2);

        assertThat(runs).containsExactly(List.of("r0"), List.of("r1", "r2", "r3"), List.of("r4", "r5"));
        for (int i = 0; i < 5; i++) {
            waiting.get(i).assertItem("done r" + (i + 1));
        }
    }

    @Test
    void givenAGroupThatFailsAsAWhole_whenItEnds_thenEveryMemberGetsTheFailureAndTheKeyIsFree() {
        submit("unit-A", "r1");
        UniAssertSubscriber<String> second = submit("unit-A", "r2");
        UniAssertSubscriber<String> third = submit("unit-A", "r3");
        end(0);

        ends.get(1).completeExceptionally(new IllegalStateException("database gone"));

        second.assertFailedWith(IllegalStateException.class, "database gone");
        third.assertFailedWith(IllegalStateException.class, "database gone");
        submit("unit-A", "r4");
        assertThat(runs.get(2)).containsExactly("r4");
    }

    @Test
    void givenWorkThatThrowsBeforeItStarts_whenSubmitted_thenItFailsAndTheNextRunsAlone() {
        UniAssertSubscriber<String> broken = submit("unit-A", "throw-r1");
        broken.assertFailedWith(IllegalArgumentException.class, "throw-r1");

        submit("unit-A", "r2");
        assertThat(runs).containsExactly(List.of("r2"));
    }
}
