package vn.motcua.catalog.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.outbox.Outbox;

import java.time.Clock;

/**
 * Adds an event to the outbox in the caller's transaction: the change and its announcement commit together or not
 * at all. {@link CatalogOutbox} relays them afterwards.
 */
@ApplicationScoped
public class OutboxWriter {
    private final CatalogEventCodec codec = new CatalogEventCodec();
    private final Clock clock;
    private final Outbox outbox;

    public OutboxWriter(Clock clock, Outbox outbox) {
        this.clock = clock;
        this.outbox = outbox;
    }

    public Uni<Void> append(CatalogEvent event) {
        return outbox.append(event.eventId(), event.topic(), event.key(), event.getClass().getSimpleName(),
                codec.writeString(event), clock.instant());
    }
}
