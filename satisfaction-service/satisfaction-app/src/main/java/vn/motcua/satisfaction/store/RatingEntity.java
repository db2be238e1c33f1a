package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A submitted rating or ballot, whatever became of it. */
@Entity
@Table(name = "rating")
public class RatingEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public Long arrival;
    @Column(name = "dossier_id")
    public UUID dossierId;
    @Column(name = "dossier_code")
    public String dossierCode;
    @Column(name = "unit_code")
    public String unitCode;
    public String channel;
    public String status;
    public String reason;
    /** Why a paper ballot's content cannot count (INCOMPLETE, MULTIPLE_MARKS, ...), null when it can. */
    @Column(name = "content_problem")
    public String contentProblem;
    @Column(name = "criteria_set_code")
    public String criteriaSetCode;
    @Column(name = "criteria_set_version")
    public int criteriaSetVersion;
    /** JSON object: criterion code to level. */
    public String answers;
    public Integer overall;
    public String comment;
    public boolean complaint;
    @Column(name = "complaint_text")
    public String complaintText;
    @Column(name = "ballot_number")
    public String ballotNumber;
    @Column(name = "ballot_unit")
    public String ballotUnit;
    @Column(name = "collected_at")
    public Instant collectedAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "pending_until")
    public Instant pendingUntil;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
