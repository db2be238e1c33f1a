package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.dossier.domain.DossierCommand.Consult;
import vn.motcua.dossier.domain.DossierCommand.RecordPayment;
import vn.motcua.dossier.domain.DossierCommand.RequestPayment;
import vn.motcua.dossier.domain.DossierCommand.RequestSupplement;
import vn.motcua.dossier.domain.DossierEvent.PaymentRequested;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;

/**
 * What a careless or hostile desk could type and the rules now refuse: deadlines before the moment they are set or
 * years away, an apology that pushes the appointment out of reach, amounts no fee can have, a payment that does not
 * settle what was asked. The usual dossier: 3 working days, received Monday 3 March 2025 10:00, due Thursday 6 March.
 */
@DisplayName("Plausibility: deadlines, new dates and amounts within sane bounds")
class PlausibilityTest {
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0),
            closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));
    private static final Instant TUESDAY_10 = vn(2025, 3, 4, 10, 0);
    private static final String FEE = "Lệ phí";

    @ParameterizedTest(name = "step deadline {0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2025-03-04T02:59:59Z", "2025-03-04T03:00:00Z",
            "2026-03-05T03:00:01Z", "9999-12-31T23:59:59Z"})
    @DisplayName("a hand-over's step deadline: after the hand-over, and within a year")
    void stepDeadlineBounds(String deadline) {
        RuleViolation v = given(RECEIVED, TRANSFERRED)
                .when(transfer(LEADERSHIP, "approval", LEADER, Instant.parse(deadline), TUESDAY_10))
                .thenRefused(400, "deadline");
        assertThat(v.field()).isEqualTo("stepDeadline");
        assertThat(v.messageVi()).contains("thời hạn");
    }

    @Test
    @DisplayName("a step deadline a minute after the hand-over and one a year later are both accepted")
    void stepDeadlineEdgesAccepted() {
        given(RECEIVED, TRANSFERRED).when(transfer(LEADERSHIP, "approval", LEADER, TUESDAY_10.plusSeconds(60),
                TUESDAY_10)).thenAccepted();
        given(RECEIVED, TRANSFERRED).when(transfer(LEADERSHIP, "approval", LEADER,
                TUESDAY_10.plus(Dossier.DEADLINE_HORIZON), TUESDAY_10)).thenAccepted();
    }

    @Test
    @DisplayName("a consultation's reply deadline: after the question, within a year")
    void replyDeadline() {
        RuleViolation v = given(RECEIVED, TRANSFERRED).when(new Consult(POLICE, LEADERSHIP, "Ý kiến?",
                Instant.parse("1970-01-01T00:00:00Z"), TUESDAY_10)).thenRefused(400, "deadline");
        assertThat(v.field()).isEqualTo("replyDeadline");
    }

    @Test
    @DisplayName("the date to bring documents by: within a year")
    void supplyByWithinAYear() {
        given(RECEIVED).when(new RequestSupplement(POLICE, RECEPTION_OFFICER, List.of("Ảnh"), vn(2025, 3, 3, 11, 0),
                LocalDate.of(9999, 12, 31))).thenRefused(400, "supply-by");
    }

    @Test
    @DisplayName("an apology's new date: at most 30 working days (the rule set's bound) after the date it replaces")
    void apologyNewDateBound() {
        Instant wednesday = vn(2025, 3, 5, 16, 0);
        RuleViolation v = given(RECEIVED, TRANSFERRED).when(apologize(LocalDate.of(9999, 12, 31), wednesday))
                .thenRefused(400, "new-due-date");
        assertThat(v.getMessage()).contains("30 working days");
        // due Thursday 6 March; 30 working days later, Hùng Kings day (Monday 7 April) skipped: Friday 18 April
        LocalDate last = LocalDate.of(2025, 4, 18);
        given(RECEIVED, TRANSFERRED).when(apologize(last, wednesday)).thenAccepted();
        given(RECEIVED, TRANSFERRED).when(apologize(last.plusDays(1), wednesday)).thenRefused(400, "new-due-date");
    }

    @Test
    @DisplayName("a rule set may allow longer extensions")
    void apologyBoundIsTheRuleSets() {
        RuleSet generous = new RuleSet("GENEROUS", LocalDate.of(2018, 1, 1), 1, 1, 3, 1, LocalTime.of(15, 0), true,
                60, true);
        given(RECEIVED, TRANSFERRED).withContext(new Dossier.Context(CONTEXT.calendar(), List.of(generous)))
                .when(apologize(LocalDate.of(2025, 4, 21), vn(2025, 3, 5, 16, 0))).thenAccepted();
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, 1_000_000_000_001L, Long.MAX_VALUE})
    @DisplayName("a fee asked: positive and at most 1,000 billion VND")
    void requestedAmountBounds(long amount) {
        RuleViolation v = given(RECEIVED, TRANSFERRED).when(new RequestPayment(amount, FEE, TUESDAY_10))
                .thenRefused(400, "payment-amount");
        assertThat(v.field()).isEqualTo("amountVnd");
    }

    @Test
    @DisplayName("a payment settles exactly what was asked: 1 VND against 9,223,372,036,854,775,807 is refused")
    void paymentEqualsTheRequest() {
        DossierEvent asked = new PaymentRequested(50_000, FEE, TUESDAY_10);
        Instant paid = vn(2025, 3, 4, 14, 0);
        RuleViolation v = given(RECEIVED, TRANSFERRED, asked).when(new RecordPayment(1, "BL-1", paid))
                .thenRefused(400, "payment-amount");
        assertThat(v.getMessage()).contains("50000");
        given(RECEIVED, TRANSFERRED, asked).when(new RecordPayment(50_001, "BL-1", paid))
                .thenRefused(400, "payment-amount");
        given(RECEIVED, TRANSFERRED, asked).when(new RecordPayment(50_000, "BL-1", paid)).thenAccepted();
        given(RECEIVED, TRANSFERRED, new PaymentRequested(Long.MAX_VALUE, FEE, TUESDAY_10))
                .when(new RecordPayment(1, "BL-1", paid)).thenRefused(400, "payment-amount");
    }

    @Test
    @DisplayName("where the rule set allows partial payment, any amount up to the request settles it")
    void partialPaymentByRuleSet() {
        RuleSet partial = new RuleSet("PARTIAL", LocalDate.of(2018, 1, 1), 1, 1, 3, 1, LocalTime.of(15, 0), true,
                30, false);
        var spec = given(RECEIVED, TRANSFERRED, new PaymentRequested(50_000, FEE, TUESDAY_10))
                .withContext(new Dossier.Context(CONTEXT.calendar(), List.of(partial)));
        spec.when(new RecordPayment(20_000, "BL-2", vn(2025, 3, 4, 14, 0))).thenAccepted();
        spec.when(new RecordPayment(50_001, "BL-2", vn(2025, 3, 4, 14, 0))).thenRefused(400, "payment-amount");
    }
}
