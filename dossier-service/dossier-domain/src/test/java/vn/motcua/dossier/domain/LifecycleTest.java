package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.dossier.domain.DossierCommand.Consult;
import vn.motcua.dossier.domain.DossierCommand.RecordPayment;
import vn.motcua.dossier.domain.DossierCommand.RecordResult;
import vn.motcua.dossier.domain.DossierCommand.RefuseAfterAppraisal;
import vn.motcua.dossier.domain.DossierCommand.RequestPayment;
import vn.motcua.dossier.domain.DossierCommand.ReturnResult;
import vn.motcua.dossier.domain.DossierCommand.Stop;
import vn.motcua.dossier.domain.DossierCommand.SupplySupplement;
import vn.motcua.dossier.domain.DossierCommand.Withdraw;
import vn.motcua.dossier.domain.DossierEvent.Consulted;
import vn.motcua.dossier.domain.DossierEvent.RefusedAfterAppraisal;
import vn.motcua.dossier.domain.DossierEvent.Returned;
import vn.motcua.dossier.domain.DossierEvent.Stopped;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.DossierEvent.Withdrawn;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.ReturnChannel;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;

/**
 * Processed, refused after appraisal, returned, stopped, withdrawn. The dossier: 3 working days, received at the
 * counter Monday 3 March 2025 10:00 (due Thursday 6 March 17:00), handed to the police division at 14:00.
 */
