package vn.motcua.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka, oldest first, keyed by entity, and marks them published only after the broker
 * acknowledged them (at least once; the idempotent producer removes retries' duplicates). A PostgreSQL advisory lock
 * lets only one instance relay at a time, which keeps per-key order when several instances run. While the broker is
 * down rows simply wait: no request ever waits on Kafka.
 * <p>
 * The table is {@code outbox(id bigserial, event_id, topic, record_key, event_type, payload text, created_at,
 * published_at)} in the service's own schema. Settings come from {@code motcua.outbox.*}. Published rows are
 * deleted once older than {@code motcua.outbox.retention} (7 days by default): the event store and the topic keep
 * the events, and an outbox that only grows would take twice the event store's space.
 */
public final class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long COUNT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PRUNE_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int PRUNE_BATCH = 5_000;

    /** A topic the relay creates when it is allowed to (local runs; on Kubernetes the topic operator owns them). */
    public record TopicSpec(String name, Map<String, String> configs) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final String clientId;
    private final long lockId;
    private final List<TopicSpec> topicSpecs;
    private final String bootstrapServers;
    private final int batchSize;
    private final Duration pollInterval;
    private final boolean enabled;
    private final boolean createTopics;
    private final int partitions;
    private final short replicationFactor;
    private final Duration retention;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Timer ackDelay;
    private final Tracer tracer;

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    private boolean topicsReady;
    private long lastCountNanos;
    private long lastPruneNanos;

    /**
     * @param clientId names the producer and the thread (e.g. "catalog-outbox-relay")
     * @param lockId   the advisory lock that makes the relay single-instance; one constant per service
     */
    public OutboxRelay(DataSource dataSource, Clock clock, MeterRegistry registry, Config config, String clientId,
                       long lockId, List<TopicSpec> topics) {
        this(dataSource, clock, registry, config, clientId, lockId, topics, OpenTelemetry.noop());
    }

    /**
     * @param telemetry traces each publish as a child of the command that wrote the event, and passes the trace on
     *                  to the consumers in the record's {@code traceparent} header
     */
    public OutboxRelay(DataSource dataSource, Clock clock, MeterRegistry registry, Config config, String clientId,
                       long lockId, List<TopicSpec> topics, OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("motcua-outbox");
        this.dataSource = dataSource;
        this.clock = clock;
        this.clientId = clientId;
        this.lockId = lockId;
        this.topicSpecs = List.copyOf(topics);
        this.bootstrapServers = config.getValue("kafka.bootstrap.servers", String.class);
        this.batchSize = config.getOptionalValue("motcua.outbox.batch-size", Integer.class).orElse(500);
        this.pollInterval = config.getOptionalValue("motcua.outbox.poll-interval", String.class)
                .map(Duration::parse).orElse(Duration.ofMillis(200));
        this.enabled = config.getOptionalValue("motcua.outbox.enabled", Boolean.class).orElse(true);
        this.createTopics = config.getOptionalValue("motcua.outbox.create-topics", Boolean.class).orElse(true);
        this.partitions = config.getOptionalValue("motcua.outbox.topic-partitions", Integer.class).orElse(3);
        this.replicationFactor = config.getOptionalValue("motcua.outbox.topic-replication-factor", Short.class)
                .orElse((short) 1);
        this.retention = config.getOptionalValue("motcua.outbox.retention", String.class)
                .map(Duration::parse).orElse(Duration.ofDays(7));
        Gauge.builder("motcua_outbox_pending", pending, AtomicLong::get)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("motcua_outbox_published", published, AtomicLong::get)
                .description("Outbox events published by this instance since start").register(registry);
        // created_at is the writing command's instant, taken just before its commit: close to commit -> ack
        this.ackDelay = Timer.builder("motcua_outbox_ack_delay")
                .description("From an event's outbox row to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void start() {
        if (!enabled) {
            LOG.info("outbox relay disabled");
            return;
        }
        running = true;
        worker = new Thread(this::loop, clientId);
        worker.setDaemon(true);
        worker.start();
    }

    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    public long pendingCount() {
        return pending.get();
    }

    private void loop() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                int sent = relayOnce();
                backoff = pollInterval;
                if (sent == 0) {
                    sleep(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay: %s; retrying in %s", e.getMessage(), backoff);
                closeProducer();
                try {
                    sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes one batch. @return how many rows were published */
    int relayOnce() throws SQLException, InterruptedException, ExecutionException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                countPending(c);
                List<Row> rows = fetch(c);
                if (rows.isEmpty()) {
                    prune(c);
                    c.commit();
                    return 0;
                }
                ensureTopics();
                KafkaProducer<String, byte[]> p = producer();
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                List<Span> spans = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    ProducerRecord<String, byte[]> rec = new ProducerRecord<>(row.topic, row.key,
                            row.payload.getBytes(StandardCharsets.UTF_8));
                    rec.headers().add(new RecordHeader("eventType", row.eventType.getBytes(StandardCharsets.UTF_8)));
                    rec.headers().add(new RecordHeader("eventId", row.eventId.getBytes(StandardCharsets.UTF_8)));
                    // when the event was committed: consumers measure how long it took to reach their views
                    rec.headers().add(new RecordHeader("recordedAt", Long.toString(row.createdAt().toEpochMilli())
                            .getBytes(StandardCharsets.US_ASCII)));
                    Span span = publishSpan(row);
                    spans.add(span);
                    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), rec.headers(),
                            (headers, name, value) -> headers.add(new RecordHeader(name,
                                    value.getBytes(StandardCharsets.UTF_8))));
                    acks.add(p.send(rec));
                }
                p.flush();
                // Mark what the broker acknowledged even when a send failed, so only the failed rows are sent again
                List<Row> acknowledged = new ArrayList<>(rows.size());
                Exception failure = null;
                for (int i = 0; i < rows.size(); i++) {
                    try {
                        acks.get(i).get(30, TimeUnit.SECONDS);
                        acknowledged.add(rows.get(i));
                        ackDelay.record(Duration.between(rows.get(i).createdAt(), clock.instant()));
                    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                        spans.get(i).setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                        if (failure == null) {
                            failure = e;
                        }
                    } finally {
                        spans.get(i).end();
                    }
                }
                markPublished(c, acknowledged);
                c.commit();
                published.addAndGet(acknowledged.size());
                pending.updateAndGet(v -> Math.max(0, v - acknowledged.size()));
                if (failure != null) {
                    throw new ExecutionException("broker did not acknowledge " + (rows.size() - acknowledged.size())
                            + " of " + rows.size() + " events", failure);
                }
                return rows.size();
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Refreshes the pending gauge from the table at most every few seconds: counting a large backlog on every batch
     * would cost more than relaying it (between counts the gauge is kept by subtraction).
     */
    private void countPending(Connection c) throws SQLException {
        long now = System.nanoTime();
        if (lastCountNanos != 0 && now - lastCountNanos < COUNT_INTERVAL_NANOS) {
            return;
        }
        lastCountNanos = now;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from outbox where published_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            pending.set(rs.getLong(1));
        }
    }

    /** When idle, at most once a minute: deletes a batch of rows published longer ago than the retention. */
    private void prune(Connection c) throws SQLException {
        long now = System.nanoTime();
        if (lastPruneNanos != 0 && now - lastPruneNanos < PRUNE_INTERVAL_NANOS) {
            return;
        }
        lastPruneNanos = now;
        try (PreparedStatement ps = c.prepareStatement("delete from outbox where id in (select id from outbox"
                + " where published_at < ? order by id limit ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().minus(retention)));
            ps.setInt(2, PRUNE_BATCH);
            int deleted = ps.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("outbox: %d published rows older than %s deleted", deleted, retention);
            }
        }
    }

    /**
     * The oldest pending rows, at most one per key: a key's next row is sent only after the previous one was
     * acknowledged and marked, so a failed send can be repeated (at least once) but never overtaken by a later
     * event of the same key.
     */
    private List<Row> fetch(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, event_id, topic, record_key, event_type, payload, trace_parent, created_at from outbox "
                        + "where published_at is null order by id limit ?")) {
            ps.setInt(1, batchSize * 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rows.size() < batchSize) {
                    String key = rs.getString(3) + "\n" + rs.getString(4);
                    if (keys.add(key)) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getTimestamp(8).toInstant()));
                    }
                }
            }
        }
        return rows;
    }

    /** One statement for the whole batch: a row-per-statement batch cost PostgreSQL a plan and an execution each. */
    private void markPublished(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox set published_at = ? where id = any(?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("bigint", rows.stream().map(Row::id).toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
            producer = new KafkaProducer<>(config, new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // broker unreachable: nothing to flush that the outbox does not still hold
            }
            producer = null;
        }
    }

    private void ensureTopics() throws InterruptedException, ExecutionException {
        if (topicsReady || !createTopics) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                "request.timeout.ms", 10_000, "default.api.timeout.ms", 15_000))) {
            List<NewTopic> topics = topicSpecs.stream()
                    .map(t -> new NewTopic(t.name(), partitions, replicationFactor).configs(t.configs()))
                    .toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
                    }
                } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("cannot create topic " + name, e);
                }
            });
        }
        topicsReady = true;
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** A publish span, the child of the command that wrote the event when the row kept its trace. */
    private Span publishSpan(Row row) {
        Context parent = row.traceParent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), row.traceParent, TRACE_PARENT);
        return tracer.spanBuilder("publish " + row.topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.kafka.message.key", row.key).setAttribute("motcua.event.type", row.eventType)
                .setAttribute("motcua.event.id", row.eventId).startSpan();
    }

    private static final TextMapGetter<String> TRACE_PARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private record Row(long id, String eventId, String topic, String key, String eventType, String payload,
                       String traceParent, Instant createdAt) {
    }
}
