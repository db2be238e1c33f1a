package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.satisfaction.events.RatingTokens;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.SmsGatewayStandIn;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.dossier.DossierTestSupport.*;

/**
 * Telling the applicant (DOMAIN.md §8), end to end on a real SMTP server and the SMS gateway stand-in: the messages
 * that arrive, their Vietnamese words and dates, one per event and channel across an outage, and the desk's list of
 * what could not be delivered.
 */
@QuarkusTest
@TestProfile(NoticeServers.class)
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class NoticeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void catalog() {
        DossierTestSupport.ensureCatalog(infra);
        NoticeServers.sms.down(false);
    }

    private static Map<String, Object> dossier(String email, String phone, String notifyBy) {
        Map<String, Object> body = idCard();
        Map<String, Object> applicant = new HashMap<>(applicant());
        applicant.put("email", email);
        applicant.put("phone", phone);
        if (notifyBy != null) {
            applicant.put("notifyBy", notifyBy);
        }
        body.put("applicant", applicant);
        return body;
    }

    private static List<MimeMessage> mailTo(String address) {
        return NoticeServers.mail.received().stream().filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String text(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<SmsGatewayStandIn.Sms> smsTo(String phone) {
        return NoticeServers.sms.accepted().stream().filter(s -> s.to().equals(phone)).toList();
    }

    private long attemptsRecorded(String dossierId) {
        return count(infra, "select count(*) from dossier.notice_attempt a join dossier.notice n on n.id = a.notice_id "
                + "where n.dossier_id = ?::uuid", dossierId);
    }

    private long failed(String dossierId) {
        return count(infra, "select count(*) from dossier.notice where dossier_id = ?::uuid and state = 'FAILED'", dossierId);
    }

    @Test
    void receivedSupplementedApologizedProcessedAndReturnedTellsTheApplicantFiveTimesInVietnamese() {
        String officer = infra.tokens().officer(POLICE);
        String pc06 = infra.tokens().officer(PC06);
        String email = "hoa." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        // Monday 2 March 2026 09:00 at the counter: 3 working days committed -> due Thursday 5 March
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        var receipt = received(officer, dossier(email, "0912345678", "EMAIL"));
        String id = receipt.getString("id");
        String code = receipt.getString("code");
        String secret = receipt.getString("lookupSecret");
        assertThat(receipt.getString("due.date")).isEqualTo("2026-03-05");

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        MimeMessage first = mailTo(email).get(0);
        assertThat(subject(first)).isEqualTo("Giấy tiếp nhận hồ sơ và hẹn trả kết quả - " + code);
        assertThat(text(first)).contains("Kính gửi Ông/Bà Nguyễn Thị Hoa", "Mã hồ sơ: " + code,
                "Hẹn trả kết quả: 05/03/2026", "Thời điểm tiếp nhận: 09 giờ 00 phút, ngày 02/03/2026",
                "https://dichvucong.nghean.gov.vn/tra-cuu?ma=" + code, "mã tra cứu: " + secret, "Mẫu số 01");

        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-02T14:00");
        command(pc06, id, "supplement-requests", Map.of("missing", List.of("Giấy xác nhận thông tin cư trú"),
                "supplyBy", "2026-03-06")).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-03T09:00");
        String newDue = command(pc06, id, "supplements", Map.of("documents", List.of("Giấy xác nhận thông tin cư trú")))
                .then().statusCode(200).extract().path("currentDue.date");
        TestClock.CLOCK.setVietnam("2026-03-04T10:00");
        command(pc06, id, "apology", Map.of("unitAtFault", PC06, "reason", "Cần xác minh thêm thông tin cư trú",
                "newDueDate", "2026-03-10")).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-09T15:00");
        command(pc06, id, "result", Map.of("outcome", "GRANTED", "resultDocumentRef", "CCCD-040-2026-0002"))
                .then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-10T08:00");
        command(officer, id, "return", Map.of("channel", "COUNTER")).then().statusCode(200);

        await().atMost(WAIT).until(() -> mailTo(email).size() == 5);
        List<MimeMessage> mail = mailTo(email);
        assertThat(mail).extracting(NoticeTest::subject).containsExactly(
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả - " + code,
                "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ - " + code,
                "Văn bản xin lỗi và hẹn lại ngày trả kết quả - " + code,
                "Hồ sơ đã có kết quả - " + code,
                "Đã trả kết quả hồ sơ - mời đánh giá - " + code);
        assertThat(text(mail.get(1))).contains("- Giấy xác nhận thông tin cư trú", "trước ngày 06/03/2026", "Mẫu số 02")
                .doesNotContain(secret);
        assertThat(text(mail.get(2))).contains("Lý do: Cần xác minh thêm thông tin cư trú",
                "Ngày hẹn trả kết quả mới: 10/03/2026", "chưa thể trả kết quả đúng hẹn ngày "
                        + java.time.LocalDate.parse(newDue).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                "Mẫu số 04");
        assertThat(text(mail.get(3))).contains("đã có kết quả", "giấy tờ tùy thân");
        Matcher link = Pattern.compile("https://\\S+/(\\S{38})").matcher(text(mail.get(4)));
        assertThat(link.find()).as("a rating link in %s", text(mail.get(4))).isTrue();
        assertThat(new RatingTokens("test-only-rating-link-key").verify(link.group(1)))
                .as("the link satisfaction-service accepts for this dossier").contains(UUID.fromString(id));

        // each delivery is a receipt in the dossier's stream, published like every event; no secret is kept
        List<DossierEventEnvelope> published = awaitPublished(infra, id, 14);
        assertThat(published.stream().filter(e -> e.type().equals("DossierApplicantNotified"))
                .map(e -> (vn.motcua.dossier.domain.DossierEvent.ApplicantNotified) e.data())
                .map(n -> n.kind() + ":" + n.channel() + ":" + n.delivered()))
                .containsExactly("RECEIPT:EMAIL:true", "SUPPLEMENT_REQUEST:EMAIL:true", "APOLOGY:EMAIL:true",
                        "RESULT_READY:EMAIL:true", "RETURNED:EMAIL:true");
        assertThat(count(infra, "select count(*) from dossier.notice where dossier_id = ?::uuid and lookup_secret is not null", id))
                .isZero();
        assertThat(count(infra, "select count(*) from dossier.notice where dossier_id = ?::uuid and state = 'DELIVERED'", id))
                .isEqualTo(5);
    }

    @Test
    void withTheSmsGatewayDownForAWhileEveryTextArrivesOnceInOrder() {
        String officer = infra.tokens().officer(POLICE);
        String pc06 = infra.tokens().officer(PC06);
        String phone = "09" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
        NoticeServers.sms.down(true);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        Map<String, Object> body = dossier(null, phone, "SMS");
        var receipt = received(officer, body);
        String id = receipt.getString("id");
        String code = receipt.getString("code");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        command(pc06, id, "supplement-requests", Map.of("missing", List.of("Ảnh chân dung")))
                .then().statusCode(200);

        // tried and refused by the gateway, then tried again after the backoff; the supplement notice waits behind
        await().atMost(WAIT).until(() -> attemptsRecorded(id) >= 1);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(1)));
        await().atMost(WAIT).until(() -> attemptsRecorded(id) >= 2);
        assertThat(count(infra, "select count(*) from dossier.notice_attempt a join dossier.notice n on n.id = a.notice_id "
                + "where n.dossier_id = ?::uuid and n.kind = 'SUPPLEMENT_REQUEST'", id))
                .as("a dossier's later notice waits behind the earlier one").isZero();
        assertThat(smsTo(phone)).isEmpty();
        // waiting to be sent, the notice holds the phone and the receipt's secret: sealed, so a copy of the database
        // shows them only in the event store (the one table that must hold the applicant)
        @SuppressWarnings("unchecked") String personalId = ((Map<String, Object>) body.get("applicant")).get("personalId").toString();
        assertThat(vn.motcua.testinfra.Sql.whereInClear(infra.postgres(), infra.database(),
                List.of(phone, personalId, receipt.getString("lookupSecret"))))
                .containsOnly(Map.entry(phone, List.of("dossier.dossier_event")),
                        Map.entry(personalId, List.of("dossier.dossier_event")));
        assertThat(rows(infra, "select recipient, lookup_secret from dossier.notice where dossier_id = ?::uuid "
                + "and kind = 'RECEIPT'", id)).singleElement()
                .satisfies(r -> assertThat(r.values()).allSatisfy(v -> assertThat(v.toString()).startsWith("e1:")));

        NoticeServers.sms.down(false);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(2)));
        await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
        List<SmsGatewayStandIn.Sms> texts = smsTo(phone);
        assertThat(texts.get(0).text()).contains("da tiep nhan ho so " + code, "Hen tra ket qua: 05/03/2026",
                receipt.getString("lookupSecret"));
        assertThat(texts.get(1).text()).contains("ho so " + code + " can bo sung: Anh chan dung");
        assertThat(texts).allSatisfy(t -> assertThat(t.text()).as("SMS in the GSM alphabet: no diacritics")
                .matches("[\\x20-\\x7E]+"));
        assertThat(NoticeServers.sms.duplicates()).as("no text reached the gateway twice").isZero();
        await().atMost(WAIT).until(() -> eventTypes(infra, id).stream().filter("DossierApplicantNotified"::equals).count() == 2);
        assertThat(rows(infra, "select attempts, state from dossier.notice where dossier_id = ?::uuid order by id", id))
                .extracting(r -> r.get("state")).containsExactly("DELIVERED", "DELIVERED");
        assertThat(count(infra, "select attempts from dossier.notice where dossier_id = ?::uuid and kind = 'RECEIPT'", id))
                .as("the reception notice was tried while the gateway was down").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aNoticeGivenUpIsListedForTheDeskWithTheApplicantsPhoneAndCanBeSentAgain() {
        String officer = infra.tokens().officer(POLICE);
        String phone = "08" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
        NoticeServers.sms.down(true);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String id = received(officer, dossier(null, phone, "SMS")).getString("id");
        // four attempts, 10 s, 20 s, 40 s apart: the clock moves two minutes after each until the sender gives up
        for (int i = 0; i < 6 && failed(id) == 0; i++) {
            long recorded = attemptsRecorded(id);
            await().atMost(WAIT).until(() -> attemptsRecorded(id) > recorded);
            TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(2)));
        }
        await().atMost(WAIT).until(() -> failed(id) == 1);

        var failed = as(officer).get("/api/v1/notices/failed").then().statusCode(200).extract().jsonPath();
        int index = failed.getList("applicantPhone").indexOf(phone);
        assertThat(index).as("the desk's list names the applicant to phone").isNotNegative();
        assertThat(failed.getString("[" + index + "].applicantName")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(failed.getString("[" + index + "].kind")).isEqualTo("RECEIPT");
        assertThat(failed.getString("[" + index + "].form")).isEqualTo("01");
        assertThat(failed.getInt("[" + index + "].attempts")).isEqualTo(4);
        assertThat(failed.getString("[" + index + "].lastError")).contains("503");
        long noticeId = failed.getLong("[" + index + "].id");
        // another unit's officer sees neither the list entry nor the notice
        assertThat(as(infra.tokens().officer(COMMUNE)).get("/api/v1/notices/failed").then().statusCode(200)
                .extract().jsonPath().getList("applicantPhone")).doesNotContain(phone);
        as(infra.tokens().officer(COMMUNE)).post("/api/v1/notices/" + noticeId + "/resend").then().statusCode(404);
        await().atMost(WAIT).until(() -> eventTypes(infra, id).contains("DossierApplicantNotified"));

        assertProblem(as(officer).body(Map.of("recipient", "not-a-phone")).post("/api/v1/notices/" + noticeId + "/resend"),
                400, "invalid-input").body("violations[0].field", equalTo("recipient"));
        NoticeServers.sms.down(false);
        as(officer).body(Map.of()).post("/api/v1/notices/" + noticeId + "/resend").then().statusCode(200)
                .body("state", equalTo("PENDING"));
        await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
        as(officer).body(Map.of()).post("/api/v1/notices/" + noticeId + "/resend").then().statusCode(409);
        await().atMost(WAIT).until(() -> eventTypes(infra, id).stream().filter("DossierApplicantNotified"::equals).count() == 2);
        as(officer).get("/api/v1/notices/" + noticeId).then().statusCode(200).body("state", equalTo("DELIVERED"))
                .body("attemptLog.size()", equalTo(5)).body("attemptLog[4].outcome", equalTo("DELIVERED"));
    }

    @Test
    void refusalsAndAStopAreToldWithTheirReason() {
        String officer = infra.tokens().officer(POLICE);
        String email = "tuchoi." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        String phone = "07" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        Map<String, Object> refusal = new HashMap<>(dossier(email, null, null));
        refusal.remove("documents");
        refusal.put("reason", "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị");
        String refusedCode = as(officer).body(refusal).post("/api/v1/dossiers/refusals").then().statusCode(201)
                .extract().path("code");
        String stoppedId = received(officer, dossier(null, phone, null)).getString("id");
        String appraisedId = received(officer, dossier(email, null, null)).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T11:00");
        command(officer, stoppedId, "stop", Map.of("reason", "Cong dan de nghi dung giai quyet")).then().statusCode(200);
        command(officer, appraisedId, "refusal", Map.of("reason", "Ảnh chân dung không đạt yêu cầu"))
                .then().statusCode(200);

        await().atMost(WAIT).until(() -> mailTo(email).size() == 3 && smsTo(phone).size() == 2);
        assertThat(mailTo(email)).filteredOn(m -> subject(m).startsWith("Phiếu từ chối")).extracting(NoticeTest::text)
                .anySatisfy(t -> assertThat(t).contains(refusedCode, "Lý do: Hồ sơ không thuộc thẩm quyền", "Mẫu số 03"))
                .anySatisfy(t -> assertThat(t).contains("Lý do: Ảnh chân dung không đạt yêu cầu"));
        assertThat(smsTo(phone).get(1).text()).contains("dung xu ly ho so", "Ly do: Cong dan de nghi dung giai quyet");
    }

    @Test
    void hostileOrCarelessInputToTheNoticeFieldsAndEndpointsIsRefusedWithProblemJson() {
        String officer = infra.tokens().officer(POLICE);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String id = received(officer, dossier(null, null, "NONE")).getString("id");
        // a supplement to bring by a day already past, or a date that is not one
        assertProblem(command(officer, id, "supplement-requests", Map.of("missing", List.of("Ảnh"), "supplyBy", "2026-03-01")),
                400, "supply-by").body("violations[0].field", equalTo("supplyBy"));
        assertProblem(command(officer, id, "supplement-requests", Map.of("missing", List.of("Ảnh"), "supplyBy", "06/03/2026")),
                400, null);
        assertThat(eventTypes(infra, id)).containsExactly("DossierReceived");
        // the desk's endpoints: bad paths, queries and bodies, and callers without the role
        as(officer).get("/api/v1/notices/not-a-number").then().statusCode(404);
        as(officer).get("/api/v1/notices/999999999").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        assertProblem(as(officer).queryParam("limit", 0).get("/api/v1/notices/failed"), 400, null);
        assertProblem(as(officer).queryParam("limit", "2147483648").get("/api/v1/notices/failed"), 400, null);
        assertProblem(as(officer).queryParam("unit", "x'; drop table notice;--").get("/api/v1/notices/failed"), 400, null);
        assertProblem(as(officer).queryParam("unit", PC06 + "\u0000").get("/api/v1/notices/failed"), 400, null);
        assertProblem(as(officer).queryParam("unit", COMMUNE).get("/api/v1/notices/failed"), 403, "not-your-unit");
        as(infra.tokens().analyst()).get("/api/v1/notices/failed").then().statusCode(403);
        given().get("/api/v1/notices/failed").then().statusCode(401);
        assertProblem(as(officer).body("{\"recipient\": ").post("/api/v1/notices/1/resend"), 400, null);
        assertProblem(as(officer).body("[1, 2]").post("/api/v1/notices/1/resend"), 400, null);
    }

    @Test
    void noneIsAValidChoiceAndAChannelWithoutItsContactIsRefused() {
        String officer = infra.tokens().officer(POLICE);
        String email = "none." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String id = received(officer, dossier(email, null, "NONE")).getString("id");
        assertProblem(as(officer).body(dossier(null, null, "EMAIL")).post("/api/v1/dossiers"), 400, "notice-contact")
                .body("violations[0].field", equalTo("applicant.email"));
        assertProblem(as(officer).body(dossier(null, null, "FAX")).post("/api/v1/dossiers"), 400, null);
        assertThat(count(infra, "select count(*) from dossier.notice where dossier_id = ?::uuid", id)).isZero();
        assertThat(mailTo(email)).isEmpty();
    }
}
