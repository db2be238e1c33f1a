package vn.motcua.duedate;

/** Why an otherwise working day is off. */
public enum DayOffKind {
    /** A public holiday set by the Labour Code. */
    PUBLIC_HOLIDAY,
    /** Given back because a holiday fell on a weekend. */
    COMPENSATORY_DAY_OFF,
    /** Swapped with a weekend day that is worked instead (see {@link ExtraWorkingDay}). */
    SWAPPED_DAY_OFF
}
