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

    /** 10 received, 10 completed, the progress counts unchanged; only the portal indicators vary. */
    static Counts withPortal(Counts.Indicators portal) {
        Counts c = counts(10, 4, 8, 3, 4, 1, 2, 1, 7, 1, 5, 1);
        return new Counts(c.received(), c.receivedOnline(), 0, 0, 0, 0, 0, c.completed(), c.early(), c.onTime(),
                c.late(), c.inProgress(), c.overdueOpen(), c.nationalOnTimeCompleted(), c.nationalNotDueInProgress(),
                0, 0, c.lateOrOverdue(), 0, BigDecimal.ZERO, 0, c.ratings(), c.satisfied(), c.dislikedOrComplained(),
                0, 0, 0, 0, 0, 0, portal);
    }

    static Decision766.GroupScore group(Decision766.Score s, Decision766.Group g) {
        return s.groups().stream().filter(x -> x.group() == g).findFirst().orElseThrow();
    }

    @Test
    void onlinePaymentDigitisationAndSyncScoreByTheirFormulas() {
        // 8 dossiers paid a fee, 6 online; 10 received said what was digitised, 7 all digitised; 10 results said how
        // they were issued, 9 electronically; the portal answered for all 10 received, 9 accepted
        Decision766.Score s = d766.score(withPortal(new Counts.Indicators(8, 6, 10, 7, 10, 9, 10, 9)));

        Decision766.GroupScore payment = group(s, Decision766.Group.ONLINE_PAYMENT);
        assertThat(payment.points()).isEqualByComparingTo("7.50"); // 10 × 6/8
        assertThat(payment.measuredMaxPoints()).isEqualTo(10);
        // 11 × min(1, 0.7 ÷ 0.8) + 11 × min(1, 0.9 ÷ 0.8) = 9.625 + 11
        Decision766.GroupScore digitisation = group(s, Decision766.Group.DIGITISATION);
        assertThat(digitisation.points()).isEqualByComparingTo("20.63");
        assertThat(digitisation.measuredMaxPoints()).isEqualTo(22);
        // of the 18 publicity points only the 6 of indicator 1.4 are measured: 6 × 9/10
        Decision766.GroupScore publicity = group(s, Decision766.Group.PUBLICITY);
        assertThat(publicity.points()).isEqualByComparingTo("5.40");
        assertThat(publicity.maxPoints()).isEqualTo(18);
        assertThat(publicity.measuredMaxPoints()).isEqualTo(6);
        assertThat(s.measuredMaxPoints()).isEqualTo(50 + 10 + 22 + 6);
        assertThat(s.measuredPoints()).isEqualByComparingTo("65.13"); // 31.6 + 7.5 + 20.63 + 5.4

        Figures f = Figures.of(withPortal(new Counts.Indicators(8, 6, 10, 7, 10, 9, 10, 9)));
        assertThat(f.onlinePaymentRate()).isEqualByComparingTo("75.00");
        assertThat(f.digitisedRate()).isEqualByComparingTo("70.00");
        assertThat(f.electronicResultRate()).isEqualByComparingTo("90.00");
        assertThat(f.portalSyncRate()).isEqualByComparingTo("90.00");
    }

    @Test
    void withoutPortalPaymentOrDigitisationDataThoseStayNotMeasuredNeverZero() {
        // dossiers received and completed, but no event said a channel, a digitisation or a result's form, and the
        // portal has answered for none of them
        Decision766.Score s = d766.score(withPortal(Counts.Indicators.NONE));

        for (Decision766.Group g : new Decision766.Group[]{Decision766.Group.PUBLICITY, Decision766.Group.ONLINE_PAYMENT,
                Decision766.Group.DIGITISATION}) {
            assertThat(group(s, g).measured()).as(g.name()).isFalse();
            assertThat(group(s, g).points()).as(g.name()).isNull();
        }
        Figures f = Figures.of(withPortal(Counts.Indicators.NONE));
        assertThat(f.onlinePaymentRate()).isNull();
        assertThat(f.digitisedRate()).isNull();
        assertThat(f.electronicResultRate()).isNull();
        assertThat(f.portalSyncRate()).isNull();
    }

    @Test
    void aPortalThatAnsweredForNoneOfTenReceivedStillMeasuresTheOthersAndADigitisationIndicatorWithoutDataIsLeftOut() {
        // the portal answered for 1 of 10 received, refusing it: 0 synchronised, measured, 0 points
        // only results said their form (4 of 4 electronic): digitisation is measured out of 11, not 22
        Decision766.Score s = d766.score(withPortal(new Counts.Indicators(0, 0, 0, 0, 4, 4, 1, 0)));

        assertThat(group(s, Decision766.Group.PUBLICITY).points()).isEqualByComparingTo("0.00");
        assertThat(group(s, Decision766.Group.PUBLICITY).measured()).isTrue();
        assertThat(group(s, Decision766.Group.DIGITISATION).points()).isEqualByComparingTo("11.00");
        assertThat(group(s, Decision766.Group.DIGITISATION).measuredMaxPoints()).isEqualTo(11);
        assertThat(group(s, Decision766.Group.ONLINE_PAYMENT).measured()).isFalse();
    }
}
