package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.dossier.domain.DossierCommand.Apologize;
import vn.motcua.dossier.domain.DossierEvent.Apologized;
import vn.motcua.dossier.domain.DossierEvent.DueDateChanged;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.DueChangeReason.APOLOGY;

/**
 * Apology with a new appointment date. The usual dossier: 3 working days, received Monday 3 March 2025 10:00 at the
 * counter, due Thursday 6 March 17:00, handed to processing at 14:00.
 */
@DisplayName("Apology: at least 1 working day before the due date, at most once")
class ApologyTest {
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0),
            closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));
    private static final LocalDate NEXT_TUESDAY = LocalDate.of(2025, 3, 11);
    private static final Instant WEDNESDAY = vn(2025, 3, 5, 16, 0);

    private static Apologized apologized(LocalDate newDate, Instant at) {
        return new Apologized(POLICE, "Cần xác minh thêm thông tin tại Công an xã",
                closeOfOffice(newDate.getYear(), newDate.getMonthValue(), newDate.getDayOfMonth()), at);
    }

    @Test
    @DisplayName("due Thursday, apology Wednesday with a new date Tuesday: apologized, the appointment moves")
    void apologyTheDayBefore() {
        var outcome = given(RECEIVED, TRANSFERRED).when(apologize(NEXT_TUESDAY, WEDNESDAY))
                .then(apologized(NEXT_TUESDAY, WEDNESDAY),
                        new DueDateChanged(APOLOGY, closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 11),
                                closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 6), WEDNESDAY));
        DossierState s = outcome.state();
        assertThat(s.dueAtReception()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.dueOfRecord()).as("an apology does not move the due of record").isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.nationalDue()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.rescheduledDue()).isEqualTo(closeOfOffice(2025, 3, 11));
        assertThat(s.currentDue()).isEqualTo(closeOfOffice(2025, 3, 11));
        assertThat(s.apologized()).isTrue();
        assertThat(s.apologyAt()).isEqualTo(WEDNESDAY);
        assertThat(s.reschedules()).isEqualTo(1);
    }

    @Test
    @DisplayName("due Thursday, apology on Thursday morning: too late")
    void apologyOnTheDueDate() {
        RuleViolation v = given(RECEIVED, TRANSFERRED).when(apologize(NEXT_TUESDAY, vn(2025, 3, 6, 8, 0)))
                .thenRefused(409, "apology-too-late");
        assertThat(v.getMessage()).contains("2025-03-05");
    }

    @Test
    @DisplayName("due Monday: Friday is the last day for the apology")
    void dueMondayFridayIsTheLastDay() {
        // received Wednesday 5 March: Thursday, Friday, Monday → due Monday 10 March 17:00
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 3, 5, 10, 0), closeOfOffice(2025, 3, 10),
                vn(2025, 3, 5, 17, 0));
        Instant friday = vn(2025, 3, 7, 16, 45);
        LocalDate wednesday = LocalDate.of(2025, 3, 12);
        given(received).when(apologize(wednesday, friday))
                .then(apologized(wednesday, friday),
                        new DueDateChanged(APOLOGY, closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 12),
                                closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 10), friday));
    }

    @ParameterizedTest(name = "apology at {0} for a Monday due date is too late")
    @ValueSource(strings = {"2025-03-08T09:00", "2025-03-09T20:00", "2025-03-10T07:30"})
    void dueMondayWeekendIsTooLate(String at) {
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 3, 5, 10, 0), closeOfOffice(2025, 3, 10),
                vn(2025, 3, 5, 17, 0));
        RuleViolation v = given(received).when(apologize(LocalDate.of(2025, 3, 12), vn(at)))
                .thenRefused(409, "apology-too-late");
        assertThat(v.getMessage()).contains("last day 2025-03-07");
    }

    @Test
    @DisplayName("due Tuesday after Hùng Kings day: Friday 4 Apr is the last day, not the holiday Monday")
    void dueAfterAHoliday() {
        // received Thursday 3 April with 2 working days: Friday 4, Tuesday 8 (Monday 7 is Hùng Kings day)
        DossierEvent received = receivedAtCounter(TWO_DAYS, vn(2025, 4, 3, 10, 0), closeOfOffice(2025, 4, 8),
                vn(2025, 4, 3, 17, 0));
        LocalDate thursday = LocalDate.of(2025, 4, 10);
        Instant friday = vn(2025, 4, 4, 15, 0);
        given(received).when(apologize(thursday, friday))
                .then(apologized(thursday, friday),
                        new DueDateChanged(APOLOGY, closeOfOffice(2025, 4, 8), closeOfOffice(2025, 4, 10),
                                closeOfOffice(2025, 4, 8), closeOfOffice(2025, 4, 8), friday));
        given(received).when(apologize(thursday, vn(2025, 4, 7, 9, 0))).thenRefused(409, "apology-too-late");
    }

    @Test
    @DisplayName("due Monday 28 Apr: the worked Saturday 26 Apr is still in time")
    void workedSaturday() {
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 4, 24, 10, 0), closeOfOffice(2025, 4, 28),
                vn(2025, 4, 24, 17, 0));
        LocalDate tuesday = LocalDate.of(2025, 4, 29);
        Instant saturday = vn(2025, 4, 26, 10, 0);
        given(received).when(apologize(tuesday, saturday))
                .then(apologized(tuesday, saturday),
                        new DueDateChanged(APOLOGY, closeOfOffice(2025, 4, 28), closeOfOffice(2025, 4, 29),
                                closeOfOffice(2025, 4, 28), closeOfOffice(2025, 4, 28), saturday));
    }

    @Test
    @DisplayName("at most one reschedule")
    void atMostOnce() {
        given(RECEIVED, TRANSFERRED, apologized(NEXT_TUESDAY, WEDNESDAY),
                new DueDateChanged(APOLOGY, closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 11),
                        closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 6), WEDNESDAY))
                .when(apologize(LocalDate.of(2025, 3, 14), vn(2025, 3, 7, 9, 0)))
                .thenRefused(409, "reschedule-limit");
    }

    @Test
    @DisplayName("the new date must be after the current due date and a working day")
    void newDueDate() {
        given(RECEIVED, TRANSFERRED).when(apologize(LocalDate.of(2025, 3, 6), WEDNESDAY))
                .thenRefused(400, "new-due-date");
        given(RECEIVED, TRANSFERRED).when(apologize(LocalDate.of(2025, 3, 5), WEDNESDAY))
                .thenRefused(400, "new-due-date");
        given(RECEIVED, TRANSFERRED).when(apologize(LocalDate.of(2025, 3, 8), WEDNESDAY))
                .thenRefused(400, "new-due-date");
        given(RECEIVED, TRANSFERRED).when(apologize(null, WEDNESDAY)).thenRefused(400, "new-due-date");
        // due Monday 28 April, the new date 30 April is a public holiday
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 4, 24, 10, 0), closeOfOffice(2025, 4, 28),
                vn(2025, 4, 24, 17, 0));
        given(received).when(apologize(LocalDate.of(2025, 4, 30), vn(2025, 4, 25, 9, 0)))
                .thenRefused(400, "new-due-date");
    }

    @Test
    @DisplayName("reason and unit at fault are required; no apology for a completed dossier or one without deadline")
    void otherRefusals() {
        given(RECEIVED, TRANSFERRED).when(new Apologize(POLICE, " ", NEXT_TUESDAY, WEDNESDAY))
                .thenRefused(400, "required");
        given(RECEIVED, TRANSFERRED).when(new Apologize(null, "Chậm xác minh", NEXT_TUESDAY, WEDNESDAY))
                .thenRefused(400, "required");
        given(RECEIVED, TRANSFERRED, processed(POLICE, vn(2025, 3, 5, 9, 0)))
                .when(apologize(NEXT_TUESDAY, WEDNESDAY)).thenRefused(409, "not-open");
        Instant at = vn(2025, 3, 3, 10, 0);
        given(received(NO_DEADLINE, Types.Channel.ONLINE, at, at, "ND61-2018", Types.Due.NONE, at))
                .when(apologize(NEXT_TUESDAY, WEDNESDAY)).thenRefused(409, "no-deadline");
    }

    @Test
    @DisplayName("returned by the new date after an apology: still late against the due of record, but apologized")
    void rescheduledIsStillLate() {
        Instant tuesday = vn(2025, 3, 11, 10, 0);
        var outcome = given(RECEIVED, TRANSFERRED, apologized(NEXT_TUESDAY, WEDNESDAY),
                new DueDateChanged(APOLOGY, closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 11),
                        closeOfOffice(2025, 3, 6), closeOfOffice(2025, 3, 6), WEDNESDAY))
                .when(recordResult(tuesday)).then(processed(POLICE, tuesday));
        assertThat(outcome.classify()).isEqualTo(Timeliness.LATE);
        assertThat(outcome.classifyNational()).isEqualTo(Timeliness.LATE);
        assertThat(outcome.state().apologized()).isTrue();
    }

    @Test
    @DisplayName("in time = at least `lead` working days in [sent day, due date): every pair of days around Tết and 30/4")
    void inTimeIsCountedInWorkingDaysTheSameWayForEveryPairOfDays() {
        var calendar = TestCalendar.VIETNAM_2025;
        LocalDate from = LocalDate.of(2025, 1, 20);
        LocalDate to = LocalDate.of(2025, 5, 10);
        int checked = 0;
        for (LocalDate due = from; due.isBefore(to); due = due.plusDays(1)) {
            if (!calendar.isWorkingDay(due)) {
                continue; // a due date is a working day
            }
            for (LocalDate sent = due.minusDays(20); !sent.isAfter(due); sent = sent.plusDays(1)) {
                for (int lead = 1; lead <= 3; lead++) {
                    int workingDays = 0;
                    for (LocalDate d = sent; d.isBefore(due); d = d.plusDays(1)) {
                        workingDays += calendar.isWorkingDay(d) ? 1 : 0;
                    }
                    assertThat(Dossier.apologySentInTime(sent, due, lead, calendar))
                            .as("sent %s, due %s, lead %d", sent, due, lead).isEqualTo(workingDays >= lead);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(4000);
    }
}
