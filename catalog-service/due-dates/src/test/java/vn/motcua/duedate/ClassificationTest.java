package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.duedate.VietnamCalendars.calculator;
import static vn.motcua.duedate.VietnamCalendars.vn;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationTest {

    @ParameterizedTest(name = "{0}: received {1}, completed {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                  | received         | unit            | n   | completed (VN)         | expected
        working days: day before due date       | 2024-03-04T10:00 | WORKING_DAYS    | 3   | 2024-03-06T16:00       | EARLY
        working days: due date before close     | 2024-03-04T10:00 | WORKING_DAYS    | 3   | 2024-03-07T09:00       | ON_TIME
        working days: due date after close      | 2024-03-04T10:00 | WORKING_DAYS    | 3   | 2024-03-07T20:00       | ON_TIME
        working days: next morning              | 2024-03-04T10:00 | WORKING_DAYS    | 3   | 2024-03-08T07:30       | LATE
        working days over Tết: during Tết       | 2024-02-07T10:00 | WORKING_DAYS    | 3   | 2024-02-10T10:00       | EARLY
        working days over Tết: on due date      | 2024-02-07T10:00 | WORKING_DAYS    | 3   | 2024-02-19T16:59       | ON_TIME
        calendar days: last day late evening    | 2024-03-04T10:00 | CALENDAR_DAYS   | 3   | 2024-03-07T23:59:59    | ON_TIME
        calendar days: midnight after last day  | 2024-03-04T10:00 | CALENDAR_DAYS   | 3   | 2024-03-08T00:00       | LATE
        calendar days: on the weekend extension | 2024-03-04T10:00 | CALENDAR_DAYS   | 5   | 2024-03-10T12:00       | EARLY
        calendar days: pushed-to Monday         | 2024-03-04T10:00 | CALENDAR_DAYS   | 5   | 2024-03-11T18:00       | ON_TIME
        immediate: same day                     | 2024-03-04T10:00 | IMMEDIATE       | 0   | 2024-03-04T16:00       | ON_TIME
        immediate: next day                     | 2024-03-04T10:00 | IMMEDIATE       | 0   | 2024-03-05T08:00       | LATE
        immediate after cut-off: same day       | 2024-03-04T15:30 | IMMEDIATE       | 0   | 2024-03-04T16:00       | EARLY
        minutes: one minute before              | 2024-03-04T16:30 | WORKING_MINUTES | 180 | 2024-03-05T09:59       | EARLY
        minutes: exactly at due                 | 2024-03-04T16:30 | WORKING_MINUTES | 180 | 2024-03-05T10:00       | ON_TIME
        minutes: one second after               | 2024-03-04T16:30 | WORKING_MINUTES | 180 | 2024-03-05T10:00:01    | LATE
        hours: same date but later              | 2024-03-04T08:00 | WORKING_HOURS   | 2   | 2024-03-04T10:30       | LATE
        hours: exactly at due                   | 2024-03-04T08:00 | WORKING_HOURS   | 2   | 2024-03-04T10:00       | ON_TIME
        hours: before due                       | 2024-03-04T08:00 | WORKING_HOURS   | 2   | 2024-03-04T09:00       | EARLY
        no deadline: any time                   | 2024-03-04T08:00 | NO_DEADLINE     | 0   | 2030-01-01T00:00       | ON_TIME
        """)
    void classifies(String label, String received, ProcessingTimeUnit unit, int n, String completed,
                    Timeliness expected) {
        DueDate due = calculator().compute(vn(received), new ProcessingTime(n, unit));

        assertThat(calculator().classify(vn(completed), due)).isEqualTo(expected);
    }

    @Test
    void dayBasedComparesDatesInVietnamTimeNotUtc() {
        DueDate due = calculator().compute(vn("2024-03-04T10:00"), ProcessingTime.workingDays(3));

        // 18:30 UTC on 7 March is already 01:30 on 8 March in Vietnam.
        assertThat(calculator().classify(Instant.parse("2024-03-07T18:30:00Z"), due)).isEqualTo(Timeliness.LATE);
        // 16:59 UTC on 7 March is 23:59 on 7 March in Vietnam.
        assertThat(calculator().classify(Instant.parse("2024-03-07T16:59:00Z"), due)).isEqualTo(Timeliness.ON_TIME);
    }

    @Test
    void completionAtTheDueInstantIsAlwaysOnTime() {
        for (ProcessingTime t : new ProcessingTime[] {ProcessingTime.workingDays(2), ProcessingTime.workingHours(3),
            ProcessingTime.workingMinutes(45), ProcessingTime.immediate(), ProcessingTime.calendarDays(6)}) {
            DueDate due = calculator().compute(vn("2024-04-26T14:10"), t);
            Instant at = due.dueAt().orElseThrow().toInstant();
            Instant check = t.unit() == ProcessingTimeUnit.CALENDAR_DAYS && due.dueAt().get().toLocalTime().equals(
                    java.time.LocalTime.MIDNIGHT) ? at.minusNanos(1) : at;
            assertThat(calculator().classify(check, due)).as(t.toString()).isEqualTo(Timeliness.ON_TIME);
        }
    }
}
