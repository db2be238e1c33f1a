package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CatalogEventSchema;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static vn.motcua.catalog.CatalogTestSupport.as;
import static vn.motcua.catalog.CatalogTestSupport.createField;
import static vn.motcua.catalog.CatalogTestSupport.procedure;
import static vn.motcua.catalog.CatalogTestSupport.time;
import static vn.motcua.catalog.CatalogTestSupport.unique;
import static vn.motcua.catalog.CatalogTestSupport.unit;
import static vn.motcua.catalog.CatalogTestSupport.version;

@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class CatalogApiTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String admin;
    String field;

    @BeforeEach
    void setUp() {
        admin = infra.tokens().admin();
        field = unique("FIELD");
        createField(admin, field, "Lĩnh vực thử nghiệm").statusCode(200);
    }

    // ------------------------------------------------------------------ security

    @Test
    void readsArePublicAndChangesNeedTheAdminRole() {
        given().get("/api/v1/units").then().statusCode(200);
        Map<String, Object> body = unit(unique("U"), "Tỉnh thử", "PROVINCE", null, "2020-01-01");

        given().contentType("application/json").body(body).post("/api/v1/units").then()
                .statusCode(401).contentType(containsString("application/problem+json"))
                .body("status", equalTo(401)).body("detailVi", notNullValue());
        as(infra.tokens().officer("000.00.00.H40")).body(body).post("/api/v1/units").then()
                .statusCode(403).contentType(containsString("application/problem+json"))
                .body("status", equalTo(403));
        as(infra.tokens().analyst()).body(body).post("/api/v1/units").then().statusCode(403);
        as(infra.tokens().expired(Set.of("admin"))).body(body).post("/api/v1/units").then().statusCode(401);
        as("not-a-jwt").body(body).post("/api/v1/units").then().statusCode(401);

        given().get("/api/v1/units/" + body.get("code")).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    // ------------------------------------------------------------------ procedures and events

    @Test
    void publishedProcedureAppearsOnItsTopicExactlyOnceAndMatchesTheSchema() {
        String code = unique("P");
        as(admin).body(procedure(code, "Cấp thẻ Căn cước cho công dân từ đủ 14 tuổi", field,
                        List.of("PROVINCIAL_POLICE", "POLICE_DIVISION"),
                        List.of(version("2024-07-01", null, time(7, "WORKING_DAYS")))))
                .post("/api/v1/procedures").then().statusCode(201)
                .header("Location", containsString("/api/v1/procedures/" + code))
                .body("versions[0].legalTime.amount", equalTo(7));

        List<TopicReader.Message> messages = awaitMessages(CatalogTopics.PROCEDURES, code, 1);
        TopicReader.Message m = messages.get(0);
        assertThat(m.headers()).containsEntry("eventType", "ProcedurePublished");
        assertThat(new CatalogEventSchema().validate(m.value())).isEmpty();
        CatalogEvent event = new CatalogEventCodec().read(m.value().getBytes()).orElseThrow();
        assertThat(event).isInstanceOf(CatalogEvent.ProcedurePublished.class);
        assertThat(((CatalogEvent.ProcedurePublished) event).procedure().versions()).hasSize(1);
    }

    @Test
    void searchFindsVietnameseWithOrWithoutDiacritics() {
        String code = unique("P");
        as(admin).body(procedure(code, "Cấp thẻ Căn cước cho công dân Việt Nam", field, List.of("PROVINCIAL_POLICE"),
                List.of(version("2024-07-01", null, time(7, "WORKING_DAYS"))))).post("/api/v1/procedures")
                .then().statusCode(201);

        for (String q : List.of("cap can cuoc", "Cấp thẻ Căn cước", "CAN CUOC cong dan", "căn cuoc")) {
            given().queryParam("q", q).queryParam("field", field).get("/api/v1/procedures").then().statusCode(200)
                    .body("items.procedure.code", hasItem(code));
        }
        given().queryParam("q", "cap giay phep xay dung").queryParam("field", field).get("/api/v1/procedures")
                .then().statusCode(200).body("items.procedure.code", not(hasItem(code)));
        // "an" is not a word of the name: prefix matching works on words
        given().queryParam("q", "an").queryParam("field", field).get("/api/v1/procedures")
                .then().statusCode(200).body("items.procedure.code", not(hasItem(code)));
    }

    @Test
    void amendmentAddsAVersionAndTheVersionInForceDependsOnTheDate() {
        String code = unique("P");
        as(admin).body(procedure(code, "Đăng ký thường trú", field, List.of("POLICE_DIVISION"),
                List.of(version("2024-01-01", null, time(7, "WORKING_DAYS"))))).post("/api/v1/procedures")
                .then().statusCode(201);
        as(admin).body(version("2025-07-01", null, time(5, "WORKING_DAYS")))
                .post("/api/v1/procedures/" + code + "/versions").then().statusCode(200)
                .body("versions[0].effectiveTo", equalTo("2025-06-30"))
                .body("versions[1].version", equalTo(2));

        given().queryParam("on", "2025-06-30").get("/api/v1/procedures/" + code).then().statusCode(200)
                .body("versionInForce.version", equalTo(1)).body("versionInForce.legalTime.amount", equalTo(7));
        given().queryParam("on", "2025-07-01").get("/api/v1/procedures/" + code).then().statusCode(200)
                .body("versionInForce.version", equalTo(2)).body("versionInForce.legalTime.amount", equalTo(5));

        List<TopicReader.Message> messages = awaitMessages(CatalogTopics.PROCEDURES, code, 2);
        assertThat(messages).extracting(mm -> mm.headers().get("eventType"))
                .containsExactly("ProcedurePublished", "ProcedureAmended");

        // abolished: nothing in force afterwards, and no later amendment
        as(admin).body(Map.of("effectiveDate", "2026-01-01", "decision", "Quyết định số 1/QĐ-UBND"))
                .post("/api/v1/procedures/" + code + "/abolition").then().statusCode(200)
                .body("abolishedOn", equalTo("2026-01-01")).body("versions[1].effectiveTo", equalTo("2025-12-31"));
        given().queryParam("on", "2026-01-02").get("/api/v1/procedures/" + code).then().statusCode(200)
                .body("versionInForce", equalTo(null));
        as(admin).body(version("2026-03-01", null, time(3, "WORKING_DAYS")))
                .post("/api/v1/procedures/" + code + "/versions").then().statusCode(400)
                .body("field", equalTo("effectiveFrom"));
    }

    // ------------------------------------------------------------------ refusals change nothing

    @Test
    void negativeOrMissingProcessingTimeIsRefusedAndNothingIsWritten() {
        String code = unique("P");
        as(admin).body(procedure(code, "Thủ tục lỗi", field, List.of("PROVINCE_DEPARTMENT"),
                        List.of(version("2024-01-01", null, time(-3, "WORKING_DAYS")))))
                .post("/api/v1/procedures").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("violations.field", hasItem(containsString("legalTime.amount")));

        Map<String, Object> noTime = version("2024-01-01", null, time(3, "WORKING_DAYS"));
        noTime.remove("legalTime");
        as(admin).body(procedure(code, "Thủ tục lỗi", field, List.of("PROVINCE_DEPARTMENT"), List.of(noTime)))
                .post("/api/v1/procedures").then().statusCode(400)
                .body("violations.field", hasItem(containsString("legalTime")));

        as(admin).body(procedure(code, "Thủ tục lỗi", field, List.of("PROVINCE_DEPARTMENT"),
                        List.of(version("2024-01-01", null, time(0, "WORKING_DAYS")))))
                .post("/api/v1/procedures").then().statusCode(400)
                .body("field", equalTo("versions[0].legalTime.amount")).body("detailVi", notNullValue());

        given().get("/api/v1/procedures/" + code).then().statusCode(404);
        assertThat(outboxRows(code)).isZero();
    }

    @Test
    void overlappingVersionsAreRefusedAndNothingIsWritten() {
        String code = unique("P");
        as(admin).body(procedure(code, "Thủ tục trùng phiên bản", field, List.of("PROVINCE_DEPARTMENT"), List.of(
                        version("2024-01-01", "2025-12-31", time(10, "WORKING_DAYS")),
                        version("2025-07-01", null, time(7, "WORKING_DAYS")))))
                .post("/api/v1/procedures").then().statusCode(400)
                .body("field", equalTo("versions[1].effectiveFrom"))
                .body("reason", containsString("overlaps"));
        given().get("/api/v1/procedures/" + code).then().statusCode(404);

        as(admin).body(procedure(code, "Thủ tục", field, List.of("PROVINCE_DEPARTMENT"),
                List.of(version("2024-01-01", null, time(10, "WORKING_DAYS"))))).post("/api/v1/procedures")
                .then().statusCode(201);
        // back-dated amendment overlapping the version in force
        as(admin).body(version("2023-06-01", null, time(5, "WORKING_DAYS")))
                .post("/api/v1/procedures/" + code + "/versions").then().statusCode(400)
                .body("field", equalTo("effectiveFrom"));
        given().get("/api/v1/procedures/" + code).then().statusCode(200).body("procedure.versions.size()", equalTo(1))
                .body("procedure.versions[0].effectiveTo", equalTo(null));
        assertThat(outboxRows(code)).isEqualTo(1);
    }

    @Test
    void unknownUnitIsRefusedAndNothingIsWritten() {
        String code = unique("U");
        as(admin).body(unit(code, "Sở thử nghiệm", "PROVINCE_DEPARTMENT", "NO-SUCH-UNIT", "2024-01-01"))
                .post("/api/v1/units").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("field", equalTo("parentCode")).body("reason", containsString("unknown unit"));
        given().get("/api/v1/units/" + code).then().statusCode(404);
        assertThat(outboxRows(code)).isZero();

        // a unit of the wrong kind under a parent, and a malformed code
        String province = unique("PROV");
        as(admin).body(unit(province, "Tỉnh thử", "PROVINCE", null, "2020-01-01")).post("/api/v1/units")
                .then().statusCode(201);
        as(admin).body(unit(code, "Phòng sai chỗ", "POLICE_DIVISION", province, "2024-01-01"))
                .post("/api/v1/units").then().statusCode(400).body("field", equalTo("parentCode"));
        as(admin).body(unit("bad code!", "Sai mã", "PROVINCE", null, "2024-01-01"))
                .post("/api/v1/units").then().statusCode(400).body("violations.field", hasItem(containsString("code")));
        // commitment for a unit that does not exist
        as(admin).body(Map.of("committedTime", time(3, "WORKING_DAYS"), "effectiveFrom", "2025-01-01"))
                .put("/api/v1/units/NO-SUCH-UNIT/commitments/ANY").then().statusCode(404);
    }

    @Test
    void malformedCalendarIsRefusedAndNothingIsWritten() {
        int year = 2090;
        Map<String, Object> calendar = new java.util.HashMap<>(Map.of(
                "year", year,
                "officeHours", List.of(Map.of("start", "13:30", "end", "17:00"), Map.of("start", "07:30", "end", "11:30")),
                "weekendDays", List.of("SATURDAY", "SUNDAY"),
                "daysOff", List.of(Map.of("date", "2091-01-01", "kind", "PUBLIC_HOLIDAY", "nameVi", "Tết Dương lịch")),
                "extraWorkingDays", List.of(Map.of("date", "2090-03-01", "nameVi", "Làm bù"))));
        as(admin).body(calendar).put("/api/v1/calendars/" + year).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem(containsString("daysOff[0].date")))
                .body("violations.field", hasItem(containsString("officeHours")))
                .body("violations.field", hasItem(containsString("extraWorkingDays[0]")));

        // not a date at all
        calendar.put("daysOff", List.of(Map.of("date", "2090-02-30", "kind", "PUBLIC_HOLIDAY", "nameVi", "x")));
        as(admin).body(calendar).put("/api/v1/calendars/" + year).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        // unknown kind of day off
        calendar.put("daysOff", List.of(Map.of("date", "2090-01-02", "kind", "HOLIDAY", "nameVi", "x")));
        as(admin).body(calendar).put("/api/v1/calendars/" + year).then().statusCode(400);
        // not JSON
        as(admin).body("{\"year\": 2090, ").put("/api/v1/calendars/" + year).then().statusCode(400)
                .contentType(containsString("application/problem+json"));

        given().get("/api/v1/calendars/" + year).then().statusCode(404);
        assertThat(outboxRows(String.valueOf(year))).isZero();
    }

    @Test
    void badQueryParametersGetA400NamingTheParameter() {
        given().queryParam("level", "GALAXY").get("/api/v1/procedures").then().statusCode(400)
                .body("field", equalTo("level"));
        given().queryParam("on", "yesterday").get("/api/v1/procedures").then().statusCode(400)
                .body("field", equalTo("on"));
        given().queryParam("size", 100000).get("/api/v1/procedures").then().statusCode(400);
        given().get("/api/v1/due-dates").then().statusCode(400).body("field", equalTo("procedureCode"));
    }

    // ------------------------------------------------------------------ commitments

    @Test
    void aCommitmentMustBeShorterThanTheLegalTime() {
        String province = unique("PROV");
        String police = unique("CA");
        String code = unique("P");
        as(admin).body(unit(province, "Tỉnh thử", "PROVINCE", null, "2020-01-01")).post("/api/v1/units").then().statusCode(201);
        as(admin).body(unit(police, "Công an tỉnh thử", "PROVINCIAL_POLICE", province, "2020-01-01"))
                .post("/api/v1/units").then().statusCode(201);
        as(admin).body(procedure(code, "Cấp thẻ Căn cước", field, List.of("PROVINCIAL_POLICE"),
                List.of(version("2024-07-01", null, time(7, "WORKING_DAYS"))))).post("/api/v1/procedures")
                .then().statusCode(201);

        as(admin).body(Map.of("committedTime", time(8, "WORKING_DAYS"), "effectiveFrom", "2025-01-01"))
                .put("/api/v1/units/" + police + "/commitments/" + code).then().statusCode(400)
                .body("field", equalTo("committedTime"));
        as(admin).body(Map.of("committedTime", time(7, "WORKING_DAYS"), "effectiveFrom", "2025-01-01"))
                .put("/api/v1/units/" + police + "/commitments/" + code).then().statusCode(400);
        as(admin).body(Map.of("committedTime", time(3, "WORKING_DAYS"), "effectiveFrom", "2025-01-01",
                        "note", "Cắt giảm 4 ngày"))
                .put("/api/v1/units/" + police + "/commitments/" + code).then().statusCode(200)
                .body("periods[0].committedTime.amount", equalTo(3));
        given().queryParam("unit", police).get("/api/v1/commitments").then().statusCode(200)
                .body("[0].procedureCode", equalTo(code));
        assertThat(awaitMessages(CatalogTopics.COMMITMENTS, police + "/" + code, 1)).hasSize(1);

        as(admin).queryParam("lastDay", "2025-12-31").delete("/api/v1/units/" + police + "/commitments/" + code)
                .then().statusCode(200).body("periods[0].effectiveTo", equalTo("2025-12-31"));
        assertThat(awaitMessages(CatalogTopics.COMMITMENTS, police + "/" + code, 2)).hasSize(2);
    }

    // ------------------------------------------------------------------ helpers

    List<TopicReader.Message> awaitMessages(String topic, String key, int expected) {
        return CatalogTestSupport.awaitMessages(infra, topic, key, expected);
    }

    long outboxRows(String key) {
        return CatalogTestSupport.outboxRows(infra, key, false);
    }
}
