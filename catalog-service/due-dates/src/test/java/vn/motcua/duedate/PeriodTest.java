package vn.motcua.duedate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "2026-10-05, DAY, 2026-10-04T17:00:00Z, 2026-10-05T17:00:00Z",
            "2026-10, MONTH, 2026-09-30T17:00:00Z, 2026-10-31T17:00:00Z",
            "2026-Q4, QUARTER, 2026-09-30T17:00:00Z, 2026-12-31T17:00:00Z",
            "2026-q1, QUARTER, 2025-12-31T17:00:00Z, 2026-03-31T17:00:00Z",
            "2026, YEAR, 2025-12-31T17:00:00Z, 2026-12-31T17:00:00Z"})
    void aPeriodRunsFromItsFirstDayToItsLastDayAtMidnightVietnamTime(String text, Period.Granularity g, String start,
                                                                     String end) {
        Period p = Period.parse(text);
        assertThat(p.granularity()).isEqualTo(g);
        assertThat(p.start()).isEqualTo(Instant.parse(start));
        assertThat(p.end()).isEqualTo(Instant.parse(end));
        assertThat(Period.parse(p.toString())).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-13", "2026-Q5", "2026-02-30", "26-10", "october", "2026-10-5"})
    void anythingElseIsRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).{10,}");
    }

    @Test
    void aRangeListsEveryPeriodOfTheSameKind() {
        assertThat(Period.parse("2026-11").through(Period.parse("2027-02"), 100)).extracting(Period::toString)
                .containsExactly("2026-11", "2026-12", "2027-01", "2027-02");
        assertThatThrownBy(() -> Period.parse("2026-11").through(Period.parse("2026-Q4"), 100))
                .hasMessageContaining("same kind");
        assertThatThrownBy(() -> Period.parse("2026-11").through(Period.parse("2026-10"), 100))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> Period.parse("2020-01").through(Period.parse("2026-10"), 12))
                .hasMessageContaining("at most 12");
    }
}
