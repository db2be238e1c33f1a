package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.duedate.VietnamCalendars.calculator;
import static vn.motcua.duedate.VietnamCalendars.calendar;
import static vn.motcua.duedate.VietnamCalendars.vn;
import static vn.motcua.duedate.VietnamCalendars.zoned;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingCalendarDataTest {

    @Test
    void countingIntoAYearWithoutDataIsFlagged() {
        // 1 Jan 2027 has no holiday data, so it is counted as an ordinary Friday.
        DueDate due = calculator().compute(vn("2026-12-30T10:00"), ProcessingTime.workingDays(5));

        assertThat(due.dueAt()).contains(zoned("2027-01-06T17:00"));
        assertThat(due.calendarDataMissing()).isTrue();
        assertThat(due.explanation()).anyMatch(s -> s.contains("No calendar data for year(s) 2027"));
    }

    @Test
    void receptionInAYearWithoutDataIsFlagged() {
        DueDate due = calculator().compute(vn("2023-12-29T10:00"), ProcessingTime.workingDays(1));

        assertThat(due.dueAt()).contains(zoned("2024-01-02T17:00"));
        assertThat(due.calendarDataMissing()).isTrue();
        assertThat(due.explanation()).anyMatch(s -> s.contains("2023") && s.contains("No calendar data"));
    }

    @Test
    void severalMissingYearsAreListed() {
        DueDate due = calculator().compute(vn("2026-12-30T10:00"), ProcessingTime.workingDays(400));

        assertThat(due.dueDate().orElseThrow().getYear()).isEqualTo(2028);
        assertThat(due.explanation()).anyMatch(s -> s.contains("year(s) 2027, 2028"));
    }

    @Test
    void countsInsideKnownYearsAreNotFlagged() {
        DueDate due = calculator().compute(vn("2026-12-28T10:00"), ProcessingTime.workingDays(3));

        assertThat(due.dueDate()).contains(LocalDate.of(2026, 12, 31));
        assertThat(due.calendarDataMissing()).isFalse();
        assertThat(due.explanation()).noneMatch(s -> s.contains("No calendar data"));
    }

    @Test
    void missingYearStatusIsWeekendsOnly() {
        DayStatus newYear = calendar().status(LocalDate.of(2027, 1, 1));
        DayStatus saturday = calendar().status(LocalDate.of(2027, 1, 2));

        assertThat(newYear.working()).isTrue();
        assertThat(newYear.dataMissing()).isTrue();
        assertThat(saturday.working()).isFalse();
        assertThat(saturday.reasonCode()).isEqualTo("WEEKEND");
        assertThat(saturday.dataMissing()).isTrue();
        assertThat(calendar().status(LocalDate.of(2026, 1, 5)).dataMissing()).isFalse();
        assertThat(calendar().missingYears(LocalDate.of(2022, 6, 1), LocalDate.of(2028, 1, 1)))
                .containsExactly(2022, 2023, 2027, 2028);
        assertThat(calendar().missingYears(LocalDate.of(2024, 6, 1), LocalDate.of(2026, 1, 1))).isEmpty();
    }

    @Test
    void missingYearsUseOfficeHoursOfTheNearestKnownYear() {
        CalendarYear early = new CalendarYear(2020, List.of(OfficePeriod.of("08:00", "12:00")),
                CalendarYear.DEFAULT_WEEKEND, List.of(), List.of());
        CalendarYear late = new CalendarYear(2030, List.of(OfficePeriod.of("09:00", "16:00")),
                CalendarYear.DEFAULT_WEEKEND, List.of(), List.of());
        WorkingCalendar cal = WorkingCalendar.of(List.of(early, late));

        assertThat(cal.officePeriods(LocalDate.of(2019, 1, 2))).containsExactly(OfficePeriod.of("08:00", "12:00"));
        assertThat(cal.officePeriods(LocalDate.of(2024, 1, 2))).containsExactly(OfficePeriod.of("08:00", "12:00"));
        // A tie goes to the earlier year.
        assertThat(cal.officePeriods(LocalDate.of(2025, 1, 2))).containsExactly(OfficePeriod.of("08:00", "12:00"));
        assertThat(cal.officePeriods(LocalDate.of(2026, 1, 2))).containsExactly(OfficePeriod.of("09:00", "16:00"));
        assertThat(cal.officePeriods(LocalDate.of(2040, 1, 2))).containsExactly(OfficePeriod.of("09:00", "16:00"));
    }

    @Test
    void withoutAnyDataTheDefaultsApply() {
        WorkingCalendar cal = WorkingCalendar.of(List.of());
        DueDateCalculator calc = new DueDateCalculator(cal, CountingRules.defaults());

        assertThat(cal.officePeriods(LocalDate.of(2024, 3, 4))).isEqualTo(CalendarYear.DEFAULT_OFFICE_HOURS);
        DueDate due = calc.compute(vn("2024-03-04T16:30"), ProcessingTime.workingMinutes(180));
        assertThat(due.dueAt()).contains(zoned("2024-03-05T10:00"));
        assertThat(due.calendarDataMissing()).isTrue();
    }
}
