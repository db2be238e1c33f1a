package vn.motcua.satisfaction.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.satisfaction.app.Ratings;
import vn.motcua.satisfaction.domain.DossierInfo;
import vn.motcua.satisfaction.store.DossierViewEntity;
import vn.motcua.satisfaction.store.Locks;
import vn.motcua.consumer.ProcessedEvent;
import vn.motcua.consumer.Consumers;
import vn.motcua.consumer.DeadLetterPublisher;
import vn.motcua.consumer.Failure;
import vn.motcua.consumer.OutOfOrderEvent;
import vn.motcua.consumer.ParkedStore;
import vn.motcua.consumer.SessionConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Keeps the local dossier view from dossier events, and decides the ratings that waited for a dossier's return in
 * the same transaction. Exactly once in effect: the processed-event row commits with the change, so a redelivered
 * event changes nothing; an event older than the view's version is ignored too, and one that is not the next
 * version is parked until the missing one is applied. Records reach it through {@link Consumers}: a record it
 * cannot apply is dead-lettered and parked with the rest of its dossier's stream; a database outage is retried.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // registered before the first record, so the admin API lists it from the start
public class DossierViewConsumer {
    static final String CONSUMER = "satisfaction-service.dossier-view";
    private static final Logger LOG = Logger.getLogger(DossierViewConsumer.class);

    private final DossierEventCodec codec = new DossierEventCodec();
    private final Ratings ratings;
    private final Clock clock;
    private final Consumers consumers;

    /** Records applied in a poll's one transaction, and records that went one by one: ops see which way they go. */
    private final Counter appliedInBatches;
    private final Counter appliedOneByOne;
    private final DeadLetterPublisher deadLetters;
    private final String deadLetterTopic;

    public DossierViewConsumer(Ratings ratings, Clock clock, Consumers consumers, MeterRegistry metrics,
                               DeadLetterPublisher deadLetters,
                               @ConfigProperty(name = "mp.messaging.incoming.dossier-events.dead-letter-queue.topic") String deadLetterTopic) {
        this.appliedInBatches = metrics.counter("motcua.dossier.view.records", "path", "batch");
        this.appliedOneByOne = metrics.counter("motcua.dossier.view.records", "path", "one-by-one");
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.ratings = ratings;
        this.clock = clock;
        this.consumers = consumers;
        consumers.register(CONSUMER, deadLetterTopic, this::apply);
    }

