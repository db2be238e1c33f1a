package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.Fixtures.*;

@DisplayName("National portal sync receipts: kept in the history, no state of the dossier depends on them")
class NationalPortalEventsTest {
    private static final Instant MONDAY = vn(2025, 3, 3, 10, 0);

    @Test
    @DisplayName("an acceptance and a refusal by the portal leave the dossier's state as it was")
    void receiptsChangeNoState() {
        DossierEvent received = receivedAtCounter(THREE_DAYS, MONDAY, closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0));
        DossierState before = Dossier.replay(List.of(received));
        DossierState after = Dossier.replay(List.of(received,
                new DossierEvent.NationalPortalSyncRefused(1, "-1", "Mã TTHC không tồn tại", vn(2025, 3, 3, 10, 1)),
                new DossierEvent.SyncedToNationalPortal(1, 2, vn(2025, 3, 3, 11, 0))));

        assertThat(after).isEqualTo(before);
        assertThat(after.status().portalCode()).isEqualTo(2);
    }

    @Test
    @DisplayName("the portal's error is kept to the sizes the contract declares")
    void errorIsCut() {
        var refused = new DossierEvent.NationalPortalSyncRefused(1, "x".repeat(80), "ạ".repeat(900), MONDAY);

        assertThat(refused.errorCode()).hasSize(DossierEvent.NationalPortalSyncRefused.ERROR_CODE_MAX);
        assertThat(refused.errorMessage()).hasSize(DossierEvent.NationalPortalSyncRefused.ERROR_MESSAGE_MAX);
        assertThat(new DossierEvent.NationalPortalSyncRefused(1, "-1", null, MONDAY).errorMessage()).isNull();
    }
}
