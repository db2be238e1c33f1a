package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A unit of the catalog, as last published. */
@Entity
@Table(name = "catalog_unit")
public class CatalogUnitEntity extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "name_vi")
    public String nameVi;
    @Column(name = "unit_type")
    public String unitType;
    @Column(name = "parent_code")
    public String parentCode;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
