package vn.motcua.system;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The end-to-end test's calculator against the scenario counted by hand, story by story. */
class ScenarioTest {

    @Test
    void octoberOfUnitACountedByHand() {
        // received A1-A7, A9 (A8 in September); completed A1 A2 A3 A7 A8 A9, late A2 A3 (A3 apologized in time);
        // open at the end A4 (due 27 Oct: overdue) and A5 (due 4 Nov); A6 withdrawn; A8 returned by post
        assertThat(Scenario.expected(Scenario.stories(), Set.of(Scenario.UNIT_A), Scenario.OCTOBER)).isEqualTo(counts(
                8, 1, 1, 1, 6, 2, 2, 1, 4, 1, 6, 1, 3, 1, 2, 1, 1, 1, 4));
    }

    @Test
    void octoberOfUnitBCountedByHand() {
        assertThat(Scenario.expected(Scenario.stories(), Set.of(Scenario.UNIT_B), Scenario.OCTOBER)).isEqualTo(counts(
                3, 1, 1, 0, 2, 1, 1, 1, 1, 0, 2, 0, 2, 0, 1, 1, 0, 0, 1));
    }

    @Test
    void septemberHoldsOnlyTheDossierStillInProgressAtItsEnd() {
        assertThat(Scenario.expected(Scenario.stories(), Set.of(Scenario.UNIT_A), Scenario.SEPTEMBER)).isEqualTo(counts(
                1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void workingDaysSkipWeekends() {
        assertThat(Scenario.addWorkingDays(LocalDate.of(2026, 10, 5), 5)).isEqualTo(LocalDate.of(2026, 10, 12));
        assertThat(Scenario.addWorkingDays(LocalDate.of(2026, 10, 28), 5)).isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(Scenario.subtractWorkingDays(LocalDate.of(2026, 10, 12), 1)).isEqualTo(LocalDate.of(2026, 10, 9));
        assertThat(Scenario.workingDaysBetween(LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 13))).isEqualTo(5);
    }

    private static Map<String, Long> counts(long... v) {
        String[] names = {"received", "receivedOnline", "receivedPostal", "withdrawn", "completed", "late", "inProgress",
                "overdueOpen", "nationalOnTimeCompleted", "nationalNotDueInProgress", "returned", "returnedPostal",
                "lateOrOverdue", "apologizedInTime", "ratings", "satisfied", "dislikedOrComplained", "invalidBallots",
                "earlyOrOnTime"};
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], v[i]);
        }
        return m;
    }
}
