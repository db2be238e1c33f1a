package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.duedate.VietnamCalendars.calculator;
import static vn.motcua.duedate.VietnamCalendars.vn;
import static vn.motcua.duedate.VietnamCalendars.zoned;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Due dates over the real 2024-2026 Vietnamese calendars; all times are Vietnam local time. */
class DueDateCalculatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                                  | received            | unit            | n   | due at              | due date
        DOMAIN: Monday 10:00 + 3 working days                   | 2024-03-04T10:00    | WORKING_DAYS    | 3   | 2024-03-07T17:00    | 2024-03-07
        received at 07:30 sharp, 1 working day                  | 2024-03-04T07:30    | WORKING_DAYS    | 1   | 2024-03-05T17:00    | 2024-03-05
        across Tết 2024 (8-14 Feb off)                          | 2024-02-07T10:00    | WORKING_DAYS    | 3   | 2024-02-19T17:00    | 2024-02-19
        received on a Tết holiday 2024                          | 2024-02-09T09:00    | WORKING_DAYS    | 2   | 2024-02-19T17:00    | 2024-02-19
        across Tết 2025 (27-31 Jan off)                         | 2025-01-24T15:00    | WORKING_DAYS    | 1   | 2025-02-03T17:00    | 2025-02-03
        across Tết 2026 (16-20 Feb off)                         | 2026-02-13T10:00    | WORKING_DAYS    | 1   | 2026-02-23T17:00    | 2026-02-23
        across Hùng Kings 2024 (Thu 18 Apr)                     | 2024-04-17T14:00    | WORKING_DAYS    | 2   | 2024-04-22T17:00    | 2024-04-22
        across Hùng Kings 2025 (Mon 7 Apr)                      | 2025-04-04T14:00    | WORKING_DAYS    | 1   | 2025-04-08T17:00    | 2025-04-08
        across Hùng Kings 2026 compensatory Mon 27 Apr          | 2026-04-24T10:00    | WORKING_DAYS    | 1   | 2026-04-28T17:00    | 2026-04-28
        30/4 2024: swap 29 Apr, extra Saturday 4 May counted    | 2024-04-26T10:00    | WORKING_DAYS    | 3   | 2024-05-04T17:00    | 2024-05-04
        received on extra working Saturday 4 May 2024           | 2024-05-04T08:00    | WORKING_DAYS    | 1   | 2024-05-06T17:00    | 2024-05-06
        30/4 2025: extra working Saturday 26 Apr counted        | 2025-04-25T10:00    | WORKING_DAYS    | 2   | 2025-04-28T17:00    | 2025-04-28
        30/4 2025: 30 Apr, 1 May, swapped 2 May off             | 2025-04-29T09:00    | WORKING_DAYS    | 1   | 2025-05-05T17:00    | 2025-05-05
        30/4 2026: Thu and Fri off                              | 2026-04-29T10:00    | WORKING_DAYS    | 1   | 2026-05-04T17:00    | 2026-05-04
        2 September 2024 (Mon 2, Tue 3 off)                     | 2024-08-30T10:00    | WORKING_DAYS    | 1   | 2024-09-04T17:00    | 2024-09-04
        2 September 2025 (Mon 1, Tue 2 off)                     | 2025-08-29T10:00    | WORKING_DAYS    | 1   | 2025-09-03T17:00    | 2025-09-03
        2 September 2026 (Tue 1, Wed 2 off)                     | 2026-08-31T10:00    | WORKING_DAYS    | 1   | 2026-09-03T17:00    | 2026-09-03
        year boundary 2024-2025                                 | 2024-12-31T10:00    | WORKING_DAYS    | 2   | 2025-01-03T17:00    | 2025-01-03
        year boundary 2025-2026 with swapped 2 Jan              | 2025-12-31T16:00    | WORKING_DAYS    | 2   | 2026-01-06T17:00    | 2026-01-06
        extra working Saturday 10 Jan 2026 counted              | 2026-01-09T10:00    | WORKING_DAYS    | 1   | 2026-01-10T17:00    | 2026-01-10
        received after close: next day is reception day        | 2024-03-04T17:30    | WORKING_DAYS    | 1   | 2024-03-06T17:00    | 2024-03-06
        received exactly at 11:30: counts from 13:30 same day   | 2024-03-04T11:30    | WORKING_DAYS    | 1   | 2024-03-05T17:00    | 2024-03-05
        received on a Saturday                                  | 2024-03-09T10:00    | WORKING_DAYS    | 1   | 2024-03-12T17:00    | 2024-03-12
        20 working days over Tết 2024                           | 2024-01-25T09:00    | WORKING_DAYS    | 20  | 2024-02-29T17:00    | 2024-02-29
        DOMAIN: 16:30 + 180 working minutes                     | 2024-03-04T16:30    | WORKING_MINUTES | 180 | 2024-03-05T10:00    | 2024-03-05
        minutes across lunch                                    | 2024-03-04T10:00    | WORKING_MINUTES | 120 | 2024-03-04T14:00    | 2024-03-04
        minutes ending exactly at 11:30 stay at 11:30           | 2024-03-04T10:00    | WORKING_MINUTES | 90  | 2024-03-04T11:30    | 2024-03-04
        minutes ending exactly at close                         | 2024-03-04T16:00    | WORKING_MINUTES | 60  | 2024-03-04T17:00    | 2024-03-04
        minutes received during lunch                           | 2024-03-04T12:00    | WORKING_MINUTES | 30  | 2024-03-04T14:00    | 2024-03-04
        minutes received exactly at 17:00                       | 2024-03-04T17:00    | WORKING_MINUTES | 1   | 2024-03-05T07:31    | 2024-03-05
        minutes received on a Sunday: one full office day       | 2024-03-10T10:00    | WORKING_MINUTES | 450 | 2024-03-11T17:00    | 2024-03-11
        minutes received on Hùng Kings day 2024                 | 2024-04-18T09:00    | WORKING_MINUTES | 60  | 2024-04-19T08:30    | 2024-04-19
        hours across a weekend                                  | 2024-03-08T15:00    | WORKING_HOURS   | 4   | 2024-03-11T09:30    | 2024-03-11
        hours across Tết 2024                                   | 2024-02-07T16:00    | WORKING_HOURS   | 8   | 2024-02-15T16:30    | 2024-02-15
        hours into extra working Saturday 4 May 2024            | 2024-05-03T16:00    | WORKING_HOURS   | 2   | 2024-05-04T08:30    | 2024-05-04
        hours across the 2024-2025 year boundary                | 2024-12-31T16:00    | WORKING_HOURS   | 2   | 2025-01-02T08:30    | 2025-01-02
        hours across 2 September 2025                           | 2025-08-29T16:30    | WORKING_HOURS   | 1   | 2025-09-03T08:00    | 2025-09-03
        hours across 30/4 2025 with swapped 2 May               | 2025-04-29T16:00    | WORKING_HOURS   | 2   | 2025-05-05T08:30    | 2025-05-05
        calendar days ending on a working Thursday              | 2024-03-04T10:00    | CALENDAR_DAYS   | 3   | 2024-03-08T00:00    | 2024-03-07
        calendar days ending on a Saturday                      | 2024-03-04T10:00    | CALENDAR_DAYS   | 5   | 2024-03-11T17:00    | 2024-03-11
        calendar days ending on Hùng Kings day 2024             | 2024-04-15T10:00    | CALENDAR_DAYS   | 3   | 2024-04-19T17:00    | 2024-04-19
        calendar days ending on 30 Apr 2024                     | 2024-04-25T10:00    | CALENDAR_DAYS   | 5   | 2024-05-02T17:00    | 2024-05-02
        calendar days over Tết 2024 count the days off          | 2024-02-05T10:00    | CALENDAR_DAYS   | 10  | 2024-02-16T00:00    | 2024-02-15
        calendar days ending inside Tết 2024                    | 2024-02-02T10:00    | CALENDAR_DAYS   | 7   | 2024-02-15T17:00    | 2024-02-15
        calendar days ending on extra working Saturday          | 2024-04-22T10:00    | CALENDAR_DAYS   | 12  | 2024-05-05T00:00    | 2024-05-04
        calendar days ending on New Year's Day 2025             | 2024-12-27T10:00    | CALENDAR_DAYS   | 5   | 2025-01-02T17:00    | 2025-01-02
        calendar days ending on 1 September 2025                | 2025-08-29T10:00    | CALENDAR_DAYS   | 3   | 2025-09-03T17:00    | 2025-09-03
        calendar days received on 2 September 2024              | 2024-09-02T10:00    | CALENDAR_DAYS   | 2   | 2024-09-07T00:00    | 2024-09-06
        immediate before 15:00                                  | 2024-03-04T10:00    | IMMEDIATE       | 0   | 2024-03-04T17:00    | 2024-03-04
        immediate exactly at 15:00 is same day                  | 2024-03-04T15:00    | IMMEDIATE       | 0   | 2024-03-04T17:00    | 2024-03-04
        immediate after 15:00                                   | 2024-03-04T15:01    | IMMEDIATE       | 0   | 2024-03-05T17:00    | 2024-03-05
        immediate on Friday after 15:00                         | 2024-03-08T16:00    | IMMEDIATE       | 0   | 2024-03-11T17:00    | 2024-03-11
        immediate received after close                          | 2024-03-04T18:00    | IMMEDIATE       | 0   | 2024-03-05T17:00    | 2024-03-05
        immediate after 15:00 before 30/4 2024                  | 2024-04-26T15:30    | IMMEDIATE       | 0   | 2024-05-02T17:00    | 2024-05-02
        immediate after 15:00 on the eve of Tết 2024            | 2024-02-07T16:00    | IMMEDIATE       | 0   | 2024-02-15T17:00    | 2024-02-15
        immediate on extra working Saturday after 15:00         | 2024-05-04T15:30    | IMMEDIATE       | 0   | 2024-05-06T17:00    | 2024-05-06
        immediate received on a holiday                         | 2025-04-30T10:00    | IMMEDIATE       | 0   | 2025-05-05T17:00    | 2025-05-05
        no deadline                                             | 2024-03-04T10:00    | NO_DEADLINE     | 0   |                     |
        """)
    void computesDueDates(String label, String received, ProcessingTimeUnit unit, int amount,
                          String expectedDueAt, LocalDate expectedDueDate) {
        DueDate due = calculator().compute(vn(received), new ProcessingTime(amount, unit));

        if (expectedDueAt == null) {
            assertThat(due.dueAt()).isEmpty();
            assertThat(due.dueDate()).isEmpty();
        } else {
            assertThat(due.dueAt()).contains(zoned(expectedDueAt));
            assertThat(due.dueDate()).contains(expectedDueDate);
        }
        assertThat(due.receivedAt()).isEqualTo(vn(received));
        assertThat(due.calendarDataMissing()).isFalse();
        assertThat(due.explanation()).isNotEmpty();
    }

    @ParameterizedTest(name = "received {0} -> counting starts {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # received          | counting starts     | reception day
        2024-03-04T10:00    | 2024-03-04T10:00    | 2024-03-04
        2024-03-04T07:29    | 2024-03-04T07:30    | 2024-03-04
        2024-03-04T06:00    | 2024-03-04T07:30    | 2024-03-04
        2024-03-04T11:30    | 2024-03-04T13:30    | 2024-03-04
        2024-03-04T11:29:59 | 2024-03-04T11:29:59 | 2024-03-04
        2024-03-04T12:15    | 2024-03-04T13:30    | 2024-03-04
        2024-03-04T17:00    | 2024-03-05T07:30    | 2024-03-05
        2024-03-04T23:59    | 2024-03-05T07:30    | 2024-03-05
        2024-03-08T17:00    | 2024-03-11T07:30    | 2024-03-11
        2024-03-09T10:00    | 2024-03-11T07:30    | 2024-03-11
        2024-02-07T17:30    | 2024-02-15T07:30    | 2024-02-15
        2024-02-10T09:00    | 2024-02-15T07:30    | 2024-02-15
        2024-04-18T09:00    | 2024-04-19T07:30    | 2024-04-19
        2024-05-04T10:00    | 2024-05-04T10:00    | 2024-05-04
        2024-05-04T06:00    | 2024-05-04T07:30    | 2024-05-04
        2024-05-03T18:00    | 2024-05-04T07:30    | 2024-05-04
        2025-05-02T09:00    | 2025-05-05T07:30    | 2025-05-05
        2024-12-31T17:00    | 2025-01-02T07:30    | 2025-01-02
        2026-01-01T10:00    | 2026-01-05T07:30    | 2026-01-05
        """)
    void normalizesReception(String received, String countingStarts, LocalDate receptionDay) {
        DueDate due = calculator().compute(vn(received), ProcessingTime.workingDays(1));

        assertThat(due.countingStartsAt()).isEqualTo(zoned(countingStarts));
        assertThat(due.receptionDay()).isEqualTo(receptionDay);
        assertThat(VietnamCalendars.calendar().startOfNextWorkingPeriod(vn(received)))
                .isEqualTo(zoned(countingStarts));
    }

    @ParameterizedTest(name = "paper received {0} -> at unit by {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # received          | deadline
        2024-03-04T10:00    | 2024-03-04T17:00
        2024-03-04T15:00    | 2024-03-04T17:00
        2024-03-04T15:00:01 | 2024-03-05T07:30
        2024-03-04T15:30    | 2024-03-05T07:30
        2024-03-04T11:30    | 2024-03-04T17:00
        2024-03-04T18:00    | 2024-03-05T17:00
        2024-03-04T06:00    | 2024-03-04T17:00
        2024-03-08T15:30    | 2024-03-11T07:30
        2024-03-09T10:00    | 2024-03-11T17:00
        2024-04-26T16:00    | 2024-05-02T07:30
        2024-02-07T15:30    | 2024-02-15T07:30
        2024-05-03T16:00    | 2024-05-04T07:30
        2024-05-04T15:30    | 2024-05-06T07:30
        2025-12-31T15:30    | 2026-01-05T07:30
        """)
    void paperTransferDeadline(String received, String deadline) {
        assertThat(calculator().paperTransferDeadline(vn(received))).isEqualTo(zoned(deadline));
    }

    @Test
    void paperTransferCutoffIsConfigurable() {
        DueDateCalculator calc = new DueDateCalculator(VietnamCalendars.calendar(),
                new CountingRules(LocalTime.of(15, 0), LocalTime.of(16, 0)));

        assertThat(calc.paperTransferDeadline(vn("2024-03-04T15:30"))).isEqualTo(zoned("2024-03-04T17:00"));
        assertThat(calc.paperTransferDeadline(vn("2024-03-04T16:01"))).isEqualTo(zoned("2024-03-05T07:30"));
    }

    @Test
    void immediateCutoffIsConfigurable() {
        DueDateCalculator calc = new DueDateCalculator(VietnamCalendars.calendar(),
                new CountingRules(LocalTime.of(11, 0), LocalTime.of(15, 0)));

        assertThat(calc.compute(vn("2024-03-04T11:00"), ProcessingTime.immediate()).dueAt())
                .contains(zoned("2024-03-04T17:00"));
        assertThat(calc.compute(vn("2024-03-04T11:15"), ProcessingTime.immediate()).dueAt())
                .contains(zoned("2024-03-05T17:00"));
    }

    @Test
    void defaultsAreFifteenHundred() {
        assertThat(CountingRules.defaults())
                .isEqualTo(new CountingRules(LocalTime.of(15, 0), LocalTime.of(15, 0)));
    }

    @Test
    void noDeadlineStillRecordsReception() {
        DueDate due = calculator().compute(vn("2024-03-09T10:00"), ProcessingTime.noDeadline());

        assertThat(due.hasDeadline()).isFalse();
        assertThat(due.countingStartsAt()).isEqualTo(zoned("2024-03-11T07:30"));
        assertThat(due.receptionDay()).isEqualTo(LocalDate.of(2024, 3, 11));
        assertThat(due.skippedDays()).isEmpty();
        assertThat(due.explanation()).anyMatch(s -> s.contains("no deadline"));
    }

    @Test
    void largeCountsWalkByPeriodsNotMinutes() {
        // About eleven years of office time; must finish well within the test timeout.
        long start = System.nanoTime();
        DueDate due = calculator().compute(vn("2024-01-02T08:00"), ProcessingTime.workingMinutes(1_000_000));
        DueDate days = calculator().compute(vn("2024-01-02T08:00"), ProcessingTime.workingDays(2_000));

        assertThat(due.dueAt()).isPresent();
        assertThat(days.dueAt()).isPresent();
        assertThat(due.calendarDataMissing()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
