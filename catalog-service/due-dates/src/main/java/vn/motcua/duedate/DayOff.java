package vn.motcua.duedate;

import java.time.LocalDate;

/**
 * A day off listed in a year's calendar data. Checked by {@link CalendarYear#validate()}:
 * date and kind are required, nameVi is required and not blank, nameEn is optional.
 */
public record DayOff(LocalDate date, DayOffKind kind, String nameVi, String nameEn) {
}
