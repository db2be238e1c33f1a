package vn.motcua.catalog.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.store.OutboxEntity;

import java.time.Clock;

/**
 * Adds an event to the outbox in the caller's transaction: the change and its announcement commit together or not
 * at all. {@link CatalogOutbox} relays them afterwards.
 */
@ApplicationScoped
public class OutboxWriter {
    private final CatalogEventCodec codec = new CatalogEventCodec();
    private final Clock clock;

    public OutboxWriter(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> append(CatalogEvent event) {
        OutboxEntity row = new OutboxEntity();
        row.eventId = event.eventId();
        row.topic = event.topic();
        row.recordKey = event.key();
        row.eventType = event.getClass().getSimpleName();
        row.payload = codec.writeString(event);
        row.createdAt = clock.instant();
        return row.persist().replaceWithVoid();
    }
}
