package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.catalog.CatalogTestSupport.as;
import static vn.motcua.catalog.CatalogTestSupport.createField;
import static vn.motcua.catalog.CatalogTestSupport.procedure;
import static vn.motcua.catalog.CatalogTestSupport.time;
import static vn.motcua.catalog.CatalogTestSupport.unique;
import static vn.motcua.catalog.CatalogTestSupport.unit;
import static vn.motcua.catalog.CatalogTestSupport.version;

/** The due-date endpoint over the real 2025 calendar: Tết, a unit's shorter commitment, the 15:00 rule. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class DueDateApiTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String police;
    String procedure;

    @BeforeEach
    void setUp() throws IOException {
        String admin = infra.tokens().admin();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seed/calendar/2025.json")) {
            as(admin).body(new String(in.readAllBytes(), StandardCharsets.UTF_8)).put("/api/v1/calendars/2025")
                    .then().statusCode(200);
        }
        String field = unique("FIELD");
        createField(admin, field, "Căn cước").statusCode(200);
        String province = unique("PROV");
        police = unique("CA");
        procedure = unique("P");
        as(admin).body(unit(province, "Tỉnh", "PROVINCE", null, "2020-01-01")).post("/api/v1/units").then().statusCode(201);
        as(admin).body(unit(police, "Công an tỉnh", "PROVINCIAL_POLICE", province, "2020-01-01"))
                .post("/api/v1/units").then().statusCode(201);
        as(admin).body(procedure(procedure, "Cấp thẻ Căn cước", field, List.of("PROVINCIAL_POLICE"),
                List.of(version("2024-07-01", null, time(5, "WORKING_DAYS"))))).post("/api/v1/procedures")
                .then().statusCode(201);
        as(admin).body(Map.of("committedTime", time(3, "WORKING_DAYS"), "effectiveFrom", "2024-07-01"))
                .put("/api/v1/units/" + police + "/commitments/" + procedure).then().statusCode(200);
    }

    @Test
    void dueDateSkipsTetAndUsesTheUnitsShorterCommitment() {
        // Friday 24 Jan 2025, 10:00: weekend, then Tết 27-31 Jan, weekend; 3 working days = 3, 4, 5 Feb.
        JsonPath due = given().queryParam("procedureCode", procedure).queryParam("unitCode", police)
                .queryParam("receivedAt", "2025-01-24T10:00:00+07:00").get("/api/v1/due-dates")
                .then().statusCode(200)
                .body("appliedTimeSource", equalTo("UNIT_COMMITMENT"))
                .body("legalTime.amount", equalTo(5))
                .body("appliedTime.amount", equalTo(3))
                .body("dueDate.dueDate", equalTo("2025-02-05"))
                .extract().jsonPath();
        assertThat(OffsetDateTime.parse(due.getString("dueDate.dueAt")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-02-05T17:00:00+07:00").toInstant());
        List<String> skipped = due.getList("dueDate.skippedDays.date");
        assertThat(skipped).contains("2025-01-25", "2025-01-26", "2025-01-27", "2025-01-28", "2025-01-29",
                "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02");
        List<Map<String, Object>> days = due.getList("dueDate.skippedDays");
        Map<String, Object> tet = days.stream().filter(d -> d.get("date").equals("2025-01-29")).findFirst().orElseThrow();
        assertThat(tet.get("reasonCode")).isIn("PUBLIC_HOLIDAY", "COMPENSATORY_DAY_OFF");
        assertThat((String) tet.get("reasonVi")).containsIgnoringCase("tết");
        assertThat(due.getList("dueDate.explanation")).isNotEmpty();
        // paper dossier received before 15:00 reaches the processing unit the same day
        assertThat(OffsetDateTime.parse(due.getString("paperTransferDeadline")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-01-24T17:00:00+07:00").toInstant());
    }

    @Test
    void paperDossierAfterThreePmIsTransferredAtTheStartOfTheNextWorkingDay() {
        JsonPath due = given().queryParam("procedureCode", procedure).queryParam("unitCode", police)
                .queryParam("receivedAt", "2025-01-24T16:00:00+07:00").queryParam("channel", "COUNTER")
                .get("/api/v1/due-dates").then().statusCode(200).extract().jsonPath();
        assertThat(OffsetDateTime.parse(due.getString("paperTransferDeadline")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-02-03T07:30:00+07:00").toInstant());

        given().queryParam("procedureCode", procedure).queryParam("unitCode", police)
                .queryParam("receivedAt", "2025-01-24T16:00:00+07:00").queryParam("channel", "ONLINE")
                .get("/api/v1/due-dates").then().statusCode(200).body("paperTransferDeadline", equalTo(null));
    }

    @Test
    void legalTimeAppliesBeforeTheCommitmentAndUnknownInputsAreRefused() {
        given().queryParam("procedureCode", procedure).queryParam("unitCode", police)
                .queryParam("receivedAt", "2024-06-10T09:00:00+07:00").get("/api/v1/due-dates")
                .then().statusCode(400).body("field", equalTo("receivedAt")); // no version in force yet
        given().queryParam("procedureCode", "NO-SUCH").queryParam("unitCode", police)
                .queryParam("receivedAt", "2025-03-03T09:00:00+07:00").get("/api/v1/due-dates")
                .then().statusCode(400).body("field", equalTo("procedureCode"));
        given().queryParam("procedureCode", procedure).queryParam("unitCode", police)
                .queryParam("receivedAt", "3 March").get("/api/v1/due-dates")
                .then().statusCode(400).body("field", equalTo("receivedAt"));
    }
}
