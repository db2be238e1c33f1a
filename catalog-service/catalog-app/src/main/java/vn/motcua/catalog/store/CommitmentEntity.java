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
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.ProcessingTimeUnit;

import java.time.LocalDate;

@Entity
@Table(name = "commitment")
public class CommitmentEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "procedure_code")
    public String procedureCode;
    public int amount;
    @Enumerated(EnumType.STRING)
    @Column(name = "time_unit")
    public ProcessingTimeUnit timeUnit;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;
    public String note;

    public ProcessingTime committedTime() {
        return new ProcessingTime(amount, timeUnit);
    }

    public CommitmentSnapshot.Period period() {
        return new CommitmentSnapshot.Period(committedTime(), effectiveFrom, effectiveTo, note);
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
