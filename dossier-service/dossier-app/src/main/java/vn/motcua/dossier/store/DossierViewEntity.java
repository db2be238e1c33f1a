package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A dossier's row in the read table behind work queues, lookups and the overdue watcher. */
@Entity
@Table(name = "dossier_view")
public class DossierViewEntity extends PanacheEntityBase {
    @Id
    @Column(name = "dossier_id")
    public UUID dossierId;
    @Column(name = "dossier_code")
    public String dossierCode;
    @Column(name = "source_key")
    public String sourceKey;
    @Column(name = "procedure_code")
    public String procedureCode;
    @Column(name = "procedure_name")
    public String procedureName;
    @Column(name = "receiving_unit")
    public String receivingUnit;
    @Column(name = "competent_unit")
    public String competentUnit;
    @Column(name = "current_unit")
    public String currentUnit;
    public String channel;
    public String status;
    @Column(name = "applicant_name")
    public String applicantName;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "due_of_record_at")
    public Instant dueOfRecordAt;
    @Column(name = "due_at_reception")
    public Instant dueAtReception;
    @Column(name = "clock_running")
    public boolean clockRunning;
    public boolean open;
    public boolean overdue;
    public boolean apologized;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "returned_at")
    public Instant returnedAt;
    @Column(name = "lookup_secret_hash")
    public String lookupSecretHash;
    @Column(name = "last_version")
    public int lastVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
