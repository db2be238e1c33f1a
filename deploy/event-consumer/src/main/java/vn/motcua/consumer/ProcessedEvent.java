package vn.motcua.consumer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A consumed event whose effect is committed ({@code processed_event} in the service's schema), written in the same
 * transaction as the effect: a redelivered event finds its mark and changes nothing. The per-record consumers
 * (satisfaction's views, dossier-service's catalog replica) use it; reporting's batch projections keep a checkpoint
 * per partition in the batch's transaction instead, which a batch needs.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public UUID eventId;
    public String consumer;
    @Column(name = "processed_at")
    public Instant processedAt;

    /**
     * Runs {@code effect} once per event, in the caller's transaction: nothing when the event is marked already,
     * else the effect and then the mark.
     */
    public static Uni<Void> once(UUID eventId, String consumer, Instant now, Supplier<Uni<Void>> effect) {
        return ProcessedEvent.<ProcessedEvent>findById(eventId).chain(done -> {
            if (done != null) {
                return Uni.createFrom().voidItem();
            }
            ProcessedEvent mark = new ProcessedEvent();
            mark.eventId = eventId;
            mark.consumer = consumer;
            mark.processedAt = now;
            return effect.get().chain(() -> mark.persist().replaceWithVoid());
        });
    }
}
