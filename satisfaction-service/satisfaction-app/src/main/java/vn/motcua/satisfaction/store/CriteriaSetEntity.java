package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** One version of a criteria set; versions are never changed. */
@Entity
@Table(name = "criteria_set")
public class CriteriaSetEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(name = "name_vi")
    public String nameVi;
    public String name;
    @Column(name = "unit_types")
    public String unitTypes;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    public String criteria;
    @Column(name = "published_at")
    public Instant publishedAt;

    @Embeddable
    public record Key(String code, int version) implements Serializable {
    }
}
