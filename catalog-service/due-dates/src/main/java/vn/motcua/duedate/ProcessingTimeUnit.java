package vn.motcua.duedate;

/** Unit in which a procedure's processing time is stated. */
public enum ProcessingTimeUnit {
    /** Counted in working days; the day of reception is not counted. */
    WORKING_DAYS,
    /** Counted in office time, hour by hour. */
    WORKING_HOURS,
    /** Counted in office time, minute by minute. */
    WORKING_MINUTES,
    /** Counted in calendar days; a last day that is a day off moves to the next working day. */
    CALENDAR_DAYS,
    /** Result on the same working day (subject to a cut-off time). */
    IMMEDIATE,
    /** The procedure has no legal deadline. */
    NO_DEADLINE
}
