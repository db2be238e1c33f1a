package vn.motcua.duedate;

import java.time.Duration;
import java.time.LocalTime;

/**
 * One office period of a working day, [start, end) in local time. start must be before end;
 * the record itself does not throw so that {@link CalendarYear#validate()} can report bad data
 * with the field that holds it.
 */
public record OfficePeriod(LocalTime start, LocalTime end) {

    public static OfficePeriod of(String start, String end) {
        return new OfficePeriod(LocalTime.parse(start), LocalTime.parse(end));
    }

    /** Length of the period in whole minutes. */
    public long minutes() {
        return Duration.between(start, end).toMinutes();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
