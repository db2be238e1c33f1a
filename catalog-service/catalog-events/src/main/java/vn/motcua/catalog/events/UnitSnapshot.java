package vn.motcua.catalog.events;

import java.time.LocalDate;

/**
 * A unit as it is now. {@code validTo} is set once the unit was dissolved or merged: it is the unit's last day (a
 * district abolished on 1 July 2025 has {@code validTo} 2025-06-30).
 */
public record UnitSnapshot(String code, String nameVi, UnitType type, String parentCode, LocalDate validFrom,
                           LocalDate validTo) {

    /** Whether the unit existed on at least one day from {@code first} to {@code last}, both included. */
    public boolean inForceDuring(LocalDate first, LocalDate last) {
        return inForceDuring(validFrom, validTo, first, last);
    }

    /**
     * The one rule of a unit's validity, for every holder of a copy of it: open bounds are unbounded, both bounds
     * are days the unit existed.
     */
    public static boolean inForceDuring(LocalDate validFrom, LocalDate validTo, LocalDate first, LocalDate last) {
        return (validFrom == null || !validFrom.isAfter(last)) && (validTo == null || !validTo.isBefore(first));
    }
}
