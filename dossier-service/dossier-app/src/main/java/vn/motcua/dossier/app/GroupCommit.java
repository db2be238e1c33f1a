package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Group commit for work that queues behind one row lock (a unit's day counter of dossier codes): while a key's work
 * runs, what arrives for the same key waits, and everything that waited runs next as one group (one transaction,
 * the lock taken once, one commit) instead of one after another. Work that finds its key idle runs alone at once, so
 * nothing waits that would not have waited anyway. Per process: other instances still meet at the row lock.
 *
 * @param <K> what the work queues on
 * @param <T> one caller's work
 * @param <R> its answer
 */
final class GroupCommit<K, T, R> {
    /** What a group gives each of its members: an answer or a failure of that member alone. */
    record Outcome<R>(R answer, Throwable failure) {
        static <R> Outcome<R> answered(R answer) {
            return new Outcome<>(answer, null);
        }

        static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Waiting<T, R>(T work, Context context, UniEmitter<? super R> emitter) {
    }

    private static final class Lane<T, R> {
        final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    }

    private final int maxGroup;
    private final Function<T, Uni<R>> alone;
    private final Function<List<T>, Uni<List<Outcome<R>>>> together;
    private final IntConsumer groupSize;
    /** Keys with work running; a key is here exactly while its lane is busy. */
    private final Map<K, Lane<T, R>> busy = new HashMap<>();

    /**
     * @param alone     one member's work, as it runs without anyone waiting
     * @param together  a group's work, in the members' order; its failure as a whole fails every member
     * @param groupSize told the size of every group and lone run (for the operators' metric)
     */
    GroupCommit(int maxGroup, Function<T, Uni<R>> alone, Function<List<T>, Uni<List<Outcome<R>>>> together,
                IntConsumer groupSize) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one member");
        }
        this.maxGroup = maxGroup;
        this.alone = alone;
        this.together = together;
        this.groupSize = groupSize;
    }

    /** Runs {@code work} alone when its key is idle, else with whatever else waits for the key. */
    Uni<R> submit(K key, T work) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting<T, R> w = new Waiting<>(work, Vertx.currentContext(), emitter);
            synchronized (busy) {
                Lane<T, R> lane = busy.get(key);
                if (lane != null) {
                    lane.waiting.add(w);
                    return;
                }
                busy.put(key, new Lane<>());
            }
            run(key, List.of(w));
        });
    }

    private void run(K key, List<Waiting<T, R>> group) {
        groupSize.accept(group.size());
        Uni<List<Outcome<R>>> work;
        try {
            work = group.size() == 1
                    ? alone.apply(group.get(0).work()).map(r -> List.of(Outcome.<R>answered(r)))
                    .onFailure().recoverWithItem(e -> List.of(Outcome.failed(e)))
                    : together.apply(group.stream().map(Waiting::work).toList());
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(outcomes -> {
            next(key);
            for (int i = 0; i < group.size(); i++) {
                Outcome<R> o = i < outcomes.size() ? outcomes.get(i)
                        : Outcome.failed(new IllegalStateException("a group answered fewer members than it had"));
                deliver(group.get(i), o);
            }
        }, failure -> {
            next(key);
            group.forEach(w -> deliver(w, Outcome.failed(failure)));
        });
    }

    /** The key's work is done: what waited meanwhile runs now, as one group, or the key is idle again. */
    private void next(K key) {
        List<Waiting<T, R>> group = new ArrayList<>();
        synchronized (busy) {
            Lane<T, R> lane = busy.get(key);
            while (!lane.waiting.isEmpty() && group.size() < maxGroup) {
                group.add(lane.waiting.poll());
            }
            if (group.isEmpty()) {
                busy.remove(key);
                return;
            }
        }
        // on the first member's own (request) context: the transaction needs a Vert.x context of its own
        Context context = group.get(0).context();
        if (context == null) {
            run(key, group);
        } else {
            context.runOnContext(v -> run(key, group));
        }
    }

    /** Each member gets its answer on its own context, where its request goes on. */
    private void deliver(Waiting<T, R> w, Outcome<R> o) {
        Runnable send = () -> {
            if (o.failure() != null) {
                w.emitter().fail(o.failure());
            } else {
                w.emitter().complete(o.answer());
            }
        };
        if (w.context() == null) {
            send.run();
        } else {
            w.context().runOnContext(v -> send.run());
        }
    }
}
