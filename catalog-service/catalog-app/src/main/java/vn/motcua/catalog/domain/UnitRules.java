package vn.motcua.catalog.domain;

import vn.motcua.catalog.events.UnitType;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which unit may sit under which: the shape of the administrative tree. */
public final class UnitRules {
    /** The last day on which districts existed (two-level local government from 1 July 2025). */
    public static final LocalDate LAST_DAY_OF_DISTRICTS = LocalDate.of(2025, 6, 30);

    private static final Map<UnitType, Set<UnitType>> ALLOWED_PARENTS = Map.of(
            UnitType.PROVINCE, EnumSet.noneOf(UnitType.class),
            UnitType.PROVINCE_DEPARTMENT, EnumSet.of(UnitType.PROVINCE),
            UnitType.PROVINCIAL_POLICE, EnumSet.of(UnitType.PROVINCE),
            UnitType.POLICE_DIVISION, EnumSet.of(UnitType.PROVINCIAL_POLICE, UnitType.POLICE_DIVISION),
            UnitType.DISTRICT, EnumSet.of(UnitType.PROVINCE),
            UnitType.COMMUNE, EnumSet.of(UnitType.PROVINCE, UnitType.DISTRICT));

    private UnitRules() {
    }

    public static boolean parentAllowed(UnitType child, UnitType parent) {
        return ALLOWED_PARENTS.get(child).contains(parent);
    }

    public static Set<UnitType> allowedParents(UnitType child) {
        return ALLOWED_PARENTS.get(child);
    }
}
