package vn.motcua.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table {@code consumer_parked} of the service's own schema (migration {@code db/consumer}), through the
 * service's reactive pool. Parking is idempotent: a record is parked once per consumer, whatever the redeliveries.
 */
@ApplicationScoped
public class ParkedStore {
    /** Largest page an admin listing returns. */
    public static final int MAX_PAGE = 500;

    private final Pool pool;
    private final Clock clock;

    public ParkedStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public enum Cause { DEAD_LETTER, OUT_OF_ORDER, WAITING }

    public record Parked(long id, String consumer, String stream, String topic, int partition, long offset,
                         Cause cause, String reason, String sqlState, String errorClass, String status,
                         Instant parkedAt, Instant settledAt, String settledBy, String settleReason, int payloadBytes) {
    }

    /** Per consumer: how many records are parked, in how many streams. */
    public record Count(String consumer, long events, long streams, long deadLetters) {
    }

    /** Parks a record (nothing happens when it is parked already). */
    public Uni<Void> park(String consumer, String stream, ConsumerRecord<byte[], byte[]> r, Cause cause, Failure why) {
        return pool.preparedQuery("insert into consumer_parked (consumer, stream, topic, kafka_partition, kafka_offset,"
                        + " record_key, payload, cause, reason, sql_state, error_class, parked_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                        + " on conflict (consumer, topic, kafka_partition, kafka_offset) do nothing")
                .execute(Tuple.from(new Object[]{consumer, stream, r.topic(), r.partition(), r.offset(),
                        r.key() == null ? null : io.vertx.core.buffer.Buffer.buffer(r.key()),
                        r.value() == null ? null : io.vertx.core.buffer.Buffer.buffer(r.value()),
                        cause.name(), why == null ? "" : why.reason(), why == null ? null : why.sqlState(),
                        why == null ? null : why.errorClass(), now()}))
                .replaceWithVoid();
    }

    /** What holds a record back: nothing, only records parked out of order (a version missing), or a dead letter. */
    public enum Hold { NONE, OUT_OF_ORDER, DEAD_LETTER }

    /**
     * What its stream has parked at or before the record (the same topic and partition, where the stream's order
     * is). A record parked itself counts too, so a redelivery stays parked.
     */
    public Uni<Hold> holds(String consumer, String stream, ConsumerRecord<byte[], byte[]> r) {
        return pool.preparedQuery("select bool_or(cause <> 'OUT_OF_ORDER' or kafka_offset = $5) from consumer_parked"
                        + " where consumer = $1 and stream = $2 and status = 'PARKED'"
                        + " and topic = $3 and kafka_partition = $4 and kafka_offset <= $5")
                .execute(Tuple.of(consumer, stream, r.topic(), r.partition(), r.offset()))
                .map(rows -> {
                    Boolean dead = rows.iterator().next().getBoolean(0);
                    return dead == null ? Hold.NONE : dead ? Hold.DEAD_LETTER : Hold.OUT_OF_ORDER;
                });
    }

    /**
     * For a batch: of the given streams, those with a parked record, and from which offset on they hold their
     * records back, keyed by {@link #where}.
     */
    public Uni<Map<String, Long>> heldStreams(String consumer, List<String> streams) {
        // nearly always nothing is parked: asked first without the batch's streams, whose array (thousands of keys in
        // a rebuild's batch) cost PostgreSQL 3 ms a batch to read and probe, 2 s of a rebuild of a million dossiers
        return pool.preparedQuery("select exists (select 1 from consumer_parked where consumer = $1"
                        + " and status = 'PARKED')")
                .execute(Tuple.of(consumer))
                .chain(any -> Boolean.TRUE.equals(any.iterator().next().getBoolean(0))
                        ? heldAmong(consumer, streams) : Uni.createFrom().item(Map.<String, Long>of()));
    }

    private Uni<Map<String, Long>> heldAmong(String consumer, List<String> streams) {
        return pool.preparedQuery("select topic, kafka_partition, stream, min(kafka_offset) from consumer_parked"
                        + " where consumer = $1 and status = 'PARKED' and stream = any($2)"
                        + " group by topic, kafka_partition, stream")
                .execute(Tuple.of(consumer, streams.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Long> out = new TreeMap<>();
                    rows.forEach(row -> out.put(row.getString(0) + "\n" + row.getInteger(1) + "\n" + row.getString(2),
                            row.getLong(3)));
                    return out;
                });
    }

    /** A record's stream in its topic and partition (the key of {@link #heldStreams}). */
    public static String where(ConsumerRecord<byte[], byte[]> r) {
        return r.topic() + "\n" + r.partition() + "\n" + stream(r);
    }

    /** A stream's parked records in the order they were consumed, with their payloads. */
    public Uni<List<ConsumerRecord<byte[], byte[]>>> records(String consumer, String stream) {
        return pool.preparedQuery("select topic, kafka_partition, kafka_offset, record_key, payload from consumer_parked"
                        + " where consumer = $1 and stream = $2 and status = 'PARKED'"
                        + " order by topic, kafka_partition, kafka_offset")
                .execute(Tuple.of(consumer, stream))
                .map(rows -> {
                    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
                    for (Row row : rows) {
                        var key = row.getBuffer(3);
                        var value = row.getBuffer(4);
                        out.add(new ConsumerRecord<>(row.getString(0), row.getInteger(1), row.getLong(2),
                                key == null ? null : key.getBytes(), value == null ? null : value.getBytes()));
                    }
                    return out;
                });
    }

    /** Marks one parked record settled: replayed, or discarded by someone for a reason. */
    public Uni<Void> settle(String consumer, ConsumerRecord<byte[], byte[]> r, String status, String by, String reason) {
        return pool.preparedQuery("update consumer_parked set status = $1, settled_at = $2, settled_by = $3,"
                        + " settle_reason = $4 where consumer = $5 and topic = $6 and kafka_partition = $7"
                        + " and kafka_offset = $8 and status = 'PARKED'")
                .execute(Tuple.from(new Object[]{status, now(), by, reason, consumer, r.topic(), r.partition(), r.offset()}))
                .replaceWithVoid();
    }

    /** Discards one parked record; false when there is no such parked record. */
    public Uni<Boolean> discard(String consumer, long id, String by, String reason) {
        return pool.preparedQuery("update consumer_parked set status = 'DISCARDED', settled_at = $1, settled_by = $2,"
                        + " settle_reason = $3 where consumer = $4 and id = $5 and status = 'PARKED'")
                .execute(Tuple.of(now(), by, reason, consumer, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A failed replay: the record stays parked, with the new reason, and becomes the stream's dead letter. */
    public Uni<Void> refail(String consumer, ConsumerRecord<byte[], byte[]> r, Failure why) {
        return pool.preparedQuery("update consumer_parked set reason = $1, sql_state = $2, error_class = $3,"
                        + " cause = $4 where consumer = $5 and topic = $6 and kafka_partition = $7 and kafka_offset = $8")
                .execute(Tuple.from(new Object[]{why.reason(), why.sqlState(), why.errorClass(),
                        why.kind() == Failure.Kind.OUT_OF_ORDER ? Cause.OUT_OF_ORDER.name() : Cause.DEAD_LETTER.name(),
                        consumer, r.topic(), r.partition(), r.offset()}))
                .replaceWithVoid();
    }

    /** Parked records, newest first ({@code status} PARKED, REPLAYED or DISCARDED; null for all). */
    public Uni<List<Parked>> list(String consumer, String stream, String status, int limit, int offset) {
        return pool.preparedQuery("select id, consumer, stream, topic, kafka_partition, kafka_offset, cause, reason,"
                        + " sql_state, error_class, status, parked_at, settled_at, settled_by, settle_reason,"
                        + " coalesce(octet_length(payload), 0) from consumer_parked"
                        + " where ($1::text is null or consumer = $1) and ($2::text is null or stream = $2)"
                        + " and ($3::text is null or status = $3) order by id desc limit $4 offset $5")
                .execute(Tuple.of(consumer, stream, status, limit, offset))
                .map(rows -> {
                    List<Parked> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Parked(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                                row.getInteger(4), row.getLong(5), Cause.valueOf(row.getString(6)), row.getString(7),
                                row.getString(8), row.getString(9), row.getString(10), instant(row, 11),
                                instant(row, 12), row.getString(13), row.getString(14), row.getInteger(15)));
                    }
                    return out;
                });
    }

    /** What is parked now, per consumer. */
    public Uni<List<Count>> counts() {
        return pool.query("select consumer, count(*), count(distinct stream), count(*) filter (where cause = 'DEAD_LETTER')"
                        + " from consumer_parked where status = 'PARKED' group by consumer order by consumer")
                .execute()
                .map(rows -> {
                    List<Count> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Count(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3))));
                    return out;
                });
    }

    public static String stream(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
