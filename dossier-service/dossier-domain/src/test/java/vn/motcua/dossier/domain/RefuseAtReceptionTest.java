package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierCommand.RefuseAtReception;
import vn.motcua.dossier.domain.DossierEvent.RefusedAtReception;
import vn.motcua.dossier.domain.Types.Status;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.Channel.COUNTER;

@DisplayName("Refused at reception: wrong authority or invalid, with a reason")
class RefuseAtReceptionTest {
    private static final Instant AT = vn(2025, 3, 3, 9, 15);
    private static final String REASON = "Không thuộc thẩm quyền giải quyết của Công an tỉnh";

    private static RefuseAtReception refuse(String reason) {
        return new RefuseAtReception(CODE, THREE_DAYS, DESK, POLICE, COUNTER, APPLICANT, AT, AT, RECEPTION_OFFICER,
                reason);
    }

    private static RefusedAtReception refused() {
        return new RefusedAtReception(CODE, THREE_DAYS, DESK, POLICE, COUNTER, APPLICANT, AT, AT, RECEPTION_OFFICER,
                REASON);
    }

    @Test
    @DisplayName("creates a dossier refused at reception, never received and never timed")
    void refusedAtReception() {
        DossierState s = given().when(refuse(REASON)).then(refused()).state();
        assertThat(s.exists()).isTrue();
        assertThat(s.status()).isEqualTo(Status.REFUSED_AT_RECEPTION);
        assertThat(s.status().portalCode()).isEqualTo(3);
        assertThat(s.status().open()).isFalse();
        assertThat(s.receivedAt()).isNull();
        assertThat(s.completedAt()).isNull();
        assertThat(s.dueOfRecord().exists()).isFalse();
        assertThat(s.steps()).isEmpty();
    }

    @Test
    @DisplayName("the reason is required")
    void reasonRequired() {
        assertThat(given().when(refuse(" ")).thenRefused(400, "required").field()).isEqualTo("reason");
        given().when(refuse(null)).thenRefused(400, "required");
    }

    @Test
    @DisplayName("a refused dossier cannot be received, transferred or marked overdue")
    void refusedIsFinal() {
        given(refused()).when(receive(THREE_DAYS, COUNTER, vn(2025, 3, 3, 10, 0))).thenRefused(409, "already-exists");
        given(refused()).when(transfer(POLICE, "appraisal", APPRAISER, null, vn(2025, 3, 3, 10, 0)))
                .thenRefused(409, "wrong-status");
        given(refused()).when(markOverdue(vn(2025, 12, 31, 17, 0))).thenNothing();
    }

    @Test
    @DisplayName("the applicant's personal identification number must still have 12 digits")
    void personalIdChecked() {
        Types.Applicant elevenDigits = new Types.Applicant("Nguyễn Văn A", "03820300123", null, null);
        RefuseAtReception command = new RefuseAtReception(CODE, THREE_DAYS, DESK, POLICE, COUNTER, elevenDigits, AT,
                AT, RECEPTION_OFFICER, REASON);
        assertThat(given().when(command).thenRefused(400, "personal-id").field()).isEqualTo("applicant.personalId");
    }
}
