package vn.motcua.dossier.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.motcua.consumer.Consumers;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.consumer.ProcessedEvent;
import vn.motcua.dossier.store.ReplicaEntity;

import java.time.Clock;
import java.util.Optional;

/**
 * Keeps the local catalog replica: the latest snapshot per key of each compacted catalog topic. Exactly-once in
 * effect: the processed-event row is written in the transaction that changes the replica, so a redelivery changes
 * nothing. An older snapshot never replaces a newer one. Records reach it through {@link Consumers}: one that is not
 * a catalog event is dead-lettered and parked with the rest of its key's records; a database outage is retried.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // registered before the first record, so the admin API lists it from the start
public class CatalogReplicaConsumer {
    static final String CONSUMER = "dossier-service.catalog-replica";

    private final CatalogEventCodec codec = new CatalogEventCodec();
    private final Clock clock;
    private final Consumers consumers;

    public CatalogReplicaConsumer(Clock clock, Consumers consumers,
                                  @ConfigProperty(name = "mp.messaging.incoming.catalog.dead-letter-queue.topic") String deadLetterTopic) {
        this.clock = clock;
        this.consumers = consumers;
        consumers.register(CONSUMER, deadLetterTopic, this::apply);
    }

    @Incoming("catalog")
    public Uni<Void> consume(ConsumerRecord<byte[], byte[]> record) {
        return consumers.consume(CONSUMER, record);
    }

    /** Applies one record (live or replayed); throws for a record that is not a catalog event. */
    Uni<Void> apply(ConsumerRecord<byte[], byte[]> record) {
        byte[] payload = record.value();
        Optional<CatalogEvent> read = codec.read(payload); // malformed: throws, the record goes to the DLQ
        if (read.isEmpty()) {
            return Uni.createFrom().voidItem(); // a newer event type this version does not know
        }
        CatalogEvent event = read.get();
        try {
            // the snapshot must be there: without it the record has no key, and retrying cannot change that
            if (event.key() == null || event.key().isBlank()) {
                throw new IllegalArgumentException("no key");
            }
        } catch (RuntimeException e) {
            throw new CatalogEventCodec.MalformedEventException(event.getClass().getSimpleName()
                    + " without its snapshot: " + e.getMessage());
        }
        return Panache.withTransaction(() -> apply(event, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Uni<Void> apply(CatalogEvent event, String json) {
        return ProcessedEvent.once(event.eventId(), CONSUMER, clock.instant(), () -> ReplicaEntity.<ReplicaEntity>findById(new ReplicaEntity.Key(event.topic(), event.key()))
                    .chain(row -> {
                        if (row != null && row.occurredAt.isAfter(event.occurredAt())) {
                            return Uni.createFrom().voidItem(); // late copy of an older snapshot
                        }
                        ReplicaEntity r = row != null ? row : new ReplicaEntity();
                        r.topic = event.topic();
                        r.recordKey = event.key();
                        r.eventId = event.eventId();
                        r.eventType = event.getClass().getSimpleName();
                        r.occurredAt = event.occurredAt();
                        r.payload = json;
                        return row != null ? Uni.createFrom().voidItem() : r.persist().replaceWithVoid();
                    }));
    }
}
