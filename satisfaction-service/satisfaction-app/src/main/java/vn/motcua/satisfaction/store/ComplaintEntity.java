package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A complaint raised with a rating, and how it was handled. */
@Entity
@Table(name = "complaint")
public class ComplaintEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "rating_id")
    public UUID ratingId;
    @Column(name = "dossier_id")
    public UUID dossierId;
    @Column(name = "dossier_code")
    public String dossierCode;
    @Column(name = "unit_code")
    public String unitCode;
    public String channel;
    public String text;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "calendar_data_missing")
    public boolean calendarDataMissing;
    /** When the answer was given, as the officer states it (bounded; see Complaints.resolve). */
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    /** When this service recorded the answer. */
    @Column(name = "resolution_recorded_at")
    public Instant resolutionRecordedAt;
    /** CLAIMED or RECORDED: the instant the timeliness was decided on. */
    @Column(name = "timeliness_basis")
    public String timelinessBasis;
    public String resolution;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public String timeliness;
}
