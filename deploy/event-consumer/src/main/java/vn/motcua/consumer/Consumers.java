package vn.motcua.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Every consumer of the service, and the one way records reach them. A consumer registers its apply (the effect and
 * its processed mark or checkpoint in one transaction, its own business); {@link #consume} then runs it so that no
 * record can stop the consumer:
 * <ul>
 *   <li>a record whose stream is parked is parked behind it, never applied out of order;</li>
 *   <li>a transient failure is retried with a bounded backoff (200 ms doubling to 10 s), as long as it lasts, and the
 *   consumer says it is waiting and why (health, metrics);</li>
 *   <li>a deterministic failure parks the record and sends it to the consumer's dead-letter topic with the reason;
 *   a record out of order is parked; the consumer then goes on with the next record.</li>
 * </ul>
 * {@link #replay} applies a stream's parked records again in order (after a fix); an admin may discard a record no
 * fix can apply ({@link ParkedStore#discard}), with a recorded reason. Consumers that apply batches (reporting's
 * projections) use {@link #held}, {@link #holdBack}, {@link #park} and the same replay.
 */
@ApplicationScoped
public class Consumers {
    private static final Logger LOG = Logger.getLogger(Consumers.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final ParkedStore store;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry metrics;
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    public Consumers(ParkedStore store, DeadLetterPublisher deadLetters, MeterRegistry metrics) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** A consumer: its name (also its processed marks' and parked records' name), dead-letter topic and apply. */
    public record Registered(String name, String deadLetterTopic, Function<ConsumerRecord<byte[], byte[]>, Uni<Void>> apply,
                             Status status) {
    }

    /** What a consumer is doing now: waiting on a transient failure (since when, why), or not. */
    public static final class Status {
        private volatile String waitingReason;
        private volatile Instant waitingSince;
        private final AtomicInteger waiting = new AtomicInteger();

        void waiting(String reason) {
            if (waitingSince == null) {
                waitingSince = Instant.now();
            }
            waitingReason = reason;
            waiting.set(1);
        }

        void going() {
            waitingReason = null;
            waitingSince = null;
            waiting.set(0);
        }

        public Optional<String> waitingReason() {
            return Optional.ofNullable(waitingReason);
        }

        public Optional<Instant> waitingSince() {
            return Optional.ofNullable(waitingSince);
        }
    }

    public Registered register(String name, String deadLetterTopic, Function<ConsumerRecord<byte[], byte[]>, Uni<Void>> apply) {
        Status status = new Status();
        Registered r = new Registered(name, deadLetterTopic, apply, status);
        if (registered.putIfAbsent(name, r) != null) {
            throw new IllegalStateException("consumer " + name + " registered twice");
        }
        metrics.gauge("motcua.consumer.waiting", List.of(io.micrometer.core.instrument.Tag.of("consumer", name)),
                status.waiting);
        return r;
    }

    public Map<String, Registered> registered() {
        return new TreeMap<>(registered);
    }

    /** Runs one record through its consumer; completes once it is applied, parked or dead-lettered. */
    public Uni<Void> consume(String consumer, ConsumerRecord<byte[], byte[]> record) {
        Registered c = require(consumer);
        String stream = ParkedStore.stream(record);
        Uni<Void> once = Uni.createFrom().deferred(() -> store.holds(consumer, stream, record).chain(hold -> switch (hold) {
            case NONE -> c.apply().apply(record);
            case DEAD_LETTER -> holdBack(consumer, record);
            // behind records that wait for a missing version: this may be the one; if it applies, they follow
            case OUT_OF_ORDER -> c.apply().apply(record).call(() -> replay(consumer, stream, "(missing version arrived)"));
        }));
        return retryingTransient(c, once)
                .onFailure().recoverWithUni(t -> retryingTransient(c, park(c, record, Failure.of(t))));
    }

    /** For a batch: which of these streams hold their records back, from which offset ({@link ParkedStore#where}). */
    public Uni<Map<String, Long>> held(String consumer, List<String> streams) {
        return streams.isEmpty() ? Uni.createFrom().item(Map.of()) : store.heldStreams(consumer, streams);
    }

    /** Parks a record behind the parked record of its stream: it waits, in order, for that one's replay. */
    public Uni<Void> holdBack(String consumer, ConsumerRecord<byte[], byte[]> record) {
        String stream = ParkedStore.stream(record);
        return store.park(consumer, stream, record, ParkedStore.Cause.WAITING, waiting(stream))
                .invoke(() -> metrics.counter("motcua.consumer.parked", "consumer", consumer, "cause", "WAITING").increment());
    }

    /** Parks a record its consumer could not apply, and dead-letters it where the record itself is at fault. */
    public Uni<Void> park(String consumer, ConsumerRecord<byte[], byte[]> record, Failure why) {
        return park(require(consumer), record, why);
    }

    private Uni<Void> park(Registered c, ConsumerRecord<byte[], byte[]> record, Failure why) {
        String stream = ParkedStore.stream(record);
        boolean dead = why.kind() != Failure.Kind.OUT_OF_ORDER;
        LOG.warnf("%s: record %s-%d@%d of %s %s: %s", c.name(), record.topic(), record.partition(), record.offset(),
                stream, dead ? "dead-lettered to " + c.deadLetterTopic() : "parked (out of order)", why.reason());
        ParkedStore.Cause cause = dead ? ParkedStore.Cause.DEAD_LETTER : ParkedStore.Cause.OUT_OF_ORDER;
        Uni<Void> parked = store.park(c.name(), stream, record, cause, why);
        return (dead ? parked.chain(() -> deadLetters.send(c.deadLetterTopic(), c.name(), record, why)) : parked)
                .invoke(() -> metrics.counter("motcua.consumer.parked", "consumer", c.name(), "cause", cause.name()).increment());
    }

    /** Where a record waits behind its stream's parked one. */
    static Failure waiting(String stream) {
        return new Failure(Failure.Kind.DETERMINISTIC, "waiting behind an earlier parked record of " + stream, null, null);
    }

    private Uni<Void> retryingTransient(Registered c, Uni<Void> work) {
        return work
                .onFailure(Failure::isTransient).invoke(t -> {
                    c.status().waiting(Failure.of(t).reason());
                    LOG.warnf("%s: %s; retrying", c.name(), Failure.of(t).reason());
                })
                .onFailure(Failure::isTransient).retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely()
                .invoke(() -> c.status().going());
    }

    /** The outcome of a replay: how many records were applied, how many remain parked, and why the first one stays. */
    public record ReplayResult(String consumer, String stream, int replayed, int stillParked, String reason) {
    }

    /**
     * Applies a stream's parked records again, oldest first, until one still fails: that one stays parked (with the
     * new reason) with everything behind it. Records parked while the replay ran are replayed too.
     */
    public Uni<ReplayResult> replay(String consumer, String stream, String by) {
        Registered c = require(consumer);
        return replayRound(c, stream, by, 0);
    }

    /**
     * One pass over the stream's parked records in consumption order. A record still out of order is left for the
     * next pass (an earlier version may be further on); one that still fails otherwise stops the replay, with all
     * behind it. Passes repeat while they apply something.
     */
    private Uni<ReplayResult> replayRound(Registered c, String stream, String by, int replayedSoFar) {
        return store.records(c.name(), stream).chain(records -> {
            if (records.isEmpty()) {
                return Uni.createFrom().item(new ReplayResult(c.name(), stream, replayedSoFar, 0, null));
            }
            return replayFrom(c, stream, by, records, 0, 0, null).chain(pass -> {
                int total = replayedSoFar + pass.replayed();
                if (pass.stopped() || pass.replayed() == 0) {
                    return Uni.createFrom().item(new ReplayResult(c.name(), stream, total,
                            records.size() - pass.replayed(), pass.reason()));
                }
                return replayRound(c, stream, by, total);
            });
        });
    }

    private record Pass(int replayed, boolean stopped, String reason) {
    }

    private Uni<Pass> replayFrom(Registered c, String stream, String by, List<ConsumerRecord<byte[], byte[]>> records,
                                 int i, int replayed, String outOfOrder) {
        if (i == records.size()) {
            return Uni.createFrom().item(new Pass(replayed, false, outOfOrder));
        }
        ConsumerRecord<byte[], byte[]> r = records.get(i);
        return c.apply().apply(r)
                .chain(() -> store.settle(c.name(), r, "REPLAYED", by, null)).replaceWith(true)
                .onFailure(t -> !Failure.isTransient(t)).recoverWithUni(t -> {
                    Failure why = Failure.of(t);
                    return store.refail(c.name(), r, why).replaceWith(false).chain(ok -> why.kind() == Failure.Kind.OUT_OF_ORDER
                            ? Uni.createFrom().item(ok)
                            : Uni.createFrom().failure(new Stop(why.reason())));
                })
                .chain(applied -> replayFrom(c, stream, by, records, i + 1, applied ? replayed + 1 : replayed,
                        applied ? outOfOrder : outOfOrder == null ? "out of order: " + r.topic() + "@" + r.offset() : outOfOrder))
                .onFailure(Stop.class).recoverWithItem(t -> new Pass(replayed, true, t.getMessage()));
    }

    /** A record that still fails: the replay stops there, everything behind it stays parked. */
    private static final class Stop extends RuntimeException {
        Stop(String reason) {
            super(reason, null, false, false);
        }
    }

    private Registered require(String consumer) {
        Registered c = registered.get(consumer);
        if (c == null) {
            throw new IllegalArgumentException("no consumer " + consumer);
        }
        return c;
    }

    /** For consumers that retry on their own (reporting's batch runner): it waits on a transient failure. */
    public void waiting(String consumer, String reason) {
        require(consumer).status().waiting(reason);
    }

    /** ... and goes on again. */
    public void going(String consumer) {
        require(consumer).status().going();
    }

    public boolean knows(String consumer) {
        return registered.containsKey(consumer);
    }
}
