package vn.motcua.duedate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a calendar revision changes: the days on which the old and the new calendar disagree, and no others. */
class CalendarRevisionTest {

    static final LocalDate JAN_1 = LocalDate.of(2031, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2031, 12, 31);

    @Test
    void aDayOffAddedIsTheOnlyDayThatDiffers() {
        WorkingCalendar before = WorkingCalendar.of(List.of(CalendarYear.standard(2031)));
        WorkingCalendar after = WorkingCalendar.of(List.of(CalendarYear.of(2031, List.of(new DayOff(
                LocalDate.of(2031, 3, 6), DayOffKind.COMPENSATORY_DAY_OFF, "Nghỉ bù", "Compensatory day off")),
                List.of())));
        assertThat(before.daysThatDiffer(after, JAN_1, DEC_31)).containsExactly(LocalDate.of(2031, 3, 6));
        assertThat(after.daysThatDiffer(before, JAN_1, DEC_31)).containsExactly(LocalDate.of(2031, 3, 6));
        assertThat(after.daysThatDiffer(after, JAN_1, DEC_31)).isEmpty();
    }

    @Test
    void otherOfficeHoursChangeEveryWorkingDayButNotTheDaysOff() {
        WorkingCalendar before = WorkingCalendar.of(List.of(CalendarYear.standard(2031)));
        WorkingCalendar after = WorkingCalendar.of(List.of(new CalendarYear(2031,
                List.of(OfficePeriod.of("08:00", "12:00"), OfficePeriod.of("13:00", "17:00")),
                CalendarYear.DEFAULT_WEEKEND, List.of(), List.of())));
        List<LocalDate> changed = before.daysThatDiffer(after, LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 9));
        // Monday to Friday; the weekend has no office hours in either
        assertThat(changed).hasSize(5).allMatch(before::isWorkingDay);
    }
}
