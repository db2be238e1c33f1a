package vn.motcua.catalog.events;

import java.time.LocalDate;

/** A unit as it is now. {@code validTo} is set once the unit was dissolved or merged. */
public record UnitSnapshot(String code, String nameVi, UnitType type, String parentCode, LocalDate validFrom,
                           LocalDate validTo) {
}
