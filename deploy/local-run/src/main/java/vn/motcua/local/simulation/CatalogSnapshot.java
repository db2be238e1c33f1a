package vn.motcua.local.simulation;

import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.WorkingCalendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the simulator knows of the catalog, as read from catalog-service's and satisfaction-service's public REST
 * APIs: units, procedures with their versions, unit commitments, the working calendar and the rating criteria sets.
 * Plain data, so the generator can be tested without any service.
 */
public record CatalogSnapshot(List<Unit> units, List<Procedure> procedures, Map<String, List<Commitment>> commitments,
                              WorkingCalendar calendar, List<CriteriaSet> criteriaSets) {

    public CatalogSnapshot {
        units = List.copyOf(units);
        procedures = List.copyOf(procedures);
        commitments = Map.copyOf(commitments);
        criteriaSets = List.copyOf(criteriaSets);
    }

    public record Unit(String code, String nameVi, String type, String parentCode, LocalDate validFrom,
                       LocalDate validTo) {
        public boolean activeOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }
    }

    public record Version(LocalDate effectiveFrom, LocalDate effectiveTo, ProcessingTime legalTime,
                          String onlineLevel, boolean postalReception, boolean postalReturn) {
        boolean inForceOn(LocalDate day) {
            return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
        }

        public boolean online() {
            return onlineLevel != null && !"NONE".equals(onlineLevel);
        }

        public boolean fullyOnline() {
            return "FULLY_ONLINE".equals(onlineLevel);
        }
    }

    public record Procedure(String code, String nameVi, Set<String> competentUnitTypes, LocalDate abolishedOn,
                            List<Version> versions) {
        public Optional<Version> versionOn(LocalDate day) {
            if (abolishedOn != null && !day.isBefore(abolishedOn)) {
                return Optional.empty();
            }
            return versions.stream().filter(v -> v.inForceOn(day)).reduce((a, b) ->
                    a.effectiveFrom().isAfter(b.effectiveFrom()) ? a : b);
        }
    }

    /** A period of a unit's committed (shorter) time for a procedure; {@code effectiveTo} inclusive. */
    public record Commitment(ProcessingTime committedTime, LocalDate effectiveFrom, LocalDate effectiveTo) {
        boolean inForceOn(LocalDate day) {
            return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
        }
    }

    /** A rating criteria set version: which unit types it is for and the criterion codes a ballot answers. */
    public record CriteriaSet(String code, int version, Set<String> unitTypes, LocalDate effectiveFrom,
                              List<String> criteria) {
    }

    /** The time the unit must keep: its commitment in force that day, else the legal time (as dossier-service). */
    public ProcessingTime appliedTime(String unit, Procedure procedure, Version version, LocalDate day) {
        return commitments.getOrDefault(unit + "/" + procedure.code(), List.of()).stream()
                .filter(c -> c.inForceOn(day)).map(Commitment::committedTime).findFirst()
                .orElse(version.legalTime());
    }

    public Optional<Unit> unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    /** The criteria a ballot of a unit of this type answers (the service's default for that type). */
    public List<String> criteriaFor(String unitType, LocalDate day) {
        return criteriaSets.stream()
                .filter(s -> s.unitTypes().contains(unitType) && !s.effectiveFrom().isAfter(day))
                .max(java.util.Comparator.comparing(CriteriaSet::effectiveFrom).thenComparingInt(CriteriaSet::version))
                .map(CriteriaSet::criteria).orElse(List.of());
    }
}
