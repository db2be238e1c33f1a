package vn.motcua.duedate;

/**
 * One problem found in calendar data.
 *
 * @param field  path of the offending field, e.g. {@code daysOff[2].date}
 * @param reason explanation in English
 */
public record CalendarViolation(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
