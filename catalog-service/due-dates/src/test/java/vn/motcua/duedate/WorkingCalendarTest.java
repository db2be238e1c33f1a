package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.duedate.VietnamCalendars.calendar;
import static vn.motcua.duedate.VietnamCalendars.vn;
import static vn.motcua.duedate.VietnamCalendars.zoned;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # date      | working | code                 | reason vi
        2024-01-01  | false   | PUBLIC_HOLIDAY       | Tết Dương lịch
        2024-01-02  | true    | WORKING_DAY          | Ngày làm việc
        2024-02-08  | false   | PUBLIC_HOLIDAY       | Tết Nguyên đán
        2024-02-10  | false   | WEEKEND              | Thứ Bảy
        2024-02-11  | false   | WEEKEND              | Chủ Nhật
        2024-02-13  | false   | COMPENSATORY_DAY_OFF | Nghỉ bù Tết Nguyên đán
        2024-04-18  | false   | PUBLIC_HOLIDAY       | Giỗ Tổ Hùng Vương
        2024-04-29  | false   | SWAPPED_DAY_OFF      | Nghỉ hoán đổi, làm bù thứ Bảy 04/05/2024
        2024-05-04  | true    | EXTRA_WORKING_DAY    | Làm bù cho ngày nghỉ 29/04/2024
        2024-05-05  | false   | WEEKEND              | Chủ Nhật
        2024-09-03  | false   | PUBLIC_HOLIDAY       | Quốc khánh
        2025-01-31  | false   | PUBLIC_HOLIDAY       | Tết Nguyên đán
        2025-04-26  | true    | EXTRA_WORKING_DAY    | Làm bù cho ngày nghỉ 02/05/2025
        2025-05-02  | false   | SWAPPED_DAY_OFF      | Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025
        2026-01-02  | false   | SWAPPED_DAY_OFF      | Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026
        2026-01-10  | true    | EXTRA_WORKING_DAY    | Làm bù cho ngày nghỉ 02/01/2026
        2026-02-17  | false   | PUBLIC_HOLIDAY       | Tết Nguyên đán
        2026-04-26  | false   | WEEKEND              | Chủ Nhật
        2026-04-27  | false   | COMPENSATORY_DAY_OFF | Nghỉ bù Giỗ Tổ Hùng Vương
        2026-09-01  | false   | PUBLIC_HOLIDAY       | Quốc khánh
        2026-09-03  | true    | WORKING_DAY          | Ngày làm việc
        """)
    void statusOfRealDates(LocalDate date, boolean working, String code, String reasonVi) {
        DayStatus s = calendar().status(date);

        assertThat(s.date()).isEqualTo(date);
        assertThat(s.working()).isEqualTo(working);
        assertThat(s.reasonCode()).isEqualTo(code);
        assertThat(s.reasonVi()).isEqualTo(reasonVi);
        assertThat(s.reasonEn()).isNotBlank();
        assertThat(s.dataMissing()).isFalse();
        assertThat(calendar().isWorkingDay(date)).isEqualTo(working);
        assertThat(calendar().officePeriods(date)).hasSize(working ? 2 : 0);
    }

    @Test
    void fixtureDatesFallOnTheExpectedWeekdays() {
        assertThat(LocalDate.of(2024, 5, 4).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(LocalDate.of(2025, 4, 26).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(LocalDate.of(2026, 1, 10).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(LocalDate.of(2026, 4, 26).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(LocalDate.of(2025, 1, 27).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(LocalDate.of(2026, 2, 16).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        // Tết breaks leave no working weekday between the surrounding weekends.
        for (LocalDate d = LocalDate.of(2024, 2, 8); !d.isAfter(LocalDate.of(2024, 2, 14)); d = d.plusDays(1)) {
            assertThat(calendar().isWorkingDay(d)).as(d.toString()).isFalse();
        }
        for (LocalDate d = LocalDate.of(2026, 2, 14); !d.isAfter(LocalDate.of(2026, 2, 22)); d = d.plusDays(1)) {
            assertThat(calendar().isWorkingDay(d)).as(d.toString()).isFalse();
        }
    }

    @ParameterizedTest(name = "next working day after {0} is {1}")
    @CsvSource({
        "2024-02-07, 2024-02-15",
        "2024-04-26, 2024-05-02",
        "2024-05-03, 2024-05-04",
        "2024-05-04, 2024-05-06",
        "2024-12-31, 2025-01-02",
        "2025-12-31, 2026-01-05",
        "2026-01-09, 2026-01-10",
        "2026-04-24, 2026-04-28",
        "2026-08-31, 2026-09-03",
        "2024-03-09, 2024-03-11"
    })
    void nextWorkingDay(LocalDate date, LocalDate expected) {
        assertThat(calendar().nextWorkingDay(date)).isEqualTo(expected);
        assertThat(calendar().addWorkingDays(date, 1)).isEqualTo(expected);
    }

    @Test
    void addWorkingDays() {
        assertThat(calendar().addWorkingDays(LocalDate.of(2024, 2, 7), 0)).isEqualTo(LocalDate.of(2024, 2, 7));
        assertThat(calendar().addWorkingDays(LocalDate.of(2024, 2, 7), 3)).isEqualTo(LocalDate.of(2024, 2, 19));
        assertThat(calendar().addWorkingDays(LocalDate.of(2024, 2, 10), 1)).isEqualTo(LocalDate.of(2024, 2, 15));
        assertThatThrownBy(() -> calendar().addWorkingDays(LocalDate.of(2024, 2, 7), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeAndStartOfOffice() {
        assertThat(calendar().closeOfOffice(LocalDate.of(2024, 5, 4))).isEqualTo(zoned("2024-05-04T17:00"));
        assertThat(calendar().startOfOffice(LocalDate.of(2024, 5, 4))).isEqualTo(zoned("2024-05-04T07:30"));
        assertThatThrownBy(() -> calendar().closeOfOffice(LocalDate.of(2024, 2, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-02-08").hasMessageContaining("PUBLIC_HOLIDAY");
    }

    @ParameterizedTest(name = "{0} + {1} office -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # from              | office time | expected
        2024-03-04T16:30    | PT3H        | 2024-03-05T10:00
        2024-03-04T10:00    | PT1H30M     | 2024-03-04T11:30
        2024-03-04T10:00    | PT1H30M1S   | 2024-03-04T13:30:01
        2024-03-04T11:30    | PT0S        | 2024-03-04T13:30
        2024-03-04T10:15    | PT0S        | 2024-03-04T10:15
        2024-03-04T17:00    | PT7H30M     | 2024-03-05T17:00
        2024-03-04T07:30    | PT37H30M    | 2024-03-08T17:00
        2024-03-04T07:30    | PT37H30M1S  | 2024-03-11T07:30:01
        2024-02-07T16:00    | PT1H        | 2024-02-07T17:00
        2024-02-07T16:00    | PT1H1M      | 2024-02-15T07:31
        2024-05-03T17:00    | PT7H30M     | 2024-05-04T17:00
        """)
    void addOfficeTime(String from, Duration officeTime, String expected) {
        assertThat(calendar().addOfficeTime(vn(from), officeTime)).isEqualTo(vn(expected));
    }

    @Test
    void addOfficeTimeRejectsNegativeDurations() {
        assertThatThrownBy(() -> calendar().addOfficeTime(vn("2024-03-04T10:00"), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{0}, {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # from              | to                  | office time
        2024-03-04T10:00    | 2024-03-04T10:00    | PT0S
        2024-03-04T10:00    | 2024-03-04T09:00    | PT0S
        2024-03-04T10:00    | 2024-03-04T14:00    | PT2H
        2024-03-04T00:00    | 2024-03-05T00:00    | PT7H30M
        2024-03-04T16:30    | 2024-03-05T10:00    | PT3H
        2024-03-08T00:00    | 2024-03-11T00:00    | PT7H30M
        2024-02-05T00:00    | 2024-02-19T00:00    | PT37H30M
        2024-05-04T00:00    | 2024-05-05T00:00    | PT7H30M
        2024-12-31T16:00    | 2025-01-02T08:00    | PT1H30M
        """)
    void officeTimeBetween(String from, String to, Duration expected) {
        assertThat(calendar().officeTimeBetween(vn(from), vn(to))).isEqualTo(expected);
    }

    @Test
    void officeHoursComeFromEachYear() {
        CalendarYear custom = new CalendarYear(2027,
                List.of(OfficePeriod.of("08:00", "12:00"), OfficePeriod.of("13:00", "17:00")),
                CalendarYear.DEFAULT_WEEKEND, List.of(), List.of());
        List<CalendarYear> years = new ArrayList<>(VietnamCalendars.all());
        years.add(custom);
        WorkingCalendar cal = WorkingCalendar.of(years);

        assertThat(cal.officePeriods(LocalDate.of(2027, 1, 4)))
                .containsExactly(OfficePeriod.of("08:00", "12:00"), OfficePeriod.of("13:00", "17:00"));
        // The custom 2027 data lists no holiday, so Friday 1 January is worked.
        assertThat(cal.startOfNextWorkingPeriod(vn("2026-12-31T17:00"))).isEqualTo(zoned("2027-01-01T08:00"));
        assertThat(cal.addOfficeTime(vn("2026-12-31T16:00"), Duration.ofHours(2)))
                .isEqualTo(vn("2027-01-01T09:00"));
        assertThat(custom.officeDayMinutes()).isEqualTo(480);
    }

    @Test
    void otherZones() {
        WorkingCalendar utc = WorkingCalendar.of(ZoneId.of("UTC"), List.of(CalendarYear.standard(2024)));

        assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(utc.startOfNextWorkingPeriod(java.time.Instant.parse("2024-03-04T06:00:00Z")))
                .isEqualTo(ZonedDateTime.of(2024, 3, 4, 7, 30, 0, 0, ZoneId.of("UTC")));
        assertThat(VietnamCalendars.calendar().zone()).isEqualTo(WorkingCalendar.VIETNAM);
    }

    @Test
    void rejectsInvalidYearsAndDuplicates() {
        CalendarYear bad = new CalendarYear(2024, List.of(), CalendarYear.DEFAULT_WEEKEND, List.of(), List.of());
        assertThatThrownBy(() -> WorkingCalendar.of(List.of(bad)))
                .isInstanceOf(CalendarValidationException.class)
                .hasMessageContaining("2024")
                .satisfies(e -> assertThat(((CalendarValidationException) e).violations())
                        .extracting(CalendarViolation::field).containsExactly("officeHours"));

        assertThatThrownBy(() -> WorkingCalendar.of(List.of(CalendarYear.standard(2024), CalendarYear.standard(2024))))
                .isInstanceOf(CalendarValidationException.class)
                .satisfies(e -> assertThat(((CalendarValidationException) e).violations())
                        .extracting(CalendarViolation::field).containsExactly("years[1].year"));
    }

    @Test
    void allWeekendDaysOffEverywhereFailsInsteadOfLooping() {
        CalendarYear noWork = new CalendarYear(2024, CalendarYear.DEFAULT_OFFICE_HOURS,
                Set.of(DayOfWeek.values()), List.of(), List.of());
        WorkingCalendar cal = WorkingCalendar.of(List.of(noWork));

        assertThatThrownBy(() -> cal.nextWorkingDay(LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentUseGivesTheSameResults() throws Exception {
        WorkingCalendar cal = WorkingCalendar.of(VietnamCalendars.all());
        DueDateCalculator calc = new DueDateCalculator(cal, CountingRules.defaults());
        DueDate expected = VietnamCalendars.calculator().compute(vn("2027-12-30T10:00"), ProcessingTime.workingDays(40));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DueDate>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> calc.compute(vn("2027-12-30T10:00"), ProcessingTime.workingDays(40))));
            }
            for (Future<DueDate> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