    /**
     * A poll's records: in one transaction when they all apply (the common case, and what keeps the view close behind
     * an import), else one by one through {@link Consumers}, which parks, dead-letters or retries each as it must.
     * A batch that failed wrote nothing, and each record is applied at most once either way (its processed-event
     * row), so going one by one after a failed batch repeats nothing.
     */
    @Incoming("dossier-events")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> polled) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        // every step starts again on the poll's own (duplicated) Vert.x context, which Hibernate Reactive requires:
        // a dead letter's send, for one, completes on the Kafka producer's thread
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : step -> context.runOnContext(v -> step.run());
        if (records.size() < 2) {
            return oneByOne(records, 0, onContext);
        }
        List<String> streams = records.stream().map(ParkedStore::stream).distinct().toList();
        // a stream with parked records keeps its order through Consumers: the whole poll goes one by one then, and
        // so it does when that cannot be read (the database away: one by one waits for it, record by record)
        return consumers.held(CONSUMER, streams).map(Map::isEmpty).onFailure().recoverWithItem(false)
                .emitOn(onContext).chain(asOne -> !asOne
                ? oneByOne(records, 0, onContext)
                : Uni.createFrom().deferred(() -> Panache.withTransaction(() -> applyAll(records)))
                .invoke(() -> appliedInBatches.increment(records.size()))
                .onFailure().invoke(t -> LOG.debugf("%s: a batch of %d records did not apply as one (%s); one by "
                        + "one", CONSUMER, records.size(), t.toString()))
                .onFailure().recoverWithUni(t -> Uni.createFrom().voidItem().emitOn(onContext)
                        .chain(() -> oneByOne(records, 0, onContext))));
    }

    /**
     * The poll's records in order through {@link Consumers}. Should one still fail there (its parking refused too),
     * it is dead-lettered here and the rest go on: the poll is acknowledged as a whole, and failing it would send
     * every record of it, the applied and the waiting, to the dead-letter topic.
     */
    private Uni<Void> oneByOne(List<ConsumerRecord<byte[], byte[]>> records, int from, Executor onContext) {
        if (from == records.size()) {
            return Uni.createFrom().voidItem();
        }
        ConsumerRecord<byte[], byte[]> record = records.get(from);
        return consumers.consume(CONSUMER, record).invoke(() -> appliedOneByOne.increment())
                .onFailure().recoverWithUni(t -> {
                    LOG.errorf(t, "%s: record %s-%d@%d could not be applied nor parked; dead-lettered", CONSUMER,
                            record.topic(), record.partition(), record.offset());
                    return deadLetters.send(deadLetterTopic, CONSUMER, record, Failure.of(t));
                })
                .emitOn(onContext).chain(() -> oneByOne(records, from + 1, onContext));
    }

    /** Applies one record (live or replayed); throws for a record that is not a dossier event. */
    Uni<Void> apply(ConsumerRecord<byte[], byte[]> record) {
        Optional<DossierEventEnvelope> read = codec.read(record.value());
        if (read.isEmpty()) {
            // a newer event type this version does not know: skipped, but its version counts
            return codec.position(record.value()).map(p -> Panache.withTransaction(() -> skipped(p)))
                    .orElse(Uni.createFrom().voidItem());
        }
        DossierEventEnvelope e = read.get();
        return Panache.withTransaction(() -> apply(e));
    }

    private Uni<Void> skipped(DossierEventCodec.StreamPosition p) {
        return DossierViewEntity.<DossierViewEntity>findById(p.dossierId()).invoke(view -> {
            if (view != null && p.version() == view.lastVersion + 1) {
                view.lastVersion = p.version();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> apply(DossierEventEnvelope e) {
        return ProcessedEvent.once(e.eventId(), CONSUMER, clock.instant(), () -> Locks.dossier(e.dossierCode())
                .chain(() -> DossierViewEntity.<DossierViewEntity>findById(e.dossierId()))
                .chain(view -> {
                    Folded f = fold(view, e);
                    if (f == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> saved = view != null ? Uni.createFrom().voidItem() : f.view().persist().replaceWithVoid();
                    return f.decides() == null ? saved : saved.chain(() -> Panache.getSession().chain(s -> s.flush()))
                            .chain(() -> resolve(f.view().dossierCode, f.decides(), e.type()));
                }));
    }

    /**
     * The records of a poll in one transaction: their processed-event marks in one statement (the ones already
     * marked are skipped), every dossier's lock, the views in one read, each event folded in order, one flush, and
     * the waiting ratings of the dossiers returned or closed decided as one by one would. Throws what one by one
     * would handle (a record that is not a known dossier event, a version out of order, a database refusal).
     */
    private Uni<Void> applyAll(List<ConsumerRecord<byte[], byte[]>> records) {
        List<DossierEventEnvelope> events = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            events.add(codec.read(r.value()).orElseThrow(() -> new NotInBatch("an event type this version skips")));
        }
        Instant now = clock.instant();
        UUID[] ids = events.stream().map(DossierEventEnvelope::eventId).toArray(UUID[]::new);
        return SessionConnection.select("insert into processed_event (event_id, consumer, processed_at) "
                        + "select unnest($1::uuid[]), $2, $3 on conflict (event_id) do nothing returning event_id",
                        ids, CONSUMER, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .chain(marked -> {
                    Set<Object> fresh = new HashSet<>();
                    marked.forEach(row -> fresh.add(row[0]));
                    List<DossierEventEnvelope> todo = events.stream().filter(e -> fresh.contains(e.eventId())).toList();
                    if (todo.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    String[] codes = todo.stream().map(DossierEventEnvelope::dossierCode).distinct().sorted()
                            .toArray(String[]::new);
                    Object[] dossiers = todo.stream().map(DossierEventEnvelope::dossierId).distinct().toArray();
                    return Locks.dossiers(codes)
                            .chain(() -> Panache.getSession().chain(s -> s.find(DossierViewEntity.class, dossiers)))
                            .chain(found -> foldAll(todo, found));
                });
    }

    private Uni<Void> foldAll(List<DossierEventEnvelope> todo, List<DossierViewEntity> found) {
        Map<UUID, DossierViewEntity> views = new HashMap<>();
        found.stream().filter(Objects::nonNull).forEach(v -> views.put(v.dossierId, v));
        List<DossierViewEntity> created = new ArrayList<>();
        Map<String, Decided> decided = new LinkedHashMap<>();
        for (DossierEventEnvelope e : todo) {
            DossierViewEntity existing = views.get(e.dossierId());
            Folded f = fold(existing, e);
            if (f == null) {
                continue;
            }
            if (existing == null) {
                views.put(e.dossierId(), f.view());
                created.add(f.view());
            }
            if (f.decides() != null) {
                // a dossier is returned or closed once; its state then is what decides its ratings
                decided.putIfAbsent(f.view().dossierCode, new Decided(f.decides(), e.type()));
            }
        }
        return Panache.getSession().chain(s -> s.persistAll(created.toArray()).chain(s::flush))
                .chain(() -> decided.isEmpty() ? Uni.createFrom().voidItem()
                        : ratings.pendingAmong(decided.keySet()).chain(waiting -> resolveEach(
                        decided.entrySet().stream().filter(d -> waiting.contains(d.getKey())).toList(), 0)));
    }

    private record Decided(DossierInfo info, String eventType) {
    }

    private Uni<Void> resolveEach(List<Map.Entry<String, Decided>> dossiers, int from) {
        if (from == dossiers.size()) {
            return Uni.createFrom().voidItem();
        }
        Map.Entry<String, Decided> d = dossiers.get(from);
        return resolve(d.getKey(), d.getValue().info(), d.getValue().eventType())
                .chain(() -> resolveEach(dossiers, from + 1));
    }

    private Uni<Void> resolve(String dossierCode, DossierInfo info, String eventType) {
        return ratings.resolvePending(dossierCode, info).invoke(n -> {
            if (n > 0) {
                LOG.infof("dossier %s %s: %d waiting rating(s) decided", dossierCode, eventType, n);
            }
        }).replaceWithVoid();
    }

    /** A poll that goes one by one: not a failure of its records. */
    private static final class NotInBatch extends RuntimeException {
        NotInBatch(String why) {
            super(why, null, false, false);
        }
    }

    /** What one event made of a dossier's view, and the view's state when it decides the waiting ratings. */
    private record Folded(DossierViewEntity view, DossierInfo decides) {
    }

    /**
     * Applies one event to the view ({@code existing}, or a new one for the first event): null when the view has it
     * already (a replay under new event ids, say); throws when it is not the next version.
     */
    private Folded fold(DossierViewEntity existing, DossierEventEnvelope e) {
        if (existing != null && e.version() <= existing.lastVersion) {
            return null;
        }
        long last = existing == null ? 0 : existing.lastVersion;
        if (e.version() != last + 1) {
            throw new OutOfOrderEvent(e.dossierCode(), e.version(), last);
        }
        DossierViewEntity v = existing != null ? existing : new DossierViewEntity();
        if (existing == null) {
            v.dossierId = e.dossierId();
            v.dossierCode = e.dossierCode();
            v.state = DossierInfo.State.OPEN.name();
        }
        v.lastVersion = e.version();
        v.updatedAt = clock.instant();
        boolean decides = false;
        DossierEvent data = e.data();
        if (data instanceof DossierEvent.Received r) {
            v.procedureCode = r.procedure().code();
            v.procedureName = r.procedure().nameVi();
            v.receivingUnit = r.receivingUnit();
            v.competentUnit = r.competentUnit();
            v.receptionChannel = r.channel() == null ? null : r.channel().name();
        } else if (data instanceof DossierEvent.Returned r) {
            v.state = DossierInfo.State.RETURNED.name();
            v.returnedAt = r.at();
            v.returnChannel = r.channel() == null ? null : r.channel().name();
            decides = true;
        } else if (data instanceof DossierEvent.RefusedAtReception || data instanceof DossierEvent.Withdrawn
                || data instanceof DossierEvent.Stopped) {
            v.state = DossierInfo.State.CLOSED.name();
            v.closedBy = e.type();
            decides = true;
        }
        return new Folded(v, decides ? v.info() : null);
    }
}
