package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.app.DossierCommands;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.dossier.DossierTestSupport.COMMUNE;
import static vn.motcua.dossier.DossierTestSupport.HOURS;
import static vn.motcua.dossier.DossierTestSupport.ID_CARD;
import static vn.motcua.dossier.DossierTestSupport.NO_ONLINE;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.PC08;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.assertProblem;
import static vn.motcua.dossier.DossierTestSupport.command;

/**
 * Who sees and does what: officers act for their unit (and the units a dossier passed through), systems for the units
 * of their token, analysts read without personal data; and the work queues each desk works from.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class WorkQueueAndAccessTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String police;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        police = infra.tokens().officer(POLICE);
    }

    // ------------------------------------------------------------------ access

    @Test
    void givenDossierOfAnotherUnit_whenItsOfficerReadsOrActs_then404AsIfItDidNotExist() {
        JsonPath receipt = DossierTestSupport.received(police, DossierTestSupport.idCard());
        String id = receipt.getString("id");
        String pc08 = infra.tokens().officer(PC08);

        for (String path : List.of(id, receipt.getString("code"), id + "/events", id + "/control-sheet")) {
            assertProblem(as(pc08).get("/api/v1/dossiers/" + path), 404, "not-found");
        }
        assertProblem(command(pc08, id, "result", Map.of("outcome", "GRANTED")), 404, "not-found");
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");
    }

    @Test
    void givenOfficerOfAnotherUnit_whenReceivingForThatUnit_then403AndNothingAppended() {
        List<Long> before = DossierTestSupport.footprint(infra);

        assertProblem(as(infra.tokens().officer(PC08)).body(DossierTestSupport.idCard()).post("/api/v1/dossiers"),
                403, "unit-not-allowed").body("field", equalTo("receivingUnit"));

        assertThat(DossierTestSupport.footprint(infra)).isEqualTo(before);
    }

    @Test
    void givenTransferredToAnotherUnit_whenThatUnitsOfficerActs_thenAllowedAndTheReceivingUnitStillSeesIt() {
        String id = DossierTestSupport.received(police, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(police, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        String pc06 = infra.tokens().officer(PC06);

        as(pc06).get("/api/v1/dossiers/" + id).then().statusCode(200)
                .body("currentUnit", equalTo(PC06)).body("applicant.fullName", equalTo("Nguyễn Thị Hoa"));
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        command(pc06, id, "result", Map.of("outcome", "DENIED", "resultDocumentRef", "CV-PC06-2026-15"))
                .then().statusCode(200).body("status", equalTo("PROCESSED")).body("outcome", equalTo("DENIED"));

        as(police).get("/api/v1/dossiers/" + id).then().statusCode(200).body("status", equalTo("PROCESSED"));
        assertProblem(as(infra.tokens().officer(PC08)).get("/api/v1/dossiers/" + id), 404, "not-found");
    }

    @Test
    void givenADeskReceivingForAnotherCompetentUnit_whenTheDeskDecidesIt_then403AndOnlyTheCompetentUnitDecides() {
        // the provincial police's desk receives for its division PC06 (reception anywhere in the province)
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("competentUnit", PC06);
        String id = DossierTestSupport.received(police, body).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");

        assertProblem(command(police, id, "refusal", Map.of("reason", "Không đủ điều kiện")), 403, "not-competent")
                .body("detailVi", org.hamcrest.Matchers.containsString("thẩm quyền"));
        assertProblem(command(police, id, "result", Map.of("outcome", "GRANTED")), 403, "not-competent");
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");

        // the desk still does the desk's work: it hands the dossier over; the competent unit decides
        command(police, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        command(infra.tokens().officer(PC06), id, "refusal", Map.of("reason", "Không đủ điều kiện"))
                .then().statusCode(200).body("status", equalTo("REFUSED_AFTER_APPRAISAL"));
    }

    @Test
    void givenSystemTokenWithUnits_whenActing_thenOnlyForThoseUnits() {
        String portal = infra.tokens().system("dvc-nghean", POLICE);
        String commune = infra.tokens().officer(COMMUNE);

        String ours = DossierTestSupport.received(portal, DossierTestSupport.receive(ID_CARD, POLICE, "ONLINE"))
                .getString("id");
        command(portal, ours, "transfers", Map.of("toUnit", PC06)).then().statusCode(200);
        assertProblem(as(portal).body(DossierTestSupport.receive(NO_ONLINE, COMMUNE, "COUNTER"))
                .post("/api/v1/dossiers"), 403, "unit-not-allowed").body("field", equalTo("receivingUnit"));

        String theirs = DossierTestSupport.received(commune, DossierTestSupport.receive(NO_ONLINE, COMMUNE, "COUNTER"))
                .getString("id");
        assertProblem(as(portal).get("/api/v1/dossiers/" + theirs), 404, "not-found");
        assertProblem(command(portal, theirs, "stop", Map.of("reason", "Người nộp đề nghị dừng")), 404, "not-found");

        // a system serving several units acts for each of them
        String both = infra.tokens().system("lgsp-nghean", POLICE, COMMUNE);
        command(both, theirs, "withdrawal", Map.of("reason", "Công dân rút hồ sơ")).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as(both).get("/api/v1/dossiers/" + ours).then().statusCode(200).body("applicant", notNullValue());
    }

    @Test
    void givenAnalyst_whenReadingAndCommanding_thenReadsWithoutApplicantAndEveryCommandIs403() {
        String id = DossierTestSupport.received(police, DossierTestSupport.idCard()).getString("id");
        String analyst = infra.tokens().analyst();

        as(analyst).get("/api/v1/dossiers/" + id).then().statusCode(200)
                .body("status", equalTo("RECEIVED")).body("applicant", nullValue())
                .body("procedure.code", equalTo(ID_CARD));
        as(analyst).get("/api/v1/dossiers/" + id + "/events").then().statusCode(200)
                .body("[0].type", equalTo("DossierReceived")).body("[0].data.applicant", nullValue());
        as(analyst).get("/api/v1/dossiers/" + id + "/control-sheet").then().statusCode(200);

        // refused by role before any rule is looked at: a plain 403 problem
        assertProblem(command(analyst, id, "result", Map.of("outcome", "GRANTED")), 403, null)
                .body("title", equalTo("Forbidden"));
        assertProblem(as(analyst).body(DossierTestSupport.idCard()).post("/api/v1/dossiers"), 403, null);
        assertProblem(as(analyst).body(Map.of("sourceSystem", "x", "dossiers", List.of()))
                .post("/api/v1/imports"), 403, null);
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");
    }

    @Test
    void givenNoTokenOrAnExpiredOne_whenCalling_then401WithABearerChallenge() {
        String id = DossierTestSupport.received(police, DossierTestSupport.idCard()).getString("id");
        String expired = infra.tokens().expired(Set.of("officer"));

        for (Response r : List.of(
                given().get("/api/v1/dossiers/" + id),
                given().contentType(ContentType.JSON).body(DossierTestSupport.idCard()).post("/api/v1/dossiers"),
                as(expired).get("/api/v1/dossiers/" + id),
                as(expired).body(Map.of("outcome", "GRANTED")).post("/api/v1/dossiers/" + id + "/result"),
                as("not-a-token").get("/api/v1/dossiers?unit=" + POLICE))) {
            assertProblem(r, 401, "unauthorized").header("WWW-Authenticate", "Bearer");
        }
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");
    }

    @Test
    void givenEventsEndpoint_whenRead_thenNeverTheSecretHashAndTheApplicantOnlyForTheDossiersUnits() {
        JsonPath receipt = DossierTestSupport.received(police, DossierTestSupport.idCard());
        String id = receipt.getString("id");
        // the store keeps a keyed hash (the citizen's lookup needs it), so hiding it is the API's doing
        String payload = DossierTestSupport.rows(infra, "select payload from dossier.dossier_event "
                + "where dossier_id = ?::uuid and version = 1", id).get(0).get("payload").toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"lookupSecretHash\":\"(h1:[0-9a-f]{8}:[0-9a-f]{64})\"")
                .matcher(payload);
        assertThat(m.find()).as(payload).isTrue();
        String hash = m.group(1);
        assertThat(payload).doesNotContain(receipt.getString("lookupSecret"))
                .doesNotContain(vn.motcua.dossier.store.DataProtection.sha256Hex(receipt.getString("lookupSecret")));
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(police, id, "transfers", Map.of("toUnit", PC06)).then().statusCode(200);

        for (String token : List.of(police, infra.tokens().officer(PC06), infra.tokens().admin())) {
            Response r = as(token).get("/api/v1/dossiers/" + id + "/events");
            r.then().statusCode(200).body("[0].data.applicant.fullName", equalTo("Nguyễn Thị Hoa"))
                    .body("[0].data.lookupSecretHash", nullValue());
            assertThat(r.asString()).doesNotContain(hash);
        }
        Response analyst = as(infra.tokens().analyst()).get("/api/v1/dossiers/" + id + "/events");
        analyst.then().statusCode(200).body("[0].data.applicant", nullValue());
        assertThat(analyst.asString()).doesNotContain(hash).doesNotContain("Nguyễn Thị Hoa");
        Response view = as(police).get("/api/v1/dossiers/" + id);
        assertThat(view.asString()).doesNotContain(hash);
    }

    // ------------------------------------------------------------------ work queues

    @Test
    void givenDossiersOfAUnitInSeveralRoles_whenQueueByScope_thenEachScopeListsItsOwn() {
        String unit = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm phạm vi");
        String desk = infra.tokens().officer(unit);
        String transferred = receiveAt(desk, unit, unit, ID_CARD);
        command(desk, transferred, "transfers", Map.of("toUnit", PC06)).then().statusCode(200);
        String atDesk = receiveAt(desk, unit, unit, ID_CARD);
        String elsewhere = receiveAt(police, POLICE, unit, ID_CARD);

        queue(desk, unit, "current").then().statusCode(200)
                .body("items.id", contains(atDesk)).body("total", equalTo(1));
        queue(desk, unit, "competent").then().statusCode(200)
                .body("items.id", containsInAnyOrder(transferred, atDesk, elsewhere)).body("total", equalTo(3));
        queue(desk, unit, "receiving").then().statusCode(200)
                .body("items.id", containsInAnyOrder(transferred, atDesk)).body("total", equalTo(2));
        // the unit a dossier was handed to sees it in its own queue
        as(infra.tokens().officer(PC06)).queryParam("unit", PC06).queryParam("size", 500)
                .get("/api/v1/dossiers").then().statusCode(200)
                .body("items.find { it.id == '" + transferred + "' }.currentUnit", equalTo(PC06));
    }

    @Test
    void givenSeveralStatuses_whenFilteredByStatus_thenOnlyThoseCommaSeparatedOrRepeated() {
        String unit = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm trạng thái");
        String desk = infra.tokens().officer(unit);
        String received = receiveAt(desk, unit, unit, ID_CARD);
        String processing = receiveAt(desk, unit, unit, ID_CARD);
        String waiting = receiveAt(desk, unit, unit, ID_CARD);
        String processed = receiveAt(desk, unit, unit, ID_CARD);
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(desk, processing, "transfers", Map.of("toUnit", PC06)).then().statusCode(200);
        command(desk, waiting, "supplement-requests", Map.of("missing", List.of("Tờ khai có chữ ký")))
                .then().statusCode(200);
        command(desk, processed, "result", Map.of("outcome", "GRANTED")).then().statusCode(200);

        as(desk).queryParam("unit", unit).queryParam("scope", "competent")
                .queryParam("status", "received,SUPPLEMENT_REQUESTED").get("/api/v1/dossiers").then().statusCode(200)
                .body("items.id", containsInAnyOrder(received, waiting)).body("total", equalTo(2));
        as(desk).queryParam("unit", unit).queryParam("scope", "competent")
                .queryParam("status", "PROCESSING").queryParam("status", "PROCESSED")
                .get("/api/v1/dossiers").then().statusCode(200)
                .body("items.id", containsInAnyOrder(processing, processed))
                .body("items.status", containsInAnyOrder("PROCESSING", "PROCESSED"));
        assertProblem(as(desk).queryParam("unit", unit).queryParam("status", "RECEIVED,LOST")
                .get("/api/v1/dossiers"), 400, "invalid-input").body("field", equalTo("status"));
    }

    @Test
    void givenDuesOnTheCalendar_whenDueWithinWorkingHours_thenCountedInOfficeHoursNotWallClock() {
        String unit = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm hạn xử lý");
        String desk = infra.tokens().officer(unit);
        String hours = receiveAt(desk, unit, unit, HOURS);         // Wednesday 4 March 10:00
        String fiveDays = receiveAt(desk, unit, unit, NO_ONLINE);  // Monday 9 March 17:00
        receiveAt(desk, unit, unit, ID_CARD);                      // 7 working days: Wednesday 11 March 17:00

        // 16 office hours from Monday 09:00 end Wednesday 10:00 (16 wall-clock hours would be Tuesday 01:00)
        dueWithin(desk, unit, 16).body("items.id", contains(hours));
        dueWithin(desk, unit, 15).body("items", empty()).body("total", equalTo(0));
        // Monday 6 h + Tuesday to Friday 30 h + Monday 9 March 7.5 h = 43.5 h
        dueWithin(desk, unit, 44).body("items.id", contains(hours, fiveDays));
        dueWithin(desk, unit, 43).body("items.id", contains(hours));

        // a dossier with its result is no longer due
        command(desk, hours, "result", Map.of("outcome", "GRANTED")).then().statusCode(200);
        dueWithin(desk, unit, 44).body("items.id", contains(fiveDays));
    }

    @Test
    void givenFiveDossiers_whenPaged_thenSoonestDueFirstAcrossPagesWithTheTotal() {
        String unit = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm phân trang");
        String desk = infra.tokens().officer(unit);
        String idCard = receiveAt(desk, unit, unit, ID_CARD);      // Wednesday 11 March 17:00
        String hours09 = receiveAt(desk, unit, unit, HOURS);       // Wednesday 4 March 10:00
        String fiveDays = receiveAt(desk, unit, unit, NO_ONLINE);  // Monday 9 March 17:00
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        String hours10 = receiveAt(desk, unit, unit, HOURS);       // Wednesday 4 March 11:00
        TestClock.CLOCK.setVietnam("2026-03-02T14:00");
        String hours14 = receiveAt(desk, unit, unit, HOURS);       // Wednesday 4 March 15:00

        page(desk, unit, 0).body("items.id", contains(hours09, hours10)).body("total", equalTo(5))
                .body("page", equalTo(0)).body("size", equalTo(2));
        page(desk, unit, 1).body("items.id", contains(hours14, fiveDays)).body("total", equalTo(5));
        page(desk, unit, 2).body("items.id", contains(idCard)).body("total", equalTo(5));
        page(desk, unit, 3).body("items", empty()).body("total", equalTo(5));
        // the desk sees the applicant's name, an analyst does not
        page(desk, unit, 0).body("items.applicantName", everyItem(equalTo("Nguyễn Thị Hoa")));
        page(infra.tokens().analyst(), unit, 0).body("items.id", contains(hours09, hours10))
                .body("items.applicantName", everyItem(nullValue()));
    }

    @Test
    void givenAQueueRequest_whenNotAllowedOrMalformed_thenProblemJson() {
        String unit = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm quyền");

        assertProblem(as(infra.tokens().officer(PC08)).queryParam("unit", unit).get("/api/v1/dossiers"),
                403, "unit-not-allowed");
        assertProblem(as(infra.tokens().system("dvc-nghean", POLICE)).queryParam("unit", unit)
                .get("/api/v1/dossiers"), 403, "unit-not-allowed");
        assertProblem(as(infra.tokens().officer(unit)).get("/api/v1/dossiers"), 400, "invalid-input")
                .body("field", equalTo("unit"));
        assertProblem(as(infra.tokens().officer(unit)).queryParam("unit", unit).queryParam("scope", "everywhere")
                .get("/api/v1/dossiers"), 400, "invalid-input").body("field", equalTo("scope"));
        assertProblem(as(infra.tokens().officer(unit)).queryParam("unit", unit).queryParam("size", 0)
                .get("/api/v1/dossiers"), 400, null);
    }

    // ------------------------------------------------------------------ helpers

    private static String receiveAt(String token, String receiving, String competent, String procedure) {
        Map<String, Object> body = DossierTestSupport.receive(procedure, receiving, "COUNTER");
        body.put("competentUnit", competent);
        return DossierTestSupport.received(token, body).getString("id");
    }

    private static Response queue(String token, String unit, String scope) {
        return as(token).queryParam("unit", unit).queryParam("scope", scope).get("/api/v1/dossiers");
    }

    private static io.restassured.response.ValidatableResponse dueWithin(String token, String unit, int hours) {
        return as(token).queryParam("unit", unit).queryParam("dueWithinHours", hours).get("/api/v1/dossiers")
                .then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse page(String token, String unit, int page) {
        return as(token).queryParam("unit", unit).queryParam("page", page).queryParam("size", 2)
                .get("/api/v1/dossiers").then().statusCode(200);
    }
}
