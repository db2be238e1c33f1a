package vn.motcua.satisfaction.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
import vn.motcua.consumer.OutOfOrderEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

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

    public DossierViewConsumer(Ratings ratings, Clock clock, Consumers consumers,
                               @ConfigProperty(name = "mp.messaging.incoming.dossier-events.dead-letter-queue.topic") String deadLetterTopic) {
        this.ratings = ratings;
        this.clock = clock;
        this.consumers = consumers;
        consumers.register(CONSUMER, deadLetterTopic, this::apply);
    }

    @Incoming("dossier-events")
    public Uni<Void> consume(ConsumerRecord<byte[], byte[]> record) {
        return consumers.consume(CONSUMER, record);
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
                .chain(view -> update(view, e)));
    }

    private Uni<Void> update(DossierViewEntity existing, DossierEventEnvelope e) {
        if (existing != null && e.version() <= existing.lastVersion) {
            return Uni.createFrom().voidItem(); // already applied (a replay under new event ids, say)
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
        Uni<Void> saved = existing != null ? Uni.createFrom().voidItem() : v.persist().replaceWithVoid();
        if (!decides) {
            return saved;
        }
        return saved.chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> ratings.resolvePending(v.dossierCode, v.info()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("dossier %s %s: %d waiting rating(s) decided", v.dossierCode, e.type(), n);
                    }
                }).replaceWithVoid();
    }
}