@DisplayName("Lifecycle: processed, refused after appraisal, returned, stopped, withdrawn")
class LifecycleTest {
    private static final Instant RECEIVED_AT = vn(2025, 3, 3, 10, 0);
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, RECEIVED_AT, closeOfOffice(2025, 3, 6),
            vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));
    private static final Instant TUESDAY = vn(2025, 3, 4, 9, 0);
    private static final Instant WEDNESDAY = vn(2025, 3, 5, 10, 0);
    private static final String REFUSAL = "Nhà ở thuộc khu vực không được đăng ký thường trú mới";

    @Test
    @DisplayName("the result is ready: processed by the unit holding the dossier, status 9")
    void resultReady() {
        DossierState s = given(RECEIVED, TRANSFERRED)
                .when(new RecordResult(null, APPRAISER, Outcome.GRANTED, "QD-123", TUESDAY))
                .then(new DossierEvent.Processed(POLICE, APPRAISER, Outcome.GRANTED, "QD-123", TUESDAY))
                .state();
        assertThat(s.status()).isEqualTo(Status.PROCESSED);
        assertThat(s.status().portalCode()).isEqualTo(9);
        assertThat(s.outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(s.completedAt()).isEqualTo(TUESDAY);
        assertThat(s.status().open()).isFalse();
    }

    @Test
    @DisplayName("the outcome (granted or denied) is required")
    void outcomeRequired() {
        given(RECEIVED, TRANSFERRED).when(new RecordResult(null, APPRAISER, null, "QD-123", TUESDAY))
                .thenRefused(400, "outcome-required");
    }

    @Test
    @DisplayName("refused after appraisal, with a reason: a completion, reported as 9")
    void refusedAfterAppraisal() {
        DossierState s = given(RECEIVED, TRANSFERRED)
                .when(new RefuseAfterAppraisal(null, APPRAISER, REFUSAL, TUESDAY))
                .then(new RefusedAfterAppraisal(POLICE, APPRAISER, REFUSAL, TUESDAY))
                .state();
        assertThat(s.status()).isEqualTo(Status.REFUSED_AFTER_APPRAISAL);
        assertThat(s.status().portalCode()).isEqualTo(9);
        assertThat(s.completedAt()).isEqualTo(TUESDAY);
        given(RECEIVED, TRANSFERRED).when(new RefuseAfterAppraisal(null, APPRAISER, "", TUESDAY))
                .thenRefused(400, "required");
    }

    @Test
    @DisplayName("cannot process while the applicant owes a supplement")
    void noResultWhileWaitingForSupplement() {
        given(RECEIVED, TRANSFERRED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, TUESDAY))
                .when(recordResult(WEDNESDAY))
                .thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("no return before the result is ready")
    void noReturnBeforeProcessed() {
        given(RECEIVED, TRANSFERRED).when(new ReturnResult(ReturnChannel.COUNTER, WEDNESDAY))
                .thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("early return: processed Tuesday, returned Wednesday before the Thursday due date; status 10, early")
    void earlyReturn() {
        var outcome = given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY))
                .when(new ReturnResult(ReturnChannel.COUNTER, WEDNESDAY))
                .then(new Returned(ReturnChannel.COUNTER, WEDNESDAY));
        DossierState s = outcome.state();
        assertThat(s.status()).isEqualTo(Status.RETURNED);
        assertThat(s.status().portalCode()).isEqualTo(10);
        assertThat(s.returnedAt()).isEqualTo(WEDNESDAY);
        assertThat(s.returnChannel()).isEqualTo(ReturnChannel.COUNTER);
        assertThat(s.completedAt()).as("completion is when the result was ready").isEqualTo(TUESDAY);
        assertThat(outcome.classify()).isEqualTo(Timeliness.EARLY);
    }

    @Test
    @DisplayName("a refusal notice is returned like a result, here by post")
    void returnAfterRefusal() {
        given(RECEIVED, TRANSFERRED, new RefusedAfterAppraisal(POLICE, APPRAISER, REFUSAL, TUESDAY))
                .when(new ReturnResult(ReturnChannel.POSTAL, WEDNESDAY))
                .then(new Returned(ReturnChannel.POSTAL, WEDNESDAY));
    }

    @Test
    @DisplayName("the return channel is required")
    void returnChannelRequired() {
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY)).when(new ReturnResult(null, WEDNESDAY))
                .thenRefused(400, "channel-required");
    }

    @Test
    @DisplayName("after the return: no second result, no second return, no stop")
    void returnedIsFinal() {
        DossierEvent returned = new Returned(ReturnChannel.COUNTER, WEDNESDAY);
        Instant thursday = vn(2025, 3, 6, 9, 0);
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY), returned).when(recordResult(thursday))
                .thenRefused(409, "wrong-status");
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY), returned)
                .when(new ReturnResult(ReturnChannel.ONLINE, thursday)).thenRefused(409, "wrong-status");
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY), returned).when(new Stop("Hết hiệu lực", thursday))
                .thenRefused(409, "not-open");
    }

    @Test
    @DisplayName("stopped while processing, with a reason: a completion, status 8")
    void stopped() {
        String reason = "Người nộp chết, không còn đối tượng giải quyết";
        DossierState s = given(RECEIVED, TRANSFERRED).when(new Stop(reason, TUESDAY))
                .then(new Stopped(reason, TUESDAY)).state();
        assertThat(s.status()).isEqualTo(Status.STOPPED);
        assertThat(s.status().portalCode()).isEqualTo(8);
        assertThat(s.completedAt()).isEqualTo(TUESDAY);
        assertThat(s.steps().get(1).handedOverAt()).as("the open step is closed").isEqualTo(TUESDAY);
        given(RECEIVED, TRANSFERRED).when(new Stop(" ", TUESDAY)).thenRefused(400, "required");
    }

    @Test
    @DisplayName("withdrawn while a supplement is awaited: status 7, not a completion")
    void withdrawn() {
        DossierState s = given(RECEIVED, TRANSFERRED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, TUESDAY))
                .when(new Withdraw("Không bổ sung được giấy tờ", WEDNESDAY))
                .then(new Withdrawn("Không bổ sung được giấy tờ", WEDNESDAY)).state();
        assertThat(s.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(s.status().portalCode()).isEqualTo(7);
        assertThat(s.completedAt()).isNull();
    }

    @Test
    @DisplayName("no withdrawal, no stop once the result is ready")
    void noWithdrawAfterProcessed() {
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY)).when(new Withdraw("Đổi ý", WEDNESDAY))
                .thenRefused(409, "not-open");
        given(RECEIVED, TRANSFERRED, processed(POLICE, TUESDAY)).when(new Stop("Đổi ý", WEDNESDAY))
                .thenRefused(409, "not-open");
        given(RECEIVED, TRANSFERRED, new Withdrawn("Đổi ý", TUESDAY)).when(recordResult(WEDNESDAY))
                .thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("consulting another unit is recorded in the history and changes nothing else")
    void consulted() {
        Instant deadline = vn(2025, 3, 5, 17, 0);
        var outcome = given(RECEIVED, TRANSFERRED)
                .when(new Consult(null, "H40.22-PC08", "Xác minh phương tiện", deadline, TUESDAY))
                .then(new Consulted(POLICE, "H40.22-PC08", "Xác minh phương tiện", deadline, TUESDAY));
        assertThat(outcome.state()).isEqualTo(Dossier.replay(java.util.List.of(RECEIVED, TRANSFERRED)));
    }

    @Test
    @DisplayName("a command on a dossier that does not exist: 404")
    void notFound() {
        given().when(recordResult(TUESDAY)).thenRefused(404, "not-found");
    }

    static Stream<DossierCommand> commandsBeforeReception() {
        Instant before = RECEIVED_AT.minusSeconds(60);
        return Stream.of(
                transfer(POLICE, "appraisal", APPRAISER, null, before),
                requestSupplement(before),
                new SupplySupplement(DOCS, before),
                new RequestPayment(150_000, "Lệ phí", before),
                new RecordPayment(150_000, "BL-1", before),
                new Consult(null, "H40.22-PC08", "?", null, before),
                recordResult(before),
                new RefuseAfterAppraisal(null, APPRAISER, REFUSAL, before),
                apologize(LocalDate.of(2025, 3, 10), before),
                new ReturnResult(ReturnChannel.COUNTER, before),
                new Stop("Dừng", before),
                new Withdraw("Rút", before));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsBeforeReception")
    @DisplayName("nothing can happen before the dossier was received: 400 time-order")
    void timeOrder(DossierCommand command) {
        RuleViolation v = given(RECEIVED).when(command).thenRefused(400, "time-order");
        assertThat(v.field()).isEqualTo("at");
    }
}
