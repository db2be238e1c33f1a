package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierCommand.RequestSupplement;
import vn.motcua.dossier.domain.DossierCommand.SupplySupplement;
import vn.motcua.dossier.domain.DossierEvent.DueDateChanged;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.DossierEvent.SupplementSupplied;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.DueChangeReason.SUPPLEMENT_RESTART;

/**
 * Supplements. The usual dossier: 5 working days, received at the counter Monday 3 March 2025 10:00, due Monday
 * 10 March 17:00; the supplement window is 3 working days of reception, i.e. up to Thursday 6 March.
 */
@DisplayName("Supplement: 3-working-day window, once at the desk, restart of the due of record")
class SupplementTest {
    private static final DossierEvent RECEIVED = receivedAtCounter(FIVE_DAYS, vn(2025, 3, 3, 10, 0),
            closeOfOffice(2025, 3, 10), vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));

    private static RequestSupplement deskRequest(Instant at) {
        return new RequestSupplement(null, RECEPTION_OFFICER, MISSING, at);
    }

    @Test
    @DisplayName("on the 3rd working day (Thursday) the desk may still ask, saying exactly what is missing")
    void dayThreeAllowed() {
        Instant thursday = vn(2025, 3, 6, 16, 30);
        DossierState s = given(RECEIVED).when(deskRequest(thursday))
                .then(new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, thursday)).state();
        assertThat(s.status()).isEqualTo(Status.SUPPLEMENT_REQUESTED);
        assertThat(s.status().portalCode()).isEqualTo(5);
        assertThat(s.waitingSince()).isEqualTo(thursday);
    }

    @Test
    @DisplayName("on the 4th working day (Friday) it is too late")
    void dayFourRefused() {
        RuleViolation v = given(RECEIVED).when(deskRequest(vn(2025, 3, 7, 7, 45)))
                .thenRefused(409, "supplement-window");
        assertThat(v.getMessage()).contains("2025-03-06");
    }

    @Test
    @DisplayName("the window skips the weekend and Hùng Kings day: received Thursday 3 Apr, last day Wednesday 9 Apr")
    void windowOverAHoliday() {
        DossierEvent received = receivedAtCounter(FIVE_DAYS, vn(2025, 4, 3, 10, 0), closeOfOffice(2025, 4, 11),
                vn(2025, 4, 3, 17, 0));
        Instant wednesday = vn(2025, 4, 9, 16, 0);
        given(received).when(deskRequest(wednesday))
                .then(new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, wednesday));
        given(received).when(deskRequest(vn(2025, 4, 10, 8, 0))).thenRefused(409, "supplement-window");
    }

    @Test
    @DisplayName("the worked Saturday counts: received Thursday 24 Apr, last day Monday 28 Apr")
    void windowOverTheSwappedSaturday() {
        DossierEvent received = receivedAtCounter(FIVE_DAYS, vn(2025, 4, 24, 10, 0), closeOfOffice(2025, 5, 5),
                vn(2025, 4, 24, 17, 0));
        Instant monday = vn(2025, 4, 28, 9, 0);
        given(received).when(deskRequest(monday))
                .then(new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, monday));
        given(received).when(deskRequest(vn(2025, 4, 29, 8, 0))).thenRefused(409, "supplement-window");
    }

    @Test
    @DisplayName("the desk asks only once before processing")
    void onceAtReception() {
        given(RECEIVED,
                new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, vn(2025, 3, 4, 9, 0)),
                new SupplementSupplied(DOCS, vn(2025, 3, 5, 9, 0)),
                new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 12),
                        closeOfOffice(2025, 3, 12), closeOfOffice(2025, 3, 11), vn(2025, 3, 5, 9, 0)))
                .when(deskRequest(vn(2025, 3, 5, 14, 0)))
                .thenRefused(409, "supplement-once-at-reception");
    }

    @Test
    @DisplayName("after the transfer to processing, the processing unit may ask again within the window")
    void againDuringAppraisal() {
        Instant wednesday = vn(2025, 3, 5, 9, 0);
        List<String> missing = List.of("Xác nhận của Công an xã về nơi ở hiện tại");
        var outcome = given(RECEIVED,
                new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, vn(2025, 3, 3, 10, 30)),
                new SupplementSupplied(DOCS, vn(2025, 3, 4, 9, 0)),
                new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 11),
                        closeOfOffice(2025, 3, 11), due(2025, 3, 11, 15, 30), vn(2025, 3, 4, 9, 0)),
                toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 4, 10, 0)))
                .when(new RequestSupplement(null, APPRAISER, missing, wednesday))
                .then(new SupplementRequested(POLICE, APPRAISER, missing, 2, wednesday));
        assertThat(outcome.state().supplementRequests()).isEqualTo(2);
        assertThat(outcome.state().supplementsBeforeProcessing()).isEqualTo(1);
    }

    @Test
    @DisplayName("the missing items are required and may not be blank")
    void missingItemsRequired() {
        Instant at = vn(2025, 3, 4, 9, 0);
        given(RECEIVED).when(new RequestSupplement(null, RECEPTION_OFFICER, List.of(), at))
                .thenRefused(400, "missing-items");
        given(RECEIVED).when(new RequestSupplement(null, RECEPTION_OFFICER, null, at))
                .thenRefused(400, "missing-items");
        given(RECEIVED).when(new RequestSupplement(null, RECEPTION_OFFICER, List.of("Tờ khai", " "), at))
                .thenRefused(400, "missing-items");
    }

    @Test
    @DisplayName("supplied Thursday 6 Mar: the due of record restarts (Thursday + 5 working days = Thursday 13 Mar), "
            + "the national due moves by the 18 office hours waited (Thursday 13 Mar 10:30)")
    void supplyRestartsTheDueOfRecord() {
        Instant supplied = vn(2025, 3, 6, 14, 0);
        // waited Tuesday 09:00 → Thursday 14:00: 6 h + 7 h 30 + 4 h 30 = 18 office hours
        var outcome = given(RECEIVED, TRANSFERRED,
                new SupplementRequested(POLICE, APPRAISER, MISSING, 1, vn(2025, 3, 4, 9, 0)))
                .when(new SupplySupplement(DOCS, supplied))
                .then(new SupplementSupplied(DOCS, supplied),
                        new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 13),
                                closeOfOffice(2025, 3, 13), due(2025, 3, 13, 10, 30), supplied));
        DossierState s = outcome.state();
        assertThat(s.status()).isEqualTo(Status.PROCESSING);
        assertThat(s.waitingSince()).isNull();
        assertThat(s.dueAtReception()).isEqualTo(closeOfOffice(2025, 3, 10));
        assertThat(s.dueOfRecord()).isEqualTo(closeOfOffice(2025, 3, 13));
        assertThat(s.currentDue()).isEqualTo(closeOfOffice(2025, 3, 13));
        assertThat(s.nationalDue()).isEqualTo(due(2025, 3, 13, 10, 30));
    }

    @Test
    @DisplayName("restart over Hùng Kings day: supplied Thursday 3 Apr → Friday 11 Apr; national due 9 h 30 later")
    void restartOverAHoliday() {
        DossierEvent received = receivedAtCounter(FIVE_DAYS, vn(2025, 4, 1, 10, 0), closeOfOffice(2025, 4, 9),
                vn(2025, 4, 1, 17, 0));
        Instant supplied = vn(2025, 4, 3, 14, 0);
        // waited Wednesday 10:00 → Thursday 14:00: 5 h + 4 h 30; Wed 9 Apr 17:00 + 9 h 30 = Fri 11 Apr 09:30
        given(received, new SupplementRequested(DESK, RECEPTION_OFFICER, MISSING, 1, vn(2025, 4, 2, 10, 0)))
                .when(new SupplySupplement(DOCS, supplied))
                .then(new SupplementSupplied(DOCS, supplied),
                        new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 4, 9), closeOfOffice(2025, 4, 11),
                                closeOfOffice(2025, 4, 11), due(2025, 4, 11, 9, 30), supplied));
    }

    @Test
    @DisplayName("nothing to supply when no supplement was requested")
    void supplyWithoutRequest() {
        given(RECEIVED, TRANSFERRED).when(new SupplySupplement(DOCS, vn(2025, 3, 4, 9, 0)))
                .thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("no second request while the first is still awaited")
    void noRequestWhileWaiting() {
        given(RECEIVED, TRANSFERRED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, vn(2025, 3, 4, 9, 0)))
                .when(requestSupplement(vn(2025, 3, 4, 10, 0)))
                .thenRefused(409, "wrong-status");
    }

    @Test
    @DisplayName("two supplement requests: early by the law, late for the national measurement")
    void twoRequestsAreLateNationally() {
        // 1st wait Mon 14:00 → Tue 08:00 (3 h 30): record restarts to Tue 11 Mar 17:00, national Tue 11 Mar 11:00
        // 2nd wait Tue 10:00 → Tue 15:00 (3 h): record restarts to Tue 11 Mar 17:00, national Tue 11 Mar 16:00
        Instant secondSupply = vn(2025, 3, 4, 15, 0);
        DossierEvent[] history = {RECEIVED, TRANSFERRED,
                new SupplementRequested(POLICE, APPRAISER, MISSING, 1, vn(2025, 3, 3, 14, 0)),
                new SupplementSupplied(DOCS, vn(2025, 3, 4, 8, 0)),
                new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 3, 10), closeOfOffice(2025, 3, 11),
                        closeOfOffice(2025, 3, 11), due(2025, 3, 11, 11, 0), vn(2025, 3, 4, 8, 0)),
                new SupplementRequested(POLICE, APPRAISER, MISSING, 2, vn(2025, 3, 4, 10, 0))};
        DossierEvent supplied = new SupplementSupplied(DOCS, secondSupply);
        DossierEvent changed = new DueDateChanged(SUPPLEMENT_RESTART, closeOfOffice(2025, 3, 11),
                closeOfOffice(2025, 3, 11), closeOfOffice(2025, 3, 11), due(2025, 3, 11, 16, 0), secondSupply);
        given(history).when(new SupplySupplement(DOCS, secondSupply)).then(supplied, changed);

        DossierEvent[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(history),
                java.util.stream.Stream.of(supplied, changed)).toArray(DossierEvent[]::new);
        Instant wednesday = vn(2025, 3, 5, 10, 0);
        var outcome = given(full).when(recordResult(wednesday)).then(processed(POLICE, wednesday));
        assertThat(outcome.state().supplementRequests()).isEqualTo(2);
        assertThat(outcome.classify()).isEqualTo(Timeliness.EARLY);
        assertThat(outcome.classifyNational()).isEqualTo(Timeliness.LATE);
    }
}
