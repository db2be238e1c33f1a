package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.dossier.domain.DossierCommand.RecordNotice;
import vn.motcua.dossier.domain.DossierEvent.ApplicantNotified;
import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;
import vn.motcua.dossier.domain.Types.ReturnChannel;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;

@DisplayName("Notices: which events the applicant is told of, on which channel, and the receipt in the stream")
class NoticesTest {
    private static final Instant MONDAY = vn(2025, 3, 3, 10, 0);
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, MONDAY, closeOfOffice(2025, 3, 6),
            vn(2025, 3, 3, 17, 0));

    @Test
    @DisplayName("each event the law makes the desk tell of calls for its notice; the others for none")
    void kindsByEvent() {
        Instant at = vn(2025, 3, 4, 9, 0);
        assertThat(Notices.forEvent(RECEIVED)).contains(NoticeKind.RECEIPT);
        assertThat(Notices.forEvent(new DossierEvent.SupplementRequested(POLICE, APPRAISER, MISSING, 1, at)))
                .contains(NoticeKind.SUPPLEMENT_REQUEST);
        assertThat(Notices.forEvent(new DossierEvent.RefusedAfterAppraisal(POLICE, APPRAISER, "Không đủ điều kiện", at)))
                .contains(NoticeKind.REFUSAL);
        assertThat(Notices.forEvent(new DossierEvent.Apologized(POLICE, "Cần xác minh", closeOfOffice(2025, 3, 11), at)))
                .contains(NoticeKind.APOLOGY);
        assertThat(Notices.forEvent(new DossierEvent.Stopped("Người nộp đề nghị dừng", at))).contains(NoticeKind.STOP);
        assertThat(Notices.forEvent(processed(POLICE, at))).contains(NoticeKind.RESULT_READY);
        assertThat(Notices.forEvent(new DossierEvent.Returned(ReturnChannel.COUNTER, at))).contains(NoticeKind.RETURNED);
        assertThat(Notices.forEvent(new DossierEvent.Overdue(closeOfOffice(2025, 3, 6), at)))
                .as("the overdue mark: the apology is what tells").isEmpty();
        assertThat(Notices.forEvent(toAppraisal(at, at))).isEmpty();
        assertThat(Notices.forEvent(new ApplicantNotified(NoticeKind.RECEIPT, NoticeChannel.SMS, 1, true, 1, at)))
                .as("a receipt of a notice is not told of again").isEmpty();
    }

    @ParameterizedTest(name = "chose {0}, phone {1}, e-mail {2}: told by {3}")
    @CsvSource(nullValues = "-", value = {
            "EMAIL, 0912345678, an@example.vn, EMAIL",
            "SMS,   0912345678, an@example.vn, SMS",
            "NONE,  0912345678, an@example.vn, NONE",
            "-,     0912345678, an@example.vn, EMAIL",
            "-,     0912345678, -,             SMS",
            "-,     -,          -,             NONE",
            "-,     '  ',       ' ',           NONE"})
    void channel(NoticeChannel chose, String phone, String email, NoticeChannel expected) {
        assertThat(Notices.channelOf(new Applicant("Nguyễn Văn An", "040095001234", phone, email, chose)))
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("a channel chosen without its contact is refused at reception, naming the missing field")
    void chosenChannelNeedsItsContact() {
        Applicant noEmail = new Applicant("Nguyễn Văn An", "040095001234", "0912345678", null, NoticeChannel.EMAIL);
        var c = new DossierCommand.Receive(CODE, THREE_DAYS, DESK, POLICE, Channel.COUNTER, noEmail, DOCS, MONDAY,
                MONDAY, RECEPTION_OFFICER, null);
        assertThat(given().when(c).thenRefused(400, "notice-contact").field()).isEqualTo("applicant.email");
        Applicant noPhone = new Applicant("Nguyễn Văn An", "040095001234", null, "an@example.vn", NoticeChannel.SMS);
        var refuse = new DossierCommand.RefuseAtReception(CODE, THREE_DAYS, DESK, POLICE, Channel.COUNTER, noPhone,
                MONDAY, MONDAY, RECEPTION_OFFICER, "Thiếu giấy tờ");
        assertThat(given().when(refuse).thenRefused(400, "notice-contact").field()).isEqualTo("applicant.phone");
    }

    @Test
    @DisplayName("a delivery receipt is recorded whatever the status, even after the result was returned")
    void receiptAfterReturn() {
        Instant done = vn(2025, 3, 5, 15, 0);
        Instant told = vn(2025, 3, 5, 15, 1);
        var outcome = given(RECEIVED, toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0)), processed(POLICE, done),
                new DossierEvent.Returned(ReturnChannel.COUNTER, done))
                .when(new RecordNotice(NoticeKind.RETURNED, NoticeChannel.EMAIL, 4, true, 2, told))
                .then(new ApplicantNotified(NoticeKind.RETURNED, NoticeChannel.EMAIL, 4, true, 2, told));
        assertThat(outcome.state()).as("no state depends on a receipt")
                .isEqualTo(Dossier.replay(List.of(RECEIVED, toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0)),
                        processed(POLICE, done), new DossierEvent.Returned(ReturnChannel.COUNTER, done))));
    }

    @Test
    @DisplayName("a receipt names a real channel and an event of the stream; not before the dossier exists")
    void receiptIsChecked() {
        Instant at = vn(2025, 3, 4, 9, 0);
        given(RECEIVED).when(new RecordNotice(NoticeKind.RECEIPT, NoticeChannel.NONE, 1, true, 1, at))
                .thenRefused(400, "notice-channel");
        given(RECEIVED).when(new RecordNotice(NoticeKind.RECEIPT, NoticeChannel.SMS, 0, true, 1, at))
                .thenRefused(400, "notice-version");
        given().when(new RecordNotice(NoticeKind.RECEIPT, NoticeChannel.SMS, 1, true, 1, at))
                .thenRefused(404, "not-found");
    }
}
