package vn.motcua.reporting.query;

import org.junit.jupiter.api.Test;
import vn.motcua.duedate.Period;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Which closed periods the refresher keeps summarised: recent months, and their quarters and years once over. */
class SummaryRefresherPeriodsTest {

    static Instant vn(String at) {
        return LocalDateTime.parse(at).atZone(Period.VIETNAM).toInstant();
    }

    @Test
    void inMidJanuaryTheLastMonthsTheirClosedQuartersAndLastYear() {
        assertThat(SummaryRefresher.recentClosedPeriods(vn("2027-01-15T10:00"), 4)).extracting(Period::toString)
                .containsExactly("2026-12", "2026-11", "2026-10", "2026-09", "2026-Q4", "2026-Q3", "2026");
    }

    @Test
    void aQuarterOrYearStillRunningIsNotSummarised() {
        assertThat(SummaryRefresher.recentClosedPeriods(vn("2026-11-20T10:00"), 2)).extracting(Period::toString)
                .containsExactly("2026-10", "2026-09", "2026-Q3");
    }

    @Test
    void theFirstMinuteOfAMonthClosesThePreviousOne() {
        // Vietnam midnight on 1 October: September and the third quarter are over, the year is not
        assertThat(SummaryRefresher.recentClosedPeriods(vn("2026-10-01T00:00"), 1)).extracting(Period::toString)
                .containsExactly("2026-09", "2026-Q3");
    }
}
