package vn.motcua.satisfaction.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.motcua.consumer.Consumers;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.satisfaction.store.CalendarYearEntity;
import vn.motcua.satisfaction.store.CatalogUnitEntity;
import vn.motcua.consumer.ProcessedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps the catalog data this service needs: units (their type chooses the criteria set, their name is shown on
 * the rating form) and working calendars (complaint deadlines). Other catalog events are ignored. Same delivery
 * rules as the dossier view: processed-event row in the change's transaction, older snapshots ignored, malformed
 * records to the dead-letter topic, database errors retried.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // registered before the first record, so the admin API lists it from the start
public class CatalogConsumer {
    static final String CONSUMER = "satisfaction-service.catalog";

    private final CatalogEventCodec codec = new CatalogEventCodec();
    private final Clock clock;
    private final Consumers consumers;

    public CatalogConsumer(Clock clock, Consumers consumers,
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
        Optional<CatalogEvent> read = codec.read(payload);
        if (read.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        CatalogEvent event = read.get();
        UnitSnapshot unit = event instanceof CatalogEvent.UnitRegistered r ? r.unit()
                : event instanceof CatalogEvent.UnitUpdated u ? u.unit() : null;
        CatalogEvent.CalendarYearPublished calendar = event instanceof CatalogEvent.CalendarYearPublished c ? c : null;
        if (unit == null && calendar == null) {
            return Uni.createFrom().voidItem();
        }
        if (unit != null && (unit.code() == null || unit.type() == null || unit.nameVi() == null)
                || calendar != null && calendar.calendar() == null) {
            throw new CatalogEventCodec.MalformedEventException(event.getClass().getSimpleName() + " without its snapshot");
        }
        String json = new String(payload, StandardCharsets.UTF_8);
        return Panache.withTransaction(() -> ProcessedEvent.once(event.eventId(), CONSUMER, clock.instant(),
                () -> unit != null ? unit(event, unit) : calendar(calendar, json)));
    }

    private Uni<Void> unit(CatalogEvent event, UnitSnapshot unit) {
        return CatalogUnitEntity.<CatalogUnitEntity>findById(unit.code()).chain(row -> {
            if (row != null && row.occurredAt.isAfter(event.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            CatalogUnitEntity u = row != null ? row : new CatalogUnitEntity();
            u.code = unit.code();
            u.nameVi = unit.nameVi();
            u.unitType = unit.type().name();
            u.parentCode = unit.parentCode();
            u.eventId = event.eventId();
            u.occurredAt = event.occurredAt();
            return row != null ? Uni.createFrom().voidItem() : u.persist().replaceWithVoid();
        });
    }

    private Uni<Void> calendar(CatalogEvent.CalendarYearPublished event, String json) {
        int year = event.calendar().year();
        return CalendarYearEntity.<CalendarYearEntity>findById(year).chain(row -> {
            if (row != null && row.occurredAt.isAfter(event.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            CalendarYearEntity c = row != null ? row : new CalendarYearEntity();
            c.year = year;
            c.eventId = event.eventId();
            c.occurredAt = event.occurredAt();
            c.payload = json;
            return row != null ? Uni.createFrom().voidItem() : c.persist().replaceWithVoid();
        });
    }
}
