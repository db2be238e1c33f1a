package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.duedate.VietnamCalendars.extra;
import static vn.motcua.duedate.VietnamCalendars.off;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarYearValidationTest {

    private static final List<OfficePeriod> HOURS = CalendarYear.DEFAULT_OFFICE_HOURS;
    private static final Set<DayOfWeek> WEEKEND = CalendarYear.DEFAULT_WEEKEND;
    private static final DayOff NEW_YEAR = off("2024-01-01", DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch", "New Year");

    @Test
    void realCalendarsAndStandardYearsAreValid() {
        VietnamCalendars.all().forEach(y -> assertThat(y.validate()).as("year " + y.year()).isEmpty());
        assertThat(CalendarYear.standard(2030).validate()).isEmpty();
    }

    @Test
    void standardYear() {
        CalendarYear y = CalendarYear.standard(2030);

        assertThat(y.officeHours()).containsExactly(OfficePeriod.of("07:30", "11:30"), OfficePeriod.of("13:30", "17:00"));
        assertThat(y.weekendDays()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(y.daysOff()).isEmpty();
        assertThat(y.extraWorkingDays()).isEmpty();
        assertThat(y.officeDayMinutes()).isEqualTo(450);
    }

    static Stream<Arguments> invalidYears() {
        return Stream.of(
                Arguments.of("no office hours",
                        new CalendarYear(2024, List.of(), WEEKEND, List.of(), List.of()),
                        "officeHours", "at least one"),
                Arguments.of("null office hours",
                        new CalendarYear(2024, null, WEEKEND, List.of(), List.of()),
                        "officeHours", "must not be null"),
                Arguments.of("period start after end",
                        new CalendarYear(2024, List.of(OfficePeriod.of("11:30", "07:30")), WEEKEND, List.of(), List.of()),
                        "officeHours[0]", "must be before end"),
                Arguments.of("empty period",
                        new CalendarYear(2024, List.of(OfficePeriod.of("07:30", "11:30"), OfficePeriod.of("13:30", "13:30")),
                                WEEKEND, List.of(), List.of()),
                        "officeHours[1]", "must be before end"),
                Arguments.of("null period start",
                        new CalendarYear(2024, List.of(new OfficePeriod(null, LocalTime.NOON)), WEEKEND, List.of(), List.of()),
                        "officeHours[0].start", "must not be null"),
                Arguments.of("unsorted periods",
                        new CalendarYear(2024, List.of(OfficePeriod.of("13:30", "17:00"), OfficePeriod.of("07:30", "11:30")),
                                WEEKEND, List.of(), List.of()),
                        "officeHours[1]", "must be sorted"),
                Arguments.of("overlapping periods",
                        new CalendarYear(2024, List.of(OfficePeriod.of("07:30", "12:00"), OfficePeriod.of("11:30", "17:00")),
                                WEEKEND, List.of(), List.of()),
                        "officeHours[1]", "overlaps"),
                Arguments.of("null weekend",
                        new CalendarYear(2024, HOURS, null, List.of(), List.of()),
                        "weekendDays", "must not be null"),
                Arguments.of("weekend containing null",
                        new CalendarYear(2024, HOURS, new HashSet<>(Arrays.asList(DayOfWeek.SUNDAY, null)), List.of(),
                                List.of()),
                        "weekendDays", "must not contain null"),
                Arguments.of("day off outside the year",
                        CalendarYear.of(2024, List.of(NEW_YEAR,
                                off("2025-01-01", DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch", "New Year")), List.of()),
                        "daysOff[1].date", "outside year 2024"),
                Arguments.of("extra working day outside the year",
                        CalendarYear.of(2024, List.of(), List.of(extra("2023-12-30", "Làm bù", "Make-up"))),
                        "extraWorkingDays[0].date", "outside year 2024"),
                Arguments.of("day off listed twice",
                        CalendarYear.of(2024, List.of(NEW_YEAR,
                                off("2024-01-01", DayOffKind.COMPENSATORY_DAY_OFF, "Nghỉ bù", "Compensatory")), List.of()),
                        "daysOff[1].date", "listed twice (also daysOff[0])"),
                Arguments.of("extra working day listed twice",
                        CalendarYear.of(2024, List.of(), List.of(extra("2024-05-04", "Làm bù", "Make-up"),
                                extra("2024-05-04", "Làm bù", "Make-up"))),
                        "extraWorkingDays[1].date", "listed twice"),
                Arguments.of("date both off and extra working day",
                        CalendarYear.of(2024, List.of(off("2024-05-04", DayOffKind.SWAPPED_DAY_OFF, "Nghỉ", "Off")),
                                List.of(extra("2024-05-04", "Làm bù", "Make-up"))),
                        "extraWorkingDays[0].date", "also listed as a day off (daysOff[0])"),
                Arguments.of("extra working day on a weekday",
                        CalendarYear.of(2024, List.of(), List.of(extra("2024-05-06", "Làm bù", "Make-up"))),
                        "extraWorkingDays[0].date", "not a weekend day"),
                Arguments.of("day off without Vietnamese name",
                        CalendarYear.of(2024, List.of(off("2024-01-01", DayOffKind.PUBLIC_HOLIDAY, null, "New Year")),
                                List.of()),
                        "daysOff[0].nameVi", "must not be null"),
                Arguments.of("day off with blank Vietnamese name",
                        CalendarYear.of(2024, List.of(off("2024-01-01", DayOffKind.PUBLIC_HOLIDAY, " ", "New Year")),
                                List.of()),
                        "daysOff[0].nameVi", "must not be blank"),
                Arguments.of("extra working day without Vietnamese name",
                        CalendarYear.of(2024, List.of(), List.of(extra("2024-05-04", null, "Make-up"))),
                        "extraWorkingDays[0].nameVi", "must not be null"),
                Arguments.of("day off without kind",
                        CalendarYear.of(2024, List.of(off("2024-01-01", null, "Tết Dương lịch", "New Year")), List.of()),
                        "daysOff[0].kind", "must not be null"),
                Arguments.of("day off without date",
                        CalendarYear.of(2024, List.of(new DayOff(null, DayOffKind.PUBLIC_HOLIDAY, "Lễ", "Holiday")),
                                List.of()),
                        "daysOff[0].date", "must not be null"),
                Arguments.of("null day off entry",
                        CalendarYear.of(2024, Arrays.asList(NEW_YEAR, null), List.of()),
                        "daysOff[1]", "must not be null"),
                Arguments.of("null days off list",
                        new CalendarYear(2024, HOURS, WEEKEND, null, List.of()),
                        "daysOff", "must not be null"),
                Arguments.of("year out of range",
                        CalendarYear.standard(1_000_000_000),
                        "year", "not a supported year"),
                Arguments.of("null extra working days list",
                        new CalendarYear(2024, HOURS, WEEKEND, List.of(), null),
                        "extraWorkingDays", "must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidYears")
    void rejects(String label, CalendarYear year, String field, String reasonFragment) {
        List<CalendarViolation> violations = year.validate();

        assertThat(violations).as(violations.toString())
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.reason()).contains(reasonFragment);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidYears")
    void workingCalendarRefusesInvalidData(String label, CalendarYear year, String field, String reasonFragment) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkingCalendar.of(List.of(year)))
                .isInstanceOfSatisfying(CalendarValidationException.class, e -> {
                    assertThat(e).isInstanceOf(IllegalArgumentException.class);
                    assertThat(e.violations()).extracting(CalendarViolation::field).contains(field);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void reportsEveryViolationAtOnce() {
        CalendarYear y = new CalendarYear(2024, List.of(OfficePeriod.of("12:00", "08:00")), WEEKEND,
                List.of(off("2023-05-01", DayOffKind.PUBLIC_HOLIDAY, "Lễ", "Holiday"),
                        off("2024-09-02", null, null, null)),
                List.of(extra("2024-05-07", "Làm bù", null)));

        assertThat(y.validate()).extracting(CalendarViolation::field).containsExactly(
                "officeHours[0]", "daysOff[0].date", "daysOff[1].kind", "daysOff[1].nameVi",
                "extraWorkingDays[0].date");
    }

    @Test
    void touchingPeriodsAndMissingEnglishNamesAreAccepted() {
        CalendarYear y = new CalendarYear(2024,
                List.of(OfficePeriod.of("07:30", "11:30"), OfficePeriod.of("11:30", "16:00")), WEEKEND,
                List.of(off("2024-01-01", DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch", null)),
                List.of(extra("2024-05-04", "Làm bù", null)));

        assertThat(y.validate()).isEmpty();
        WorkingCalendar cal = WorkingCalendar.of(List.of(y));
        // The English reason falls back to the Vietnamese name.
        assertThat(cal.status(LocalDate.of(2024, 1, 1)).reasonEn()).isEqualTo("Tết Dương lịch");
    }

    @Test
    void collectionsAreCopied() {
        List<DayOff> days = new ArrayList<>(List.of(NEW_YEAR));
        CalendarYear y = CalendarYear.of(2024, days, List.of());
        days.clear();

        assertThat(y.daysOff()).containsExactly(NEW_YEAR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> y.daysOff().add(NEW_YEAR))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
