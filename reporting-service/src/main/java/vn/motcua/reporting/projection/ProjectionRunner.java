package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import vn.motcua.consumer.Consumers;
import vn.motcua.consumer.Failure;
import vn.motcua.consumer.ParkedStore;

import javax.sql.DataSource;
import java.sql.Savepoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Feeds one projection from Kafka. The checkpoint lives in PostgreSQL, not in Kafka: each batch is applied and its
 * checkpoint written in one transaction, and before each batch the consumer is positioned at the stored checkpoint.
 * So a crash repeats nothing and loses nothing, and several replicas may run: the transaction first takes the
 * projection's advisory lock, and only the holder applies.
 */
public class ProjectionRunner implements Runnable {
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    private final Projection projection;
    private final String suffix;
    private final String checkpoint;
    private final Long lockId;
    private final DataSource dataSource;
    private final Consumers consumers;
    private final Map<String, Object> consumerConfig;
    private final Counter applied;
    /** Commit in the producing service to visible in the live views (null for a rebuild). */
    private final io.micrometer.core.instrument.Timer visibleDelay;
    /** Records per transaction: the live projection takes one poll's worth, a rebuild fills its batch. */
    private final int batchRecords;
    private volatile boolean startedOver;
    private volatile String startOverReason;
    /** The checkpoint this runner last committed (a rebuild's: it starts empty, see {@link #batch}). */
    private Map<TopicPartition, Long> lastCommitted = Map.of();
    /** Asked after every batch; true stops the runner (a rebuild that has caught up). */
    private final BooleanSupplier done;
    private volatile Runnable caughtUp = () -> { };
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile String waiting;
    private long eventsApplied;
    /** Whether the last batch took as many records as a batch holds (a rebuild still replaying). */
    private boolean lastBatchFull;

    /**
     * Where a runner's thread spends its time, batch by batch, so that a rebuild's status says what to change next:
     * beginning the transaction (connection, lock, checkpoint), reading from the broker (a rebuild's next batch
     * too), asking for parked streams, waiting for the batch decoded ahead (a rebuild's), folding, writing what the
     * batch leaves (a rebuild's kept facts), and the checkpoint with the commit.
     */
    public enum Phase {
        BEGIN, READ, PARKED_CHECK, AWAIT_DECODED, FOLD, WRITE, COMMIT;

        /** The name the status uses. */
        String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final long[] spent = new long[Phase.values().length];
    private long lap;

    /** Counts the time since the last lap (or {@link #lapStart}) to {@code phase}. */
    private void lap(Phase phase) {
        long now = System.nanoTime();
        spent[phase.ordinal()] += now - lap;
        lap = now;
    }

    private void lapStart() {
        lap = System.nanoTime();
    }

