package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The first answer to a command sent with an Idempotency-Key, per caller. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "key_hash")
    public String keyHash;
    public String caller;
    @Column(name = "request_hash")
    public String requestHash;
    public int status;
    @Column(name = "dossier_id")
    public UUID dossierId;
    @Column(name = "dossier_version")
    public Integer dossierVersion;
    public String response;
    @Column(name = "created_at")
    public Instant createdAt;
}
