package vn.motcua.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureVersionSnapshot;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.ProcessingTimeUnit;

import java.time.LocalDate;

@Entity
@Table(name = "procedure_version")
public class ProcedureVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "procedure_code")
    public String procedureCode;
    public int version;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;
    @Column(name = "legal_amount")
    public int legalAmount;
    @Enumerated(EnumType.STRING)
    @Column(name = "legal_unit")
    public ProcessingTimeUnit legalUnit;
    @Column(name = "fee_vnd")
    public Long feeVnd;
    @Column(name = "fee_note")
    public String feeNote;
    @Enumerated(EnumType.STRING)
    @Column(name = "online_level")
    public OnlineLevel onlineLevel;
    @Column(name = "postal_reception")
    public boolean postalReception;
    @Column(name = "postal_return")
    public boolean postalReturn;
    @Column(name = "required_documents")
    public String requiredDocuments;
    @Column(name = "legal_basis")
    public String legalBasis;
    public String decision;

    public ProcessingTime legalTime() {
        return new ProcessingTime(legalAmount, legalUnit);
    }

    public ProcedureVersionSnapshot snapshot() {
        return new ProcedureVersionSnapshot(version, effectiveFrom, effectiveTo, legalTime(), feeVnd, feeNote,
                onlineLevel, postalReception, postalReturn, Json.readStringList(requiredDocuments), legalBasis,
                decision);
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
