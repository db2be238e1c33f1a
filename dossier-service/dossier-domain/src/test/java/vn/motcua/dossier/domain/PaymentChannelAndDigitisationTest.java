package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierCommand.RecordPayment;
import vn.motcua.dossier.domain.DossierCommand.RecordResult;
import vn.motcua.dossier.domain.DossierCommand.SupplySupplement;
import vn.motcua.dossier.domain.DossierEvent.PaymentRecorded;
import vn.motcua.dossier.domain.DossierEvent.PaymentRequested;
import vn.motcua.dossier.domain.DossierEvent.Processed;
import vn.motcua.dossier.domain.DossierEvent.Received;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.PaymentChannel;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;

/**
 * What Decision 766's online-payment and digitisation groups count (DOMAIN.md §9): the channel a fee was paid by,
 * which submitted components were digitised, and whether the result was issued electronically. All optional: a
 * command that does not say leaves them null ("not said"), never "no".
 */
@DisplayName("Payment channel, digitised components and electronic results")
class PaymentChannelAndDigitisationTest {
    private static final Instant MONDAY_10 = vn(2025, 3, 3, 10, 0);
    private static final Received RECEIVED = receivedAtCounter(THREE_DAYS, MONDAY_10, closeOfOffice(2025, 3, 6),
            vn(2025, 3, 3, 17, 0));

    private static DossierCommand.Receive receiveWithDigitised(List<String> digitised) {
        return new DossierCommand.Receive(CODE, THREE_DAYS, DESK, POLICE, Channel.COUNTER, APPLICANT, DOCS, MONDAY_10,
                MONDAY_10, RECEPTION_OFFICER, null, digitised);
    }

    @Test
    @DisplayName("the reception records which of the submitted components the desk digitised")
    void receptionRecordsDigitisedComponents() {
        Received received = (Received) given().when(receiveWithDigitised(List.of(DOCS.get(0)))).thenAccepted().events().get(0);

        assertThat(received.digitisedDocuments()).containsExactly(DOCS.get(0));
        assertThat(Types.allDigitised(received.documents(), received.digitisedDocuments())).isFalse();
    }

    @Test
    @DisplayName("all components digitised: the dossier counts as digitised; nothing said: unknown, not 'no'")
    void allDigitisedOrUnknown() {
        Received all = (Received) given().when(receiveWithDigitised(DOCS)).thenAccepted().events().get(0);
        Received unsaid = (Received) given().when(receive(THREE_DAYS, Channel.COUNTER, MONDAY_10)).thenAccepted().events().get(0);

        assertThat(Types.allDigitised(all.documents(), all.digitisedDocuments())).isTrue();
        assertThat(unsaid.digitisedDocuments()).isNull();
        assertThat(Types.allDigitised(unsaid.documents(), unsaid.digitisedDocuments())).isNull();
    }

    @Test
    @DisplayName("a digitised component that was not submitted is refused, naming the field")
    void digitisedMustBeSubmitted() {
        RuleViolation v = given().when(receiveWithDigitised(List.of("Giấy khai sinh")))
                .thenRefused(400, "digitised-not-submitted");

        assertThat(v.field()).isEqualTo("digitisedDocuments");
        assertThat(v.messageVi()).contains("số hóa");
    }

    @Test
    @DisplayName("a supplement's documents say which were digitised, checked the same way")
    void supplementDigitised() {
        Instant asked = vn(2025, 3, 4, 9, 0);
        Instant supplied = vn(2025, 3, 4, 15, 0);
        var given = given(RECEIVED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, asked));

        DossierEvent first = given.when(new SupplySupplement(MISSING, supplied, MISSING)).thenAccepted().events().get(0);
        assertThat(((DossierEvent.SupplementSupplied) first).digitisedDocuments()).isEqualTo(MISSING);

        given(RECEIVED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, asked))
                .when(new SupplySupplement(MISSING, supplied, DOCS)).thenRefused(400, "digitised-not-submitted");
    }

    @Test
    @DisplayName("a payment records its channel; the national portal and the province's gateway are online, the desk is not")
    void paymentChannel() {
        Instant requested = vn(2025, 3, 4, 10, 0);
        Instant paid = vn(2025, 3, 4, 10, 30);
        DossierEvent recorded = given(RECEIVED, new PaymentRequested(20_000, "Lệ phí", requested))
                .when(new RecordPayment(20_000, "BL-1", paid, PaymentChannel.PROVINCE_GATEWAY)).thenAccepted().events().get(0);

        assertThat(recorded).isEqualTo(new PaymentRecorded(20_000, "BL-1", paid, PaymentChannel.PROVINCE_GATEWAY));
        assertThat(PaymentChannel.NATIONAL_PORTAL.online()).isTrue();
        assertThat(PaymentChannel.PROVINCE_GATEWAY.online()).isTrue();
        assertThat(PaymentChannel.DESK.online()).isFalse();
    }

    @Test
    @DisplayName("the result says whether it was issued electronically")
    void electronicResult() {
        Instant at = vn(2025, 3, 5, 10, 0);
        DossierEvent processed = given(RECEIVED)
                .when(new RecordResult(null, LEADER, Outcome.GRANTED, "QD-1", at, true)).thenAccepted().events().get(0);

        assertThat(processed).isEqualTo(new Processed(DESK, LEADER, Outcome.GRANTED, "QD-1", at, true));
        assertThat(((Processed) given(RECEIVED).when(recordResult(at)).thenAccepted().events().get(0)).issuedElectronically())
                .isNull();
    }
}
