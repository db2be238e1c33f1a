package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.dossier.domain.DossierCommand.Receive;
import vn.motcua.dossier.domain.DossierEvent.Received;
import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.dossier.domain.Types.Step;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.Channel.COUNTER;
import static vn.motcua.dossier.domain.Types.Channel.ONLINE;
import static vn.motcua.dossier.domain.Types.Channel.POSTAL;

@DisplayName("Receive: code, due date, day of reception, rule set, transfer deadline")
class ReceiveTest {

    @Test
    @DisplayName("the unit's commitment wins over the legal time: Monday 10:00 + 3 working days = Thursday 17:00")
    void committedTimeWins() {
        Instant monday10 = vn(2025, 3, 3, 10, 0);
        var outcome = given()
                .when(receive(COMMITTED_THREE_OF_FIVE, COUNTER, monday10))
                .then(new Received(CODE, COMMITTED_THREE_OF_FIVE, DESK, POLICE, COUNTER, APPLICANT, DOCS, monday10,
                        monday10, RECEPTION_OFFICER, "ND61-2018", closeOfOffice(2025, 3, 6), monday10,
                        vn(2025, 3, 3, 17, 0), null));

        DossierState s = outcome.state();
        assertThat(s.exists()).isTrue();
        assertThat(s.status()).isEqualTo(Status.RECEIVED);
        assertThat(s.status().portalCode()).isEqualTo(2);
        assertThat(s.receptionDay()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(s.currentUnit()).isEqualTo(DESK);
        assertThat(s.dueAtReception()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.dueOfRecord()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.nationalDue()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.rescheduledDue()).isEqualTo(Due.NONE);
        assertThat(s.currentDue()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.steps()).containsExactly(
                new Step(1, DESK, "reception", RECEPTION_OFFICER, monday10, vn(2025, 3, 3, 17, 0), null));
    }

    @Test
    @DisplayName("without a commitment the legal time applies: Monday + 5 working days = next Monday 17:00")
    void legalTimeWithoutCommitment() {
        given().when(receive(FIVE_DAYS, COUNTER, vn(2025, 3, 3, 10, 0)))
                .then(receivedAtCounter(FIVE_DAYS, vn(2025, 3, 3, 10, 0), closeOfOffice(2025, 3, 10),
                        vn(2025, 3, 3, 17, 0)));
    }

    @Test
    @DisplayName("Hùng Kings day is not counted: Thursday 3 Apr + 3 working days = Wednesday 9 Apr")
    void holidayIsSkipped() {
        given().when(receive(THREE_DAYS, COUNTER, vn(2025, 4, 3, 10, 0)))
                .then(receivedAtCounter(THREE_DAYS, vn(2025, 4, 3, 10, 0), closeOfOffice(2025, 4, 9),
                        vn(2025, 4, 3, 17, 0)));
    }

    @Test
    @DisplayName("the worked Saturday 26 Apr counts: Thursday 24 Apr + 3 working days = Monday 28 Apr")
    void swappedSaturdayIsCounted() {
        given().when(receive(THREE_DAYS, COUNTER, vn(2025, 4, 24, 10, 0)))
                .then(receivedAtCounter(THREE_DAYS, vn(2025, 4, 24, 10, 0), closeOfOffice(2025, 4, 28),
                        vn(2025, 4, 24, 17, 0)));
    }

    @Test
    @DisplayName("online on Saturday night before Hùng Kings day: counts from Tuesday 07:30, due Friday, transfer at once")
    void onlineOnADayOffIsNormalised() {
        Instant saturdayNight = vn(2025, 4, 5, 20, 0);
        Instant tuesdayMorning = vn(2025, 4, 8, 7, 30);
        var outcome = given().when(receive(THREE_DAYS, ONLINE, saturdayNight))
                .then(received(THREE_DAYS, ONLINE, saturdayNight, tuesdayMorning, "ND61-2018",
                        closeOfOffice(2025, 4, 11), tuesdayMorning));
        assertThat(outcome.state().receivedAt()).isEqualTo(saturdayNight);
        assertThat(outcome.state().countingStartsAt()).isEqualTo(tuesdayMorning);
        assertThat(outcome.state().receptionDay()).isEqualTo(LocalDate.of(2025, 4, 8));
    }

    @Test
    @DisplayName("online the Friday evening before Tết: counts from Monday 3 Feb 07:30, 3 working days = Thursday 6 Feb")
    void onlineBeforeTet() {
        Instant fridayEvening = vn(2025, 1, 24, 18, 0);
        Instant afterTet = vn(2025, 2, 3, 7, 30);
        given().when(receive(THREE_DAYS, ONLINE, fridayEvening))
                .then(received(THREE_DAYS, ONLINE, fridayEvening, afterTet, "ND61-2018", closeOfOffice(2025, 2, 6),
                        afterTet));
    }

    @Test
    @DisplayName("180 working minutes from Friday 16:30: due Monday 10:00 (30 min Friday + 150 min Monday)")
    void minutesAcrossTheWeekend() {
        Instant friday1630 = vn(2025, 3, 7, 16, 30);
        given().when(receive(MINUTES_180, COUNTER, friday1630))
                .then(receivedAtCounter(MINUTES_180, friday1630, due(2025, 3, 10, 10, 0), vn(2025, 3, 10, 7, 30)));
    }

    @Test
    @DisplayName("180 working minutes received at lunch: counting starts 13:30, due 16:30 the same day")
    void minutesFromLunch() {
        Instant lunch = vn(2025, 3, 3, 12, 0);
        given().when(receive(MINUTES_180, COUNTER, lunch))
                .then(received(MINUTES_180, COUNTER, lunch, vn(2025, 3, 3, 13, 30), "ND61-2018",
                        due(2025, 3, 3, 16, 30), vn(2025, 3, 3, 17, 0)));
    }

    @Test
    @DisplayName("a procedure without deadline gets no due date")
    void noDeadline() {
        Instant at = vn(2025, 3, 3, 10, 0);
        var outcome = given().when(receive(NO_DEADLINE, ONLINE, at))
                .then(received(NO_DEADLINE, ONLINE, at, at, "ND61-2018", Due.NONE, at));
        assertThat(outcome.state().dueOfRecord().exists()).isFalse();
        assertThat(outcome.state().currentDue()).isEqualTo(Due.NONE);
    }

    @ParameterizedTest(name = "paper received {0} must reach processing by {1}")
    @CsvSource({
            "2025-03-03T10:00, 2025-03-03T17:00",   // before 15:00: close of office the same day
            "2025-03-03T12:00, 2025-03-03T17:00",   // at lunch: counts from 13:30, still before 15:00
            "2025-03-03T15:00, 2025-03-03T17:00",   // at 15:00 sharp: still the same day
            "2025-03-03T15:01, 2025-03-04T07:30",   // after 15:00: start of the next working day
            "2025-04-25T15:30, 2025-04-26T07:30",   // Friday after 15:00: the worked Saturday
            "2025-04-29T16:00, 2025-05-05T07:30",   // before 30 Apr - 2 May and the weekend
    })
    void paperTransferDeadline(String receivedAt, String expectedDeadline) {
        Received e = given().when(receive(THREE_DAYS, COUNTER, vn(receivedAt))).thenAccepted().event(Received.class);
        assertThat(e.transferDeadline()).isEqualTo(vn(expectedDeadline));
    }

    @Test
    @DisplayName("by post on a Saturday: received Monday 07:30, so at the processing unit by Monday 17:00")
    void postalOnASaturday() {
        Instant saturday = vn(2025, 3, 8, 9, 0);
        given().when(receive(THREE_DAYS, POSTAL, saturday))
                .then(received(THREE_DAYS, POSTAL, saturday, vn(2025, 3, 10, 7, 30), "ND61-2018",
                        closeOfOffice(2025, 3, 13), vn(2025, 3, 10, 17, 0)));
    }

    @Test
    @DisplayName("online: transferred to processing at once, at the instant counting starts")
    void onlineTransferAtOnce() {
        Received e = given().when(receive(THREE_DAYS, ONLINE, vn(2025, 3, 3, 16, 0))).thenAccepted()
                .event(Received.class);
        assertThat(e.transferDeadline()).isEqualTo(vn(2025, 3, 3, 16, 0));
    }

    @Test
    @DisplayName("received on 30 June 2025: Decree 61/2018")
    void decree61UntilJune2025() {
        Instant at = vn(2025, 6, 30, 9, 0);
        var outcome = given().when(receive(THREE_DAYS, COUNTER, at))
                .then(received(THREE_DAYS, COUNTER, at, at, "ND61-2018", closeOfOffice(2025, 7, 3),
                        vn(2025, 6, 30, 17, 0)));
        assertThat(outcome.state().ruleSet()).isEqualTo("ND61-2018");
    }

    @Test
    @DisplayName("received on 1 July 2025: Decree 118/2025")
    void decree118FromJuly2025() {
        Instant at = vn(2025, 7, 1, 9, 0);
        var outcome = given().when(receive(THREE_DAYS, COUNTER, at))
                .then(received(THREE_DAYS, COUNTER, at, at, "ND118-2025", closeOfOffice(2025, 7, 4),
                        vn(2025, 7, 1, 17, 0)));
        assertThat(outcome.state().ruleSet()).isEqualTo("ND118-2025");
    }

    @Test
    @DisplayName("submitted online on the evening of 30 June: its day of reception is 1 July, so Decree 118/2025")
    void ruleSetOfTheDayOfReception() {
        Instant evening = vn(2025, 6, 30, 20, 0);
        Instant julyFirst = vn(2025, 7, 1, 7, 30);
        given().when(receive(THREE_DAYS, ONLINE, evening))
                .then(received(THREE_DAYS, ONLINE, evening, julyFirst, "ND118-2025", closeOfOffice(2025, 7, 4),
                        julyFirst));
    }

    // ------------------------------------------------------------------ refused

    @Test
    @DisplayName("an 11-digit personal identification number is refused")
    void elevenDigitPersonalId() {
        Instant at = vn(2025, 3, 3, 10, 0);
        Applicant elevenDigits = new Applicant("Trần Thị Bình", "04009500123", null, null);
        RuleViolation v = given()
                .when(new Receive(CODE, THREE_DAYS, DESK, POLICE, COUNTER, elevenDigits, DOCS, at, at,
                        RECEPTION_OFFICER, null))
                .thenRefused(400, "personal-id");
        assertThat(v.field()).isEqualTo("applicant.personalId");
    }

    @Test
    @DisplayName("by post for a procedure without postal reception is refused")
    void postalNotAllowed() {
        given().when(receive(COUNTER_ONLY, POSTAL, vn(2025, 3, 3, 10, 0))).thenRefused(400, "postal-not-allowed");
    }

    @Test
    @DisplayName("online for a procedure without online service is refused")
    void onlineNotAllowed() {
        given().when(receive(COUNTER_ONLY, ONLINE, vn(2025, 3, 3, 10, 0))).thenRefused(400, "online-not-allowed");
    }

    @Test
    @DisplayName("submitted after it was received is refused")
    void submittedAfterReceived() {
        Instant at = vn(2025, 3, 3, 10, 0);
        given().when(new Receive(CODE, THREE_DAYS, DESK, POLICE, ONLINE, APPLICANT, DOCS, vn(2025, 3, 3, 10, 5), at,
                        RECEPTION_OFFICER, null))
                .thenRefused(400, "submitted-after-received");
    }

    @Test
    @DisplayName("a second Receive of the same dossier is a conflict")
    void alreadyExists() {
        given(receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0), closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0)))
                .when(receive(THREE_DAYS, COUNTER, vn(2025, 3, 3, 10, 30)))
                .thenRefused(409, "already-exists");
    }
}
