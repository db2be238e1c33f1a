package vn.motcua.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;

import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "unit")
public class UnitEntity extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "name_vi")
    public String nameVi;
    @Enumerated(EnumType.STRING)
    public UnitType type;
    @Column(name = "parent_code")
    public String parentCode;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    @Column(name = "search_text")
    public String searchText;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public UnitSnapshot snapshot() {
        return new UnitSnapshot(code, nameVi, type, parentCode, validFrom, validTo);
    }

    public boolean activeOn(LocalDate date) {
        return UnitSnapshot.inForceDuring(validFrom, validTo, date, date);
    }
}
