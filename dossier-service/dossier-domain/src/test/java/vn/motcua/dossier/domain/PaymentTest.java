package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierCommand.RecordPayment;
import vn.motcua.dossier.domain.DossierCommand.RequestPayment;
import vn.motcua.dossier.domain.DossierEvent.DueDateChanged;
import vn.motcua.dossier.domain.DossierEvent.Overdue;
import vn.motcua.dossier.domain.DossierEvent.PaymentRecorded;
import vn.motcua.dossier.domain.DossierEvent.PaymentRequested;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.DueChangeReason.PAYMENT_PAUSE;

/**
 * Waiting for the financial obligation. The dossier: 3 working days, received Monday 3 March 2025 10:00 at the
 * counter (due Thursday 6 March 17:00), handed to processing at 14:00.
 */
@DisplayName("Payment: the clock stops while the applicant has not paid")
class PaymentTest {
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0),
            closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));
    private static final String FEE = "Lệ phí đăng ký cư trú";

    @Test
    @DisplayName("a payment request puts the dossier in waiting for financial obligation (6)")
    void requestPayment() {
        Instant at = vn(2025, 3, 4, 10, 0);
        DossierState s = given(RECEIVED, TRANSFERRED).when(new RequestPayment(20_000, FEE, at))
                .then(new PaymentRequested(20_000, FEE, at)).state();
        assertThat(s.status()).isEqualTo(Status.WAITING_FOR_PAYMENT);
        assertThat(s.status().portalCode()).isEqualTo(6);
        assertThat(s.waitingSince()).isEqualTo(at);
    }

    @Test
    @DisplayName("paid after 2 office hours (10:00 → 14:00 over lunch): the Thursday 17:00 due moves to Friday 09:30")
    void paymentPausesTheDue() {
        Instant paid = vn(2025, 3, 4, 14, 0);
        Instant requested = vn(2025, 3, 4, 10, 0);
        DossierState s = given(RECEIVED, TRANSFERRED, new PaymentRequested(20_000, FEE, requested))
                .when(new RecordPayment(20_000, "BL-000123", paid))
                .then(new PaymentRecorded(20_000, "BL-000123", paid),
                        new DueDateChanged(PAYMENT_PAUSE, closeOfOffice(2025, 3, 6), due(2025, 3, 7, 9, 30),
                                due(2025, 3, 7, 9, 30), due(2025, 3, 7, 9, 30), paid))
                .state();
        assertThat(s.status()).isEqualTo(Status.PROCESSING);
        assertThat(s.waitingSince()).isNull();
        assertThat(s.dueAtReception()).isEqualTo(closeOfOffice(2025, 3, 6));
        assertThat(s.dueOfRecord()).isEqualTo(due(2025, 3, 7, 9, 30));
        assertThat(s.nationalDue()).isEqualTo(due(2025, 3, 7, 9, 30));
        assertThat(s.currentDue()).isEqualTo(due(2025, 3, 7, 9, 30));
    }

    @Test
    @DisplayName("paid at the desk before processing: back to received")
    void paymentBeforeTransfer() {
        Instant paid = vn(2025, 3, 3, 11, 0);
        DossierState s = given(RECEIVED, new PaymentRequested(20_000, FEE, vn(2025, 3, 3, 10, 30)))
                .when(new RecordPayment(20_000, "BL-000124", paid))
                .then(new PaymentRecorded(20_000, "BL-000124", paid),
                        new DueDateChanged(PAYMENT_PAUSE, closeOfOffice(2025, 3, 6), due(2025, 3, 7, 8, 0),
                                due(2025, 3, 7, 8, 0), due(2025, 3, 7, 8, 0), paid))
                .state();
        assertThat(s.status()).isEqualTo(Status.RECEIVED);
    }

    @Test
    @DisplayName("requested and paid within the lunch break: no office time waited, the due does not move")
    void noOfficeTimeWaited() {
        Instant paid = vn(2025, 3, 4, 12, 30);
        given(RECEIVED, TRANSFERRED, new PaymentRequested(20_000, FEE, vn(2025, 3, 4, 11, 40)))
                .when(new RecordPayment(20_000, "BL-000125", paid))
                .then(new PaymentRecorded(20_000, "BL-000125", paid));
    }

    @Test
    @DisplayName("the amount must be positive; nothing to pay unless requested; no second request while waiting")
    void refusedPayments() {
        Instant at = vn(2025, 3, 4, 10, 0);
        given(RECEIVED, TRANSFERRED).when(new RequestPayment(0, FEE, at)).thenRefused(400, "payment-amount");
        given(RECEIVED, TRANSFERRED, new PaymentRequested(20_000, FEE, at))
                .when(new RecordPayment(-1, "BL", vn(2025, 3, 4, 11, 0))).thenRefused(400, "payment-amount");
        given(RECEIVED, TRANSFERRED).when(new RecordPayment(20_000, "BL", at)).thenRefused(409, "wrong-status");
        given(RECEIVED, TRANSFERRED, new PaymentRequested(20_000, FEE, at))
                .when(new RequestPayment(20_000, FEE, vn(2025, 3, 4, 11, 0))).thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("not overdue while waiting past the due; paid Monday 09:00 after 10 office hours → due Monday 10:00")
    void noOverdueWhileWaiting() {
        DossierEvent requested = new PaymentRequested(20_000, FEE, vn(2025, 3, 6, 16, 0));
        given(RECEIVED, TRANSFERRED, requested).when(markOverdue(vn(2025, 3, 7, 9, 0))).thenNothing();

        // waited Thursday 16:00 → Monday 09:00: 1 h + 7 h 30 + 1 h 30 = 10 office hours; Thu 17:00 + 10 h = Mon 10:00
        Instant paid = vn(2025, 3, 10, 9, 0);
        DossierEvent recorded = new PaymentRecorded(20_000, "BL-000126", paid);
        DossierEvent moved = new DueDateChanged(PAYMENT_PAUSE, closeOfOffice(2025, 3, 6), due(2025, 3, 10, 10, 0),
                due(2025, 3, 10, 10, 0), due(2025, 3, 10, 10, 0), paid);
        given(RECEIVED, TRANSFERRED, requested).when(new RecordPayment(20_000, "BL-000126", paid))
                .then(recorded, moved);

        given(RECEIVED, TRANSFERRED, requested, recorded, moved).when(markOverdue(vn(2025, 3, 10, 9, 59)))
                .thenNothing();
        given(RECEIVED, TRANSFERRED, requested, recorded, moved).when(markOverdue(vn(2025, 3, 10, 11, 0)))
                .then(new Overdue(due(2025, 3, 10, 10, 0), vn(2025, 3, 10, 10, 0)));
    }

    @Test
    @DisplayName("the moved due is the due of record: done Friday 09:00 is on time, not late")
    void classificationAfterAPause() {
        Instant paid = vn(2025, 3, 4, 14, 0);
        Instant friday = vn(2025, 3, 7, 9, 0);
        var outcome = given(RECEIVED, TRANSFERRED, new PaymentRequested(20_000, FEE, vn(2025, 3, 4, 10, 0)),
                new PaymentRecorded(20_000, "BL-000123", paid),
                new DueDateChanged(PAYMENT_PAUSE, closeOfOffice(2025, 3, 6), due(2025, 3, 7, 9, 30),
                        due(2025, 3, 7, 9, 30), due(2025, 3, 7, 9, 30), paid))
                .when(recordResult(friday)).then(processed(POLICE, friday));
        assertThat(outcome.classify()).isEqualTo(Timeliness.ON_TIME);
        assertThat(outcome.classifyNational()).isEqualTo(Timeliness.ON_TIME);
    }
}
