package vn.motcua.reporting.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class Decision766Test {
    final Decision766 d766 = new Decision766(Decision766.DEFAULT_POINTS);

    static Counts counts(long received, long online, long completed, long early, long onTime, long late, long inProgress,
                         long overdueOpen, long natOnTime, long natNotDue, long ratings, long disliked) {
        return new Counts(received, online, 0, 0, 0, 0, 0, completed, early, onTime, late, inProgress, overdueOpen,
                natOnTime, natNotDue, 0, 0, late + overdueOpen, 0, BigDecimal.ZERO, 0, ratings, ratings - disliked,
                disliked, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void measuredGroupsScoreByTheirFormulaAndTheOthersAreNotMeasured() {
        // 10 received, 4 online; 8 completed (3 early, 4 on time, 1 late), 2 in progress (1 overdue);
        // national: 7 completed on time + 1 in progress not due = 8 of 10; 5 ratings, 1 disliked
        Decision766.Score s = d766.score(counts(10, 4, 8, 3, 4, 1, 2, 1, 7, 1, 5, 1));
        assertThat(s.groups()).filteredOn(g -> g.group() == Decision766.Group.PROGRESS).first()
                .satisfies(g -> assertThat(g.points()).isEqualByComparingTo("16.00")); // 20 × 0.8
        assertThat(s.groups()).filteredOn(g -> g.group() == Decision766.Group.ONLINE_SERVICE).first()
                .satisfies(g -> assertThat(g.points()).isEqualByComparingTo("4.80")); // 12 × 0.4
        // 18 × (1 − (2/10 + 1/5)) = 10.8
        assertThat(s.groups()).filteredOn(g -> g.group() == Decision766.Group.SATISFACTION).first()
                .satisfies(g -> assertThat(g.points()).isEqualByComparingTo("10.80"));
        assertThat(s.groups()).filteredOn(g -> !g.measured()).extracting(Decision766.GroupScore::group)
                .containsExactlyInAnyOrder(Decision766.Group.PUBLICITY, Decision766.Group.ONLINE_PAYMENT,
                        Decision766.Group.DIGITISATION);
        assertThat(s.groups()).filteredOn(g -> !g.measured()).allSatisfy(g -> assertThat(g.points()).isNull());
        assertThat(s.measuredMaxPoints()).isEqualTo(50);
        assertThat(s.scorePercent()).isEqualByComparingTo("63.20"); // 31.6 / 50
        assertThat(Figures.of(counts(10, 4, 8, 3, 4, 1, 2, 1, 7, 1, 5, 1)).circular01Score())
                .isEqualByComparingTo("1.3"); // (6 + 4) / 8 = 1.25 → 1.3
    }

    @Test
    void withoutDossiersNothingIsMeasuredAndRatesAreNullNotZero() {
        Decision766.Score s = d766.score(Counts.ZERO);
        assertThat(s.scorePercent()).isNull();
        assertThat(s.groups()).noneMatch(Decision766.GroupScore::measured);
        Figures f = Figures.of(Counts.ZERO);
        assertThat(f.onTimeRate()).isNull();
        assertThat(f.nationalOnTimeRate()).isNull();
        assertThat(f.circular01Score()).isNull();
    }
}
