package vn.motcua.satisfaction.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned questionnaire: the criteria a citizen answers on the 5-level scale, besides the overall level.
 *
 * @param unitTypes the catalog unit types whose citizens answer this set (the police set for police units)
 */
public record CriteriaSet(String code, int version, String nameVi, String name, Set<String> unitTypes,
                          LocalDate effectiveFrom, List<Criterion> criteria) {

    public record Criterion(String code, String name, String nameVi) {
    }

    public CriteriaSet {
        unitTypes = Set.copyOf(unitTypes);
        criteria = List.copyOf(criteria);
    }

    public Optional<Criterion> criterion(String code) {
        return criteria.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The version in force on {@code day}: the latest that took effect on or before it. */
    public static Optional<CriteriaSet> inForce(List<CriteriaSet> versions, LocalDate day) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(day))
                .max(java.util.Comparator.comparingInt(CriteriaSet::version));
    }
}
