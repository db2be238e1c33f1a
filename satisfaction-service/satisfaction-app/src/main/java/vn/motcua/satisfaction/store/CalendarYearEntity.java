package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A working-calendar year as the catalog last published it (the event's JSON). */
@Entity
@Table(name = "calendar_year")
public class CalendarYearEntity extends PanacheEntityBase {
    @Id
    public Integer year;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String payload;
}
