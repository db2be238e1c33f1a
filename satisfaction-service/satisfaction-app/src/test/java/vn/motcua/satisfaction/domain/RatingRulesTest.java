package vn.motcua.satisfaction.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.motcua.satisfaction.domain.RatingRules.Outcome;
import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.events.RatingChannel;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Given what is known of the dossier, when a rating arrives (or waited), then this is what becomes of it. */
class RatingRulesTest {
    static final Instant RETURNED_AT = Instant.parse("2026-11-23T03:00:00Z"); // 10:00 Vietnam time
    static final RatingRules RULES = new RatingRules(Duration.ofDays(30), Duration.ofHours(24), Duration.ofMinutes(10));

    static DossierInfo open(String channel) {
        return new DossierInfo(UUID.randomUUID(), "000.00.20.H40-261120-0001", "000.00.20.H40", "000.20.20.H40",
                channel, DossierInfo.State.OPEN, null);
    }

    static DossierInfo returned(String channel) {
        return new DossierInfo(UUID.randomUUID(), "000.00.20.H40-261120-0001", "000.00.20.H40", "000.20.20.H40",
                channel, DossierInfo.State.RETURNED, RETURNED_AT);
    }

    static DossierInfo closed() {
        return new DossierInfo(UUID.randomUUID(), "000.00.20.H40-261120-0001", "000.00.20.H40", "000.20.20.H40",
                "COUNTER", DossierInfo.State.CLOSED, null);
    }

