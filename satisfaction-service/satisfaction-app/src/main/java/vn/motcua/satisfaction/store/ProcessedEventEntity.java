package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A consumed event whose effect is committed; written in the same transaction as the effect. */
@Entity
@Table(name = "processed_event")
public class ProcessedEventEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public UUID eventId;
    public String consumer;
    @Column(name = "processed_at")
    public Instant processedAt;
}
