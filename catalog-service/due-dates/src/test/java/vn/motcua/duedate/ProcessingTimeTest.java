package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessingTimeTest {

    @ParameterizedTest(name = "{0} x {1} is invalid")
    @CsvSource({
        "WORKING_DAYS, 0", "WORKING_DAYS, -1", "WORKING_HOURS, 0", "WORKING_MINUTES, 0", "CALENDAR_DAYS, 0",
        "IMMEDIATE, 1", "IMMEDIATE, -1", "NO_DEADLINE, 3"
    })
    void rejectsBadAmounts(ProcessingTimeUnit unit, int amount) {
        assertThatThrownBy(() -> new ProcessingTime(amount, unit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unit.name())
                .hasMessageContaining(String.valueOf(amount));
    }

    @Test
    void rejectsNullUnit() {
        assertThatThrownBy(() -> new ProcessingTime(1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit");
    }

    @Test
    void factories() {
        assertThat(ProcessingTime.workingDays(3)).isEqualTo(new ProcessingTime(3, ProcessingTimeUnit.WORKING_DAYS));
        assertThat(ProcessingTime.workingHours(4)).isEqualTo(new ProcessingTime(4, ProcessingTimeUnit.WORKING_HOURS));
        assertThat(ProcessingTime.workingMinutes(5)).isEqualTo(new ProcessingTime(5, ProcessingTimeUnit.WORKING_MINUTES));
        assertThat(ProcessingTime.calendarDays(6)).isEqualTo(new ProcessingTime(6, ProcessingTimeUnit.CALENDAR_DAYS));
        assertThat(ProcessingTime.immediate()).isEqualTo(new ProcessingTime(0, ProcessingTimeUnit.IMMEDIATE));
        assertThat(ProcessingTime.noDeadline()).isEqualTo(new ProcessingTime(0, ProcessingTimeUnit.NO_DEADLINE));
        assertThat(ProcessingTime.workingHours(2).officeDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(ProcessingTime.workingMinutes(90).officeDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> ProcessingTime.workingDays(1).officeDuration())
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0} day based: {1}")
    @CsvSource({
        "WORKING_DAYS, true", "CALENDAR_DAYS, true", "IMMEDIATE, true",
        "WORKING_HOURS, false", "WORKING_MINUTES, false", "NO_DEADLINE, false"
    })
    void dayBased(ProcessingTimeUnit unit, boolean expected) {
        int amount = unit == ProcessingTimeUnit.IMMEDIATE || unit == ProcessingTimeUnit.NO_DEADLINE ? 0 : 1;
        assertThat(new ProcessingTime(amount, unit).isDayBased()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} {0} = {2} nominal minutes")
    @CsvSource({
        "WORKING_DAYS, 3, 1350",
        "WORKING_HOURS, 4, 240",
        "WORKING_MINUTES, 90, 90",
        "CALENDAR_DAYS, 7, 2250",
        "CALENDAR_DAYS, 1, 321",
        "CALENDAR_DAYS, 3, 964",
        "IMMEDIATE, 0, 0",
        "NO_DEADLINE, 0, 9223372036854775807"
    })
    void nominalOfficeMinutes(ProcessingTimeUnit unit, int amount, long expected) {
        assertThat(new ProcessingTime(amount, unit).nominalOfficeMinutes(450)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} shorter than {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        WORKING_DAYS,2      | WORKING_DAYS,3      | true
        WORKING_DAYS,3      | WORKING_DAYS,3      | false
        WORKING_HOURS,7     | WORKING_DAYS,1      | true
        WORKING_HOURS,8     | WORKING_DAYS,1      | false
        WORKING_MINUTES,449 | WORKING_DAYS,1      | true
        WORKING_DAYS,5      | CALENDAR_DAYS,7     | false
        WORKING_DAYS,4      | CALENDAR_DAYS,7     | true
        CALENDAR_DAYS,10    | WORKING_DAYS,8      | true
        IMMEDIATE,0         | WORKING_MINUTES,1   | true
        WORKING_DAYS,1000   | NO_DEADLINE,0       | true
        NO_DEADLINE,0       | NO_DEADLINE,0       | false
        NO_DEADLINE,0       | WORKING_DAYS,1      | false
        """)
    void isShorterThan(String a, String b, boolean expected) {
        assertThat(parse(a).isShorterThan(parse(b), 450)).isEqualTo(expected);
    }

    @Test
    void negativeOfficeDayIsRejected() {
        assertThatThrownBy(() -> ProcessingTime.workingDays(1).nominalOfficeMinutes(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProcessingTime parse(String s) {
        String[] parts = s.split(",");
        return new ProcessingTime(Integer.parseInt(parts[1]), ProcessingTimeUnit.valueOf(parts[0]));
    }
}
