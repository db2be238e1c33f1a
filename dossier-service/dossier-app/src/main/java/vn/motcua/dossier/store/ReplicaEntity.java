package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The latest catalog snapshot for one key of one catalog topic. */
@Entity
@Table(name = "catalog_replica")
@IdClass(ReplicaEntity.Key.class)
public class ReplicaEntity extends PanacheEntityBase {
    @Id
    public String topic;
    @Id
    @Column(name = "record_key")
    public String recordKey;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String payload;

    public static class Key implements Serializable {
        public String topic;
        public String recordKey;

        public Key() {
        }

        public Key(String topic, String recordKey) {
            this.topic = topic;
            this.recordKey = recordKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(topic, k.topic) && Objects.equals(recordKey, k.recordKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, recordKey);
        }
    }
}
