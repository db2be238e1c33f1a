package vn.motcua.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "calendar_year")
public class CalendarYearEntity extends PanacheEntityBase {
    @Id
    public Integer year;
    public int revision;
    /** The validated CalendarYear as JSON. */
    public String document;
    public boolean provisional;
    public String source;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
