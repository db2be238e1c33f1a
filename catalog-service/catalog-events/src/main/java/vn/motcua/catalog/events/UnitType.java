package vn.motcua.catalog.events;

/** Kinds of units in the administrative tree. Districts exist only in historical data (until 30 June 2025). */
public enum UnitType {
    PROVINCE,
    PROVINCE_DEPARTMENT,
    PROVINCIAL_POLICE,
    POLICE_DIVISION,
    DISTRICT,
    COMMUNE
}
