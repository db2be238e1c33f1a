package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.motcua.dossier.DossierTestSupport.COMMUNE;
import static vn.motcua.dossier.DossierTestSupport.HOURS;
import static vn.motcua.dossier.DossierTestSupport.NO_ONLINE;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.assertProblem;

/** What the desk gets back for a dossier it cannot receive: a 400 that says why, in Vietnamese too, and no trace. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class ReceptionValidationTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        officer = infra.tokens().officer(POLICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"04000000001", "0400000ABCDE", "097000000001", "040 00000000"})
    void givenBadPersonalId_whenReceive_then400OnApplicantPersonalIdWithVietnameseText(String personalId) {
        Map<String, Object> body = DossierTestSupport.idCard();
        @SuppressWarnings("unchecked") Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        applicant.put("personalId", personalId);

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, null)
                .body("violations.field", hasItem("applicant.personalId"))
                .body("violations.find { it.field == 'applicant.personalId' }.message",
                        containsString("số định danh cá nhân"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "applicant | \"Nguyễn Văn An\"",
            "documents | {\"a\": 1}",
            "applicant.fullName | [\"a\", \"b\"]"})
    void givenWrongJsonTokenTypes_whenReceive_then400ProblemNamingTheField(String field, String json) {
        String body = field.contains(".")
                ? "{\"procedureCode\": \"2.000200\", \"applicant\": {\"fullName\": " + json + "}}"
                : "{\"procedureCode\": \"2.000200\", \"" + field + "\": " + json + "}";
        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));
        assertProblem(r, 400, "invalid-input").body("field", equalTo(field))
                .body("detailVi", containsString("không phải JSON hợp lệ"));
    }

    @Test
    void givenUnknownProcedure_whenReceive_then400OnProcedureCode() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("procedureCode", "9.999999");

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("procedureCode"))
                .body("detailVi", containsString("không có thủ tục 9.999999"));
    }

    @Test
    void givenUnknownCompetentUnit_whenReceive_then400OnCompetentUnit() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("competentUnit", "000.00.99.H40");

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("competentUnit"))
                .body("detailVi", containsString("không có đơn vị"));
    }

    @Test
    void givenUnknownReceivingUnit_whenAdminReceives_then400OnReceivingUnit() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivingUnit", "000.00.98.H40");

        Response r = nothingAppended(() -> as(infra.tokens().admin()).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("receivingUnit"));
    }

    @Test
    void givenCompetentUnitOfATypeTheProcedureDoesNotName_whenReceived_then400OnCompetentUnit() {
        // an ID card is issued by the police, not by a commune people's committee
        Map<String, Object> body = DossierTestSupport.receive(DossierTestSupport.ID_CARD, POLICE, "COUNTER");
        body.put("competentUnit", DossierTestSupport.COMMUNE);

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("competentUnit"))
                .body("detailVi", containsString("không có thẩm quyền"));
    }

    @Test
    void givenProcedureWithoutOnlineService_whenReceivedOnline_then400OnlineNotAllowed() {
        Map<String, Object> body = DossierTestSupport.receive(NO_ONLINE, POLICE, "ONLINE");

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "online-not-allowed").body("field", equalTo("channel"))
                .body("detailVi", containsString("dịch vụ công trực tuyến"));
        // the same dossier at the counter is fine
        as(officer).body(DossierTestSupport.receive(NO_ONLINE, POLICE, "COUNTER")).post("/api/v1/dossiers")
                .then().statusCode(201);
    }

    @Test
    void givenProcedureWithoutPostalReception_whenReceivedByPost_then400PostalNotAllowed() {
        Map<String, Object> body = DossierTestSupport.receive(HOURS, POLICE, "POSTAL");

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "postal-not-allowed").body("field", equalTo("channel"))
                .body("detailVi", containsString("bưu chính"));
    }

    @Test
    void givenReceivedAtInTheFuture_whenReceive_then400OnReceivedAt() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivedAt", DossierTestSupport.vn("2026-03-02T11:00").toString());

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("receivedAt"))
                .body("detailVi", containsString("tương lai"));
    }

    @Test
    void givenReceivedAtYesterday_whenLiveReceive_then400OnReceivedAtPointingToTheImport() {
        // 2 March 09:00: received "on Friday" would make a dossier late at once and land in a closed period
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivedAt", DossierTestSupport.vn("2026-02-27T16:00").toString());

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "invalid-input").body("field", equalTo("receivedAt"))
                .body("reason", containsString("import")).body("detailVi", containsString("đầu ngày hôm nay"));
    }

    @Test
    void givenReceivedAtEarlierToday_whenLiveReceive_thenAcceptedWithThatInstant() {
        // the desk types in at 09:00 what it received at 07:45: the same working day is allowed
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivedAt", DossierTestSupport.vn("2026-03-02T07:45").toString());

        as(officer).body(body).post("/api/v1/dossiers").then().statusCode(201)
                .body("receivedAt", equalTo(DossierTestSupport.vn("2026-03-02T07:45").toString()));
    }

    @Test
    void givenSubmittedAfterReceived_whenReceive_then400() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivedAt", DossierTestSupport.vn("2026-03-02T08:00").toString());
        body.put("submittedAt", DossierTestSupport.vn("2026-03-02T08:30").toString());

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, "submitted-after-received").body("field", equalTo("submittedAt"));
    }

    @Test
    void givenMalformedJson_whenReceive_then400NotA500() {
        Response r = nothingAppended(() -> given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + officer)
                .body("{\"procedureCode\": \"2.000200\", \"receivingUnit\": ").post("/api/v1/dossiers"));

        assertProblem(r, 400, null);
    }

    @Test
    void givenWrongValueType_whenReceive_then400NotA500() {
        Response r = nothingAppended(() -> given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + officer)
                .body("{\"procedureCode\": \"2.000200\", \"receivingUnit\": \"000.00.20.H40\", "
                        + "\"competentUnit\": \"000.00.20.H40\", \"channel\": \"CARRIER_PIGEON\", "
                        + "\"applicant\": {\"fullName\": \"Lê Văn Nam\", \"personalId\": \"040012345678\"}}")
                .post("/api/v1/dossiers"));

        assertProblem(r, 400, null);
    }

    @Test
    void givenMissingBody_whenReceive_then400() {
        Response r = nothingAppended(() -> given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + officer).post("/api/v1/dossiers"));

        assertProblem(r, 400, null);
    }

    @Test
    void givenMissingApplicantAndChannel_whenReceive_then400NamingEachField() {
        Map<String, Object> body = DossierTestSupport.receive(DossierTestSupport.ID_CARD, COMMUNE, null);
        body.remove("applicant");
        body.put("receivingUnit", POLICE);

        Response r = nothingAppended(() -> as(officer).body(body).post("/api/v1/dossiers"));

        assertProblem(r, 400, null)
                .body("violations.field", hasItem("applicant"))
                .body("violations.field", hasItem("channel"));
    }

    /** Runs a refused request and checks it left no event, read row, outbox row or used code behind. */
    private Response nothingAppended(Supplier<Response> request) {
        List<Long> before = DossierTestSupport.footprint(infra);
        Response r = request.get();
        assertThat(r.statusCode()).as("status of %s", r.asString()).isLessThan(500);
        assertThat(DossierTestSupport.footprint(infra)).as("events, views, outbox, codes, keys").isEqualTo(before);
        return r;
    }
}