    @Nested
    class Submitted {
        @Test
        void a_first_rating_of_a_returned_dossier_is_valid() {
            Instant now = RETURNED_AT.plusSeconds(60);
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.QR, now, null, now))
                    .isEqualTo(new Outcome.Valid());
        }

        @Test
        void a_second_digital_rating_is_refused_to_the_caller_and_nothing_is_kept() {
            Instant now = RETURNED_AT.plusSeconds(60);
            assertThat(RULES.submit(returned("COUNTER"), true, RatingChannel.KIOSK, now, null, now))
                    .isEqualTo(new Outcome.Refused(InvalidReason.DUPLICATE));
        }

        @Test
        void a_second_paper_ballot_is_kept_as_a_duplicate() {
            Instant now = RETURNED_AT.plus(Duration.ofDays(2));
            Outcome o = RULES.submit(returned("COUNTER"), true, RatingChannel.PAPER, RETURNED_AT, null, now);
            assertThat(o).isEqualTo(new Outcome.Kept(InvalidReason.DUPLICATE));
            assertThat(((Outcome.Kept) o).status()).isEqualTo(BallotStatus.DUPLICATE);
        }

        @Test
        void an_unusable_paper_ballot_is_invalid_even_when_the_dossier_is_already_rated() {
            Instant now = RETURNED_AT.plus(Duration.ofDays(2));
            assertThat(RULES.submit(returned("COUNTER"), true, RatingChannel.PAPER, RETURNED_AT,
                    InvalidReason.MULTIPLE_MARKS, now)).isEqualTo(new Outcome.Kept(InvalidReason.MULTIPLE_MARKS));
        }

        @Test
        void a_dossier_not_seen_as_returned_makes_the_rating_wait_for_the_grace_period() {
            Instant now = RETURNED_AT;
            assertThat(RULES.submit(open("COUNTER"), false, RatingChannel.QR, now, null, now))
                    .isEqualTo(new Outcome.Pending(now.plus(Duration.ofHours(24))));
            assertThat(RULES.submit(null, false, RatingChannel.KIOSK, now, null, now))
                    .isEqualTo(new Outcome.Pending(now.plus(Duration.ofHours(24))));
        }

        @Test
        void an_unusable_ballot_for_an_unknown_dossier_waits_too_it_must_be_counted_for_the_right_unit() {
            assertThat(RULES.submit(null, false, RatingChannel.PAPER, RETURNED_AT, InvalidReason.INCOMPLETE, RETURNED_AT))
                    .isInstanceOf(Outcome.Pending.class);
        }

        @Test
        void the_rating_window_closes_30_days_after_the_return() {
            Instant last = RETURNED_AT.plus(Duration.ofDays(30));
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.QR, last, null, last))
                    .isEqualTo(new Outcome.Valid());
            Instant late = last.plusSeconds(1);
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.QR, late, null, late))
                    .isEqualTo(new Outcome.Refused(InvalidReason.WINDOW_CLOSED));
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.PAPER, late, null, late))
                    .isEqualTo(new Outcome.Kept(InvalidReason.WINDOW_CLOSED));
        }

        @Test
        void online_ratings_are_for_dossiers_submitted_online() {
            Instant now = RETURNED_AT.plusSeconds(5);
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.ONLINE, now, null, now))
                    .isEqualTo(new Outcome.Refused(InvalidReason.NOT_ONLINE_DOSSIER));
            assertThat(RULES.submit(returned("ONLINE"), false, RatingChannel.ONLINE, now, null, now))
                    .isEqualTo(new Outcome.Valid());
        }

        @ParameterizedTest
        @EnumSource(RatingChannel.class)
        void a_dossier_that_ended_without_a_result_cannot_be_rated(RatingChannel channel) {
            Outcome o = RULES.submit(closed(), false, channel, RETURNED_AT, null, RETURNED_AT);
            assertThat(o).isEqualTo(channel == RatingChannel.PAPER
                    ? new Outcome.Kept(InvalidReason.CLOSED_WITHOUT_RESULT)
                    : new Outcome.Refused(InvalidReason.CLOSED_WITHOUT_RESULT));
        }

        @Test
        void a_digital_rating_may_precede_the_recorded_return_by_the_tolerance_only() {
            Instant slightlyEarly = RETURNED_AT.minus(Duration.ofMinutes(9));
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.KIOSK, slightlyEarly, null, RETURNED_AT))
                    .isEqualTo(new Outcome.Valid());
            Instant early = RETURNED_AT.minus(Duration.ofMinutes(11));
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.KIOSK, early, null, RETURNED_AT))
                    .isEqualTo(new Outcome.Refused(InvalidReason.NOT_RETURNED));
        }

        @Test
        void answers_entered_by_an_officer_compare_the_day_they_were_given_with_the_day_of_return() {
            Instant sameDayMorning = Instant.parse("2026-11-23T00:30:00Z"); // 07:30 the day of return
            Instant dayBefore = Instant.parse("2026-11-22T09:00:00Z"); // 16:00 the day before
            Instant now = RETURNED_AT.plus(Duration.ofDays(1));
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.PAPER, sameDayMorning, null, now))
                    .isEqualTo(new Outcome.Valid());
            assertThat(RULES.submit(returned("COUNTER"), false, RatingChannel.PHONE, dayBefore, null, now))
                    .isEqualTo(new Outcome.Refused(InvalidReason.NOT_RETURNED));
        }
    }

    @Nested
    class Waited {
        final Instant submitted = RETURNED_AT.minusSeconds(2);
        final Instant until = submitted.plus(Duration.ofHours(24));

        @Test
        void the_returned_event_makes_a_waiting_rating_valid() {
            assertThat(RULES.resolve(returned("COUNTER"), false, RatingChannel.QR, submitted, null, until,
                    RETURNED_AT.plusSeconds(1))).isEqualTo(new Outcome.Valid());
        }

        @Test
        void a_second_waiting_rating_becomes_a_kept_duplicate_never_a_refusal_to_nobody() {
            assertThat(RULES.resolve(returned("COUNTER"), true, RatingChannel.KIOSK, submitted, null, until,
                    RETURNED_AT.plusSeconds(1))).isEqualTo(new Outcome.Kept(InvalidReason.DUPLICATE));
        }

        @Test
        void it_keeps_waiting_until_the_grace_period_ends_then_is_refused_with_the_reason() {
            assertThat(RULES.resolve(open("COUNTER"), false, RatingChannel.QR, submitted, null, until,
                    until.minusSeconds(1))).isEqualTo(new Outcome.Pending(until));
            assertThat(RULES.resolve(open("COUNTER"), false, RatingChannel.QR, submitted, null, until, until))
                    .isEqualTo(new Outcome.Kept(InvalidReason.NOT_RETURNED));
            assertThat(RULES.resolve(null, false, RatingChannel.KIOSK, submitted, null, until, until))
                    .isEqualTo(new Outcome.Kept(InvalidReason.DOSSIER_UNKNOWN));
        }

        @Test
        void a_dossier_closed_without_result_refuses_its_waiting_ratings_at_once() {
            assertThat(RULES.resolve(closed(), false, RatingChannel.QR, submitted, null, until, submitted.plusSeconds(5)))
                    .isEqualTo(new Outcome.Kept(InvalidReason.CLOSED_WITHOUT_RESULT));
        }

        @Test
        void an_unusable_paper_ballot_that_waited_for_its_dossier_is_invalid_once_the_dossier_is_known() {
            assertThat(RULES.resolve(open("COUNTER"), false, RatingChannel.PAPER, submitted, InvalidReason.UNREADABLE,
                    until, submitted.plusSeconds(5))).isEqualTo(new Outcome.Kept(InvalidReason.UNREADABLE));
        }
    }
}