    /** Seconds this runner's thread spent in each phase so far, in the phases' order. */
    public Map<String, Double> secondsSpent() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            out.put(p.key(), Math.round(spent[p.ordinal()] / 1e7) / 100.0);
        }
        return out;
    }
    private final Tracer tracer;

    public ProjectionRunner(Projection projection, String suffix, Long lockId, DataSource dataSource,
                            Consumers consumers, String bootstrap, int maxPollRecords, MeterRegistry metrics,
                            BooleanSupplier done, OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("motcua-reporting-projection");
        this.projection = projection;
        this.suffix = suffix;
        this.checkpoint = checkpointName(projection, suffix);
        this.lockId = lockId;
        this.dataSource = dataSource;
        this.consumers = consumers;
        this.done = done;
        this.consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service." + checkpoint);
        this.batchRecords = maxPollRecords;
        this.applied = metrics.counter("motcua.projection.events.applied", "projection", projection.name(),
                "target", suffix.isEmpty() ? "live" : "rebuild");
        this.visibleDelay = suffix.isEmpty() ? io.micrometer.core.instrument.Timer
                .builder("motcua_projection_visible_delay")
                .description("From an event's commit in its service (its outbox row) to the live views that count it")
                .tag("projection", projection.name()).publishPercentiles(0.5, 0.99).register(metrics) : null;
    }

    /**
     * When a record's event was committed in its service: the relay's {@code recordedAt} header (epoch millis),
     * or for a record without it the broker's timestamp.
     */
    static long recordedAt(ConsumerRecord<byte[], byte[]> r) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader("recordedAt");
        if (h != null) {
            try {
                return Long.parseLong(new String(h.value(), java.nio.charset.StandardCharsets.US_ASCII));
            } catch (NumberFormatException unreadable) {
                // a producer's own header of that name: the broker's time then
            }
        }
        return r.timestamp();
    }

    /** Called whenever a poll finds nothing new. */
    public ProjectionRunner onCaughtUp(Runnable action) {
        this.caughtUp = action;
        return this;
    }

    public static String checkpointName(Projection p, String suffix) {
        return suffix.isEmpty() ? p.name() : p.name() + "#rebuild";
    }

    public Thread start() {
        thread = new Thread(this, "projection-" + checkpoint);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the projection waits (a transient failure it retries), or null when it is going. */
    public String waiting() {
        return waiting;
    }

    /** Whether the run ended because its projection asked to start over (a rebuild's; see Projection.StartOver). */
    public boolean startedOver() {
        return startedOver;
    }

    /** Why the run asked to start over, or null. */
    public String startOverReason() {
        return startOverReason;
    }

    public long eventsApplied() {
        return eventsApplied;
    }

    /**
     * A rebuild's next batch, read right after the one being applied and prepared (decoded) on another thread
     * meanwhile: the records that follow the last committed checkpoint, which the consumer is already past.
     */
    private record Ahead(List<ConsumerRecord<byte[], byte[]>> records, Future<Object> prepared) {
    }

    /** A rebuild's: prepares its next batch while the current one is folded and written (null: live). */
    private ExecutorService preparer;
    private Ahead ahead;

    @Override
    public void run() {
        long backoff = 500;
        if (!suffix.isEmpty()) {
            preparer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rebuild-" + projection.name() + "-prepare");
                t.setDaemon(true);
                return t;
            });
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Instant nextDiscovery = Instant.EPOCH;
            Set<TopicPartition> assigned = new HashSet<>();
            while (running) {
                try {
                    if (Instant.now().isAfter(nextDiscovery)) {
                        Set<TopicPartition> found = discover(consumer);
                        if (!found.equals(assigned)) {
                            assigned = found;
                            consumer.assign(assigned);
                            ahead = null; // read before the new partitions were: read again
                        }
                        nextDiscovery = Instant.now().plusSeconds(assigned.size() < projection.topics().size() ? 1 : 15);
                    }
                    if (assigned.isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                    boolean read = batch(consumer, assigned);
                    // a rebuild also asks after a batch that did not fill up (it has read what there was), not only
                    // after an empty poll: under a steady stream of events no poll is empty, and it would never try
                    // to swap; while it replays, its batches are full and it does not ask
                    if ((!read || !suffix.isEmpty() && !lastBatchFull) && done.getAsBoolean()) {
                        return;
                    }
                    backoff = 500;
                    if (waiting != null && consumers.knows(projection.name())) {
                        consumers.going(projection.name());
                    }
                    waiting = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Projection.StartOver e) {
                    LOG.warnf("%s: starting over: %s", checkpoint, e.getMessage());
                    startOverReason = e.getMessage();
                    startedOver = true;
                    return;
                } catch (Exception e) {
                    // only a transient failure gets here: the database or the broker is away
                    LOG.warnf("%s: batch failed, retrying in %d ms: %s", checkpoint, backoff, e.toString());
                    waiting = e.toString();
                    if (consumers.knows(projection.name())) {
                        consumers.waiting(projection.name(), Failure.of(e).reason());
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        } finally {
            if (preparer != null) {
                preparer.shutdownNow();
            }
        }
    }

    /** One transaction: lock, position at the checkpoint, poll, apply, checkpoint. False when nothing was read. */
    private boolean batch(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<Span> spans = List.of();
        lapStart();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!suffix.isEmpty()) {
                    // a rebuild's batch lost in a database crash is lost with its checkpoint, and replayed: no wait
                    // for the WAL flush at each commit
                    try (Statement s = c.createStatement()) {
                        s.execute("set local synchronous_commit = off");
                    }
                }
                if (lockId != null && !tryLock(c, lockId)) {
                    c.rollback();
                    Thread.sleep(1000); // another replica holds the projection
                    return true;
                }
                Map<TopicPartition, Long> stored = read(c, checkpoint);
                if (!suffix.isEmpty() && !stored.equals(lastCommitted)) {
                    // a rebuild's state is its tables, its checkpoint and what its projection keeps in memory as of
                    // its last commit; a checkpoint other than the one it committed (a commit lost with the
                    // database, whose rebuild commits do not wait for the WAL; one that succeeded while the client
                    // saw it fail) means the tables and the memory no longer agree
                    throw new Projection.StartOver("the checkpoint is not the one this rebuild last committed", null);
                }
                lap(Phase.BEGIN);
                Ahead readAhead = ahead;
                ahead = null;
                if (readAhead != null) {
                    // read right after the batch whose checkpoint was just checked: the consumer is past them
                    records.addAll(readAhead.records());
                } else {
                    for (TopicPartition tp : assigned) {
                        Long at = stored.get(tp);
                        if (at == null) {
                            at = beginnings.computeIfAbsent(tp, k -> consumer.beginningOffsets(List.of(k)).get(k));
                        }
                        if (consumer.position(tp) != at) {
                            consumer.seek(tp, at);
                        }
                    }
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(300));
                    if (polled.isEmpty()) {
                        if (suffix.isEmpty()) {
                            c.rollback();
                        } else {
                            // nothing left to read: what a rebuild keeps in memory goes to its tables before it swaps
                            projection.beforeCommit(c, suffix, true);
                            c.commit();
                            projection.batchEnded(suffix, true);
                        }
                        caughtUp.run();
                        return false;
                    }
                    polled.forEach(records::add);
                    fill(consumer, records);
                }
                lastBatchFull = records.size() >= batchRecords;
                if (preparer != null && lastBatchFull) {
                    // the next batch read now and decoded on the other thread while this one is folded and written
                    // (PostgreSQL's share of a batch): a rebuild's batches then take the longer of the two, not both
                    List<ConsumerRecord<byte[], byte[]>> following = new ArrayList<>(batchRecords);
                    fill(consumer, following);
                    if (!following.isEmpty()) {
                        ahead = new Ahead(following, preparer.submit(() -> projection.prepare(following)));
                    }
                }
                lap(Phase.READ);
                // a rebuild replays what was traced when it happened: no spans (a twentieth of its thread's time)
                spans = suffix.isEmpty() ? applySpans(records) : List.of();
                apply(c, records, readAhead == null ? null : readAhead.prepared());
                lap(Phase.FOLD);
                projection.beforeCommit(c, suffix, !lastBatchFull);
                lap(Phase.WRITE);
                Map<TopicPartition, Long> next = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                }
                write(c, checkpoint, next);
                c.commit();
                lastCommitted = new HashMap<>(stored);
                lastCommitted.putAll(next);
                projection.batchEnded(suffix, true);
                lap(Phase.COMMIT);
            } catch (Exception e) {
                ahead = null; // read after records that were not committed: the next batch seeks to its checkpoint
                projection.batchEnded(suffix, false); // first: the rollback itself may fail
                c.rollback();
                spans.forEach(span -> span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, e.toString()));
                throw e;
            } finally {
                spans.forEach(Span::end);
            }
        }
        eventsApplied += records.size();
        applied.increment(records.size());
        if (suffix.isEmpty()) {
            // how long a leader waits to see a command in the figures (the producers' clocks are wall clocks in
            // production; under a test's fixed clock the figure means nothing)
            long now = System.currentTimeMillis();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                visibleDelay.record(Math.max(0, now - recordedAt(r)), TimeUnit.MILLISECONDS);
            }
            projection.afterCommit(records);
        }
        return true;
    }

    /**
     * A rebuild folds more per transaction than one fetch brings: it takes what follows at once (up to its batch), so
     * a dossier's events meet in memory and its fact is written once instead of once per event.
     */
    private void fill(KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> records) {
        while (!suffix.isEmpty() && records.size() < batchRecords) {
            ConsumerRecords<byte[], byte[]> more = consumer.poll(Duration.ofMillis(20));
            if (more.isEmpty()) {
                break;
            }
            more.forEach(records::add);
        }
    }

    /** What the other thread prepared for a batch (null: nothing, or it failed: apply does the work itself). */
    private static Object prepared(Future<Object> prepared) throws InterruptedException {
        if (prepared == null) {
            return null;
        }
        try {
            return prepared.get();
        } catch (ExecutionException e) {
            return null;
        }
    }

    /**
     * Applies a batch so that no record can stop the projection: records of a parked stream wait behind it; if the
     * batch fails for a record's sake (not the database's), each record is tried alone, under a savepoint, and the
     * ones that fail are parked and dead-lettered with the rest of their stream while the others are applied.
     */
    private void apply(Connection c, List<ConsumerRecord<byte[], byte[]>> records, Future<Object> prepared)
            throws Exception {
        String consumer = projection.name();
        lap(Phase.FOLD);
        List<String> streams = records.stream().map(ParkedStore::stream).distinct().toList();
        Map<String, Long> held = consumers.held(consumer, streams).await().atMost(PARKING);
        lap(Phase.PARKED_CHECK);
        List<ConsumerRecord<byte[], byte[]>> free = held.isEmpty() ? records : new ArrayList<>(records.size());
        // nothing parked (the usual case): no record's place to look up
        for (ConsumerRecord<byte[], byte[]> r : held.isEmpty() ? List.<ConsumerRecord<byte[], byte[]>>of() : records) {
            Long from = held.get(ParkedStore.where(r));
            if (from != null && r.offset() >= from) {
                consumers.holdBack(consumer, r).await().atMost(PARKING);
            } else {
                free.add(r);
            }
        }
        if (free.isEmpty()) {
            return;
        }
        Savepoint whole = c.setSavepoint();
        try {
            // what was prepared is for the whole batch: of no use when some of it waits behind a parked stream
            Object decoded = free == records ? prepared(prepared) : null;
            lap(Phase.AWAIT_DECODED);
            projection.apply(c, suffix, free, decoded);
            return;
        } catch (Exception e) {
            if (Failure.isTransient(e)) {
                throw e;
            }
            c.rollback(whole);
            LOG.infof("%s: a batch of %d failed (%s); applying its records one by one", checkpoint, free.size(),
                    Failure.of(e).reason());
        }
        Set<String> failed = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : free) {
            if (failed.contains(ParkedStore.where(r))) {
                consumers.holdBack(consumer, r).await().atMost(PARKING);
                continue;
            }
            Savepoint one = c.setSavepoint();
            try {
                projection.apply(c, suffix, List.of(r));
                c.releaseSavepoint(one);
            } catch (Exception e) {
                Failure why = Failure.of(e);
                if (why.isTransient()) {
                    throw e;
                }
                c.rollback(one);
                consumers.park(consumer, r, why).await().atMost(PARKING);
                failed.add(ParkedStore.where(r));
            }
        }
    }

    /** How long parking a record (and its dead letter's acknowledgement) may take before the batch is retried. */
    private static final Duration PARKING = Duration.ofSeconds(60);

    /**
     * One span per record: the apply continues the trace of the command that produced the event (its
     * {@code traceparent} header), and lasts as long as the batch's transaction.
     */
    private List<Span> applySpans(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), r.headers(), HEADERS);
            spans.add(tracer.spanBuilder("apply " + projection.name()).setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", r.topic())
                    .setAttribute("messaging.kafka.partition", r.partition())
                    .setAttribute("messaging.kafka.offset", r.offset())
                    .setAttribute("motcua.projection", projection.name())
                    .setAttribute("motcua.dossier", r.key() == null ? ""
                            : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).startSpan());
        }
        return spans;
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header h = headers == null ? null : headers.lastHeader(key);
            return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
    };

    /** Where each partition starts, for partitions without a checkpoint yet. */
    private final Map<TopicPartition, Long> beginnings = new HashMap<>();

    private Set<TopicPartition> discover(KafkaConsumer<byte[], byte[]> consumer) {
        Set<TopicPartition> out = new HashSet<>();
        for (String topic : projection.topics()) {
            try {
                List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                if (parts != null) {
                    parts.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // not created yet: the producer creates it; look again soon
            }
        }
        return out;
    }

    static boolean tryLock(Connection c, long lockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public static Map<TopicPartition, Long> read(Connection c, String checkpoint) throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select topic, partition, next_offset from projection_checkpoint where projection = ?")) {
            ps.setString(1, checkpoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return out;
    }

    private static void write(Connection c, String checkpoint, Map<TopicPartition, Long> next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into projection_checkpoint"
                + " (projection, topic, partition, next_offset, updated_at) values (?, ?, ?, ?, ?)"
                + " on conflict (projection, topic, partition) do update set next_offset = excluded.next_offset,"
                + " updated_at = excluded.updated_at")) {
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                ps.setString(1, checkpoint);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
