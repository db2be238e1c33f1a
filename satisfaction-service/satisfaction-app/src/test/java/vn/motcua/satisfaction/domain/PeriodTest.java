package vn.motcua.satisfaction.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {
    @ParameterizedTest
    @CsvSource({
            "2026-11, 2026-10-31T17:00:00Z, 2026-11-30T17:00:00Z",
            "2026-02, 2026-01-31T17:00:00Z, 2026-02-28T17:00:00Z",
            "2026-Q4, 2026-09-30T17:00:00Z, 2026-12-31T17:00:00Z",
            "2026-Q1, 2025-12-31T17:00:00Z, 2026-03-31T17:00:00Z",
            "2026,    2025-12-31T17:00:00Z, 2026-12-31T17:00:00Z"})
    void periods_run_from_the_first_day_00_00_to_the_last_day_24_00_vietnam_time(String text, String from, String to) {
        Period p = Period.parse(text).orElseThrow();
        assertThat(p.start()).isEqualTo(Instant.parse(from));
        assertThat(p.end()).isEqualTo(Instant.parse(to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-13", "2026-Q5", "2026-1", "26", "2026-11-01", "november"})
    void anything_else_is_not_a_period(String text) {
        assertThat(Period.parse(text)).isEmpty();
    }
}
