package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A complaint ballot and the (one open) complaint of its dossier it belongs to. */
@Entity
@Table(name = "complaint_ballot")
public class ComplaintBallotEntity extends PanacheEntityBase {
    @Id
    @Column(name = "rating_id")
    public UUID ratingId;
    @Column(name = "complaint_id")
    public UUID complaintId;
    @Column(name = "attached_at")
    public Instant attachedAt;

    public static ComplaintBallotEntity of(UUID ratingId, UUID complaintId, Instant at) {
        ComplaintBallotEntity b = new ComplaintBallotEntity();
        b.ratingId = ratingId;
        b.complaintId = complaintId;
        b.attachedAt = at;
        return b;
    }
}
