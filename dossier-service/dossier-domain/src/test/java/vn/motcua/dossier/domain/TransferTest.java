package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.DossierEvent.Transferred;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.dossier.domain.Types.Step;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.Channel.ONLINE;

@DisplayName("Transfer: the 15:00 rule, step deadlines and the process control sheet")
class TransferTest {

    @Test
    @DisplayName("paper received Monday 15:30: the first hand-over is due Tuesday 07:30; handed over 07:45 is late")
    void firstHandOverAfterTheCutOff() {
        Instant monday1530 = vn(2025, 3, 3, 15, 30);
        Instant tuesday0730 = vn(2025, 3, 4, 7, 30);
        Instant tuesday0745 = vn(2025, 3, 4, 7, 45);
        DossierState s = given(receivedAtCounter(THREE_DAYS, monday1530, closeOfOffice(2025, 3, 6), tuesday0730))
                .when(transfer(POLICE, "appraisal", APPRAISER, null, tuesday0745))
                .then(new Transferred(DESK, POLICE, "appraisal", APPRAISER, closeOfOffice(2025, 3, 6).at(), tuesday0745))
                .state();
        assertThat(s.status()).isEqualTo(Status.PROCESSING);
        assertThat(s.status().portalCode()).isEqualTo(4);
        assertThat(s.steps().get(1).deadline()).as("the processing step runs until the dossier's due")
                .isEqualTo(closeOfOffice(2025, 3, 6).at());
        assertThat(s.currentUnit()).isEqualTo(POLICE);
        Step reception = s.steps().get(0);
        assertThat(reception).isEqualTo(
                new Step(1, DESK, "reception", RECEPTION_OFFICER, monday1530, tuesday0730, tuesday0745));
        assertThat(reception.late()).isTrue();
        assertThat(s.steps().get(1).unitCode()).isEqualTo(POLICE);
        assertThat(s.steps().get(1).officer()).isEqualTo(APPRAISER);
        assertThat(s.steps().get(1).startedAt()).isEqualTo(tuesday0745);
        assertThat(s.steps().get(1).handedOverAt()).isNull();
    }

    @Test
    @DisplayName("paper received Monday 10:00, handed over at 16:00: on time (due 17:00 the same day)")
    void firstHandOverTheSameDay() {
        Instant monday16 = vn(2025, 3, 3, 16, 0);
        DossierState s = given(receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0), closeOfOffice(2025, 3, 6),
                        vn(2025, 3, 3, 17, 0)))
                .when(transfer(POLICE, "appraisal", APPRAISER, null, monday16))
                .then(new Transferred(DESK, POLICE, "appraisal", APPRAISER, closeOfOffice(2025, 3, 6).at(), monday16))
                .state();
        assertThat(s.steps().get(0).late()).isFalse();
    }

    @Test
    @DisplayName("online dossiers go to processing at once: due when counting starts, a later hand-over is late")
    void onlineAtOnce() {
        Instant saturdayNight = vn(2025, 4, 5, 20, 0);
        Instant tuesday0730 = vn(2025, 4, 8, 7, 30);
        DossierEvent received = received(THREE_DAYS, ONLINE, saturdayNight, tuesday0730, "ND61-2018",
                closeOfOffice(2025, 4, 11), tuesday0730);
        DossierState onTime = given(received).when(transfer(POLICE, "appraisal", APPRAISER, null, tuesday0730))
                .then(new Transferred(DESK, POLICE, "appraisal", APPRAISER, closeOfOffice(2025, 4, 11).at(), tuesday0730)).state();
        assertThat(onTime.steps().get(0).late()).isFalse();
        Instant tuesday0800 = vn(2025, 4, 8, 8, 0);
        DossierState late = given(received).when(transfer(POLICE, "appraisal", APPRAISER, null, tuesday0800))
                .then(new Transferred(DESK, POLICE, "appraisal", APPRAISER, closeOfOffice(2025, 4, 11).at(), tuesday0800)).state();
        assertThat(late.steps().get(0).late()).isTrue();
    }

    @Test
    @DisplayName("every later hand-over needs its own step deadline")
    void laterHandOverNeedsAStepDeadline() {
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0), closeOfOffice(2025, 3, 6),
                vn(2025, 3, 3, 17, 0));
        DossierEvent toAppraisal = toAppraisal(vn(2025, 3, 5, 11, 30), vn(2025, 3, 3, 16, 0));
        Instant tuesday10 = vn(2025, 3, 4, 10, 0);
        RuleViolation v = given(received, toAppraisal)
                .when(transfer(LEADERSHIP, "approval", LEADER, null, tuesday10))
                .thenRefused(400, "step-deadline");
        assertThat(v.field()).isEqualTo("stepDeadline");

        Instant wednesday17 = vn(2025, 3, 5, 17, 0);
        given(received, toAppraisal)
                .when(transfer(LEADERSHIP, "approval", LEADER, wednesday17, tuesday10))
                .then(new Transferred(POLICE, LEADERSHIP, "approval", LEADER, wednesday17, tuesday10));
    }

    @Test
    @DisplayName("the process control sheet: who had the dossier, from when, until when, by which deadline, late or not")
    void processControlSheet() {
        Instant received = vn(2025, 3, 3, 10, 0);
        Instant toAppraisalAt = vn(2025, 3, 4, 8, 0);        // the desk was due Monday 17:00: late
        Instant appraisalDeadline = vn(2025, 3, 5, 11, 30);
        Instant toApprovalAt = vn(2025, 3, 5, 14, 0);        // appraisal was due Wednesday 11:30: late
        Instant approvalDeadline = vn(2025, 3, 6, 11, 30);
        Instant resultAt = vn(2025, 3, 6, 10, 0);            // approval done before Thursday 11:30: on time

        DossierEvent[] history = {
                receivedAtCounter(THREE_DAYS, received, closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0)),
                new Transferred(DESK, POLICE, "appraisal", APPRAISER, appraisalDeadline, toAppraisalAt)};
        DossierEvent toApproval = new Transferred(POLICE, LEADERSHIP, "approval", LEADER, approvalDeadline,
                toApprovalAt);
        given(history).when(transfer(LEADERSHIP, "approval", LEADER, approvalDeadline, toApprovalAt))
                .then(toApproval);

        DossierState s = given(history[0], history[1], toApproval)
                .when(recordResult(resultAt))
                .then(processed(LEADERSHIP, resultAt))
                .state();
        assertThat(s.steps()).containsExactly(
                new Step(1, DESK, "reception", RECEPTION_OFFICER, received, vn(2025, 3, 3, 17, 0), toAppraisalAt),
                new Step(2, POLICE, "appraisal", APPRAISER, toAppraisalAt, appraisalDeadline, toApprovalAt),
                new Step(3, LEADERSHIP, "approval", LEADER, toApprovalAt, approvalDeadline, resultAt));
        assertThat(s.steps()).extracting(Step::late).containsExactly(true, true, false);
    }

    @Test
    @DisplayName("no hand-over while a supplement is awaited; the receiving unit is required")
    void refusedTransfers() {
        DossierEvent received = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0), closeOfOffice(2025, 3, 6),
                vn(2025, 3, 3, 17, 0));
        given(received, new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, vn(2025, 3, 3, 10, 30)))
                .when(transfer(POLICE, "appraisal", APPRAISER, null, vn(2025, 3, 3, 11, 0)))
                .thenRefused(409, "wrong-status");
        given(received).when(transfer(" ", "appraisal", APPRAISER, null, vn(2025, 3, 3, 11, 0)))
                .thenRefused(400, "required");
    }
}
