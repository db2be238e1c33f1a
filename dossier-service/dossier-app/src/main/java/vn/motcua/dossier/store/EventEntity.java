package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of the append-only event store. Never updated (a trigger refuses it). */
@Entity
@Table(name = "dossier_event")
public class EventEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "dossier_id")
    public UUID dossierId;
    public int version;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    public String payload;
    /** The hash of the stream's previous event (null for version 1) and this event's: see EventHash. */
    @Column(name = "prev_hash")
    public byte[] prevHash;
    public byte[] hash;
}
