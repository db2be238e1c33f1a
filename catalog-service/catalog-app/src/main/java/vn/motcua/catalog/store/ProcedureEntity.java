package vn.motcua.catalog.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.UnitType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

@Entity
@Table(name = "procedure")
public class ProcedureEntity extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "name_vi")
    public String nameVi;
    @Column(name = "field_code")
    public String fieldCode;
    @Enumerated(EnumType.STRING)
    public ProcedureLevel level;
    @Column(name = "competent_unit_types")
    public String competentUnitTypes;
    @Column(name = "abolished_on")
    public LocalDate abolishedOn;
    @Column(name = "abolish_decision")
    public String abolishDecision;
    @Column(name = "search_text")
    public String searchText;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<UnitType> unitTypes() {
        return Arrays.stream(competentUnitTypes.split(","))
                .filter(s -> !s.isBlank())
                .map(UnitType::valueOf)
                .toList();
    }

    public void unitTypes(Collection<UnitType> types) {
        competentUnitTypes = types.stream().map(Enum::name).distinct().sorted()
                .collect(Collectors.joining(",", ",", ","));
    }
}
