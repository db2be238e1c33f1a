package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/** The REST surface: validation, formats, drill-down, a poison message. Figures in detail: ScenarioFiguresTest. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportingApiTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "API" + UUID.randomUUID().toString().substring(0, 6);
    static final String D1 = P + ".D1";
    static final String D2 = P + ".D2";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");

    static boolean fed;

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    void feed() {
        if (fed) {
            return;
        }
        try (Feed feed = new Feed(infra)) {
            feed.provinceWithTwoDepartments(P, D1, D2, PROC.code());
            // D1: one early, one late; D2: one on time
            feed.dossier(P + "-A").received(vn("2026-10-05T09:00"), D1, Types.Channel.ONLINE, PROC, dueOn("2026-10-12"))
                    .processed(vn("2026-10-08T10:00")).returned(vn("2026-10-09T10:00"), Types.ReturnChannel.POSTAL);
            feed.dossier(P + "-B").received(vn("2026-10-05T10:00"), D1, Types.Channel.COUNTER, PROC, dueOn("2026-10-12"))
                    .overdue(dueOn("2026-10-12")).processed(vn("2026-10-14T10:00"));
            feed.dossier(P + "-C").received(vn("2026-10-06T10:00"), D2, Types.Channel.ONLINE, PROC, dueOn("2026-10-13"))
                    .processed(vn("2026-10-13T16:00"));
            feed.awaitProjected();
        }
        fed = true;
    }

    String token() {
        return infra.tokens().analyst();
    }

    @Test
    void scorecardRollsUpTheSubtreeAndRanksUnits() {
        feed();
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("counts.received", equalTo(3)).body("counts.completed", equalTo(3))
                .body("counts.early", equalTo(1)).body("counts.onTime", equalTo(1)).body("counts.late", equalTo(1))
                .body("figures.onlineRate", equalTo(66.67f)).body("figures.circular01Score", equalTo(1.0f))
                .body("rank", nullValue());
        given().auth().oauth2(token()).queryParam("parent", P).queryParam("period", "2026-10")
                .get("/api/reports/ranking").then().statusCode(200)
                .body("units", hasSize(2)).body("units[0].unitCode", equalTo(D2)).body("units[0].rank", equalTo(1))
                .body("units[1].unitCode", equalTo(D1));
        given().auth().oauth2(token()).queryParam("unit", D1).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("rank.position", equalTo(2)).body("rank.of", equalTo(2));
    }

    @Test
    void drillDownListsTheDossiersBehindAFigure() {
        feed();
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "late").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", equalTo(List.of(P + "-B")));
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "receivedOnline").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", hasItems(P + "-A", P + "-C")).body("dossierCode", hasSize(2));
    }

    @Test
    void exportsCsvAndExcel() throws Exception {
        feed();
        String csv = given().auth().oauth2(token()).queryParam("parent", P).queryParam("period", "2026-10")
                .queryParam("format", "csv").get("/api/reports/ranking").then().statusCode(200)
                .contentType(containsCsv()).extract().asString();
        assertThat(csv).contains("rank,unitCode,unitNameVi").contains(D2 + ",Sở Hai");
        byte[] xlsx = given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "completed").queryParam("format", "xlsx").get("/api/reports/dossiers")
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("dossierCode");
            assertThat(wb.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(4);
        }
    }

    /**
     * Unit and procedure names that a spreadsheet would take for a formula (leading =, +, -, @, tab, carriage
     * return), flowing from the catalog's events to the ranking and procedure exports: each comes out with a single
     * quote in front, in the CSV and as a string cell in Excel, while the figures stay numbers.
     */
    @Test
    void exportsNeutraliseFormulasInNamesFromTheCatalog() throws Exception {
        String parent = P + ".F";
        List<String> names = List.of("=HYPERLINK(\"http://x.example\",\"Sở\")", "+Sở Cộng", "-Sở Trừ", "@Sở A",
                "\tSở Tab", "\rSở CR");
        String procName = "=1+2 Thủ tục";
        Types.ProcedureTerms proc = Feed.terms(P + "-FX", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");
        try (Feed feed = new Feed(infra)) {
            feed.unit(parent, "Khối thử công thức", UnitType.PROVINCE, null);
            for (int i = 0; i < names.size(); i++) {
                feed.unit(parent + ".U" + i, names.get(i), UnitType.PROVINCE_DEPARTMENT, parent);
            }
            feed.procedure(proc.code(), procName, "FX", "\tLĩnh vực", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);
            feed.dossier(P + "-FX1").received(vn("2026-10-05T09:00"), parent + ".U0", Types.Channel.ONLINE, proc,
                    dueOn("2026-10-12")).processed(vn("2026-10-08T10:00"));
            feed.awaitProjected();
        }

        String csv = given().auth().oauth2(token()).queryParam("parent", parent).queryParam("period", "2026-10")
                .queryParam("format", "csv").get("/api/reports/ranking").then().statusCode(200).extract().asString();
        List<java.util.Map<String, String>> ranking = Csv.read(csv);
        assertThat(ranking).extracting(r -> r.get("unitNameVi"))
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> "'" + n).toList());
        assertThat(ranking).extracting(r -> r.get("rank")).contains("1", "6");
        assertThat(ranking).filteredOn(r -> r.get("unitCode").equals(parent + ".U0"))
                .extracting(r -> r.get("counts.received")).containsExactly("1");

        byte[] xlsx = given().auth().oauth2(token()).queryParam("parent", parent).queryParam("period", "2026-10")
                .queryParam("format", "xlsx").get("/api/reports/ranking").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            List<String> header = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            int name = header.indexOf("unitNameVi");
            int rank = header.indexOf("rank");
            List<String> inSheet = new java.util.ArrayList<>();
            for (int i = 1; i <= names.size(); i++) {
                var row = sheet.getRow(i);
                assertThat(row.getCell(name).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                inSheet.add(row.getCell(name).getStringCellValue());
                assertThat(row.getCell(rank).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            }
            assertThat(inSheet).containsExactlyInAnyOrderElementsOf(names.stream().map(n -> "'" + n).toList());
            sheet.forEach(row -> row.forEach(c -> assertThat(c.getCellType())
                    .isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA)));
        }

        // the procedure's name, in the breakdown by procedure, both formats
        String procCsv = given().auth().oauth2(token()).queryParam("unit", parent).queryParam("period", "2026-10")
                .queryParam("format", "csv").get("/api/reports/procedures").then().statusCode(200).extract().asString();
        assertThat(Csv.read(procCsv)).singleElement().satisfies(r -> {
            assertThat(r.get("nameVi")).isEqualTo("'" + procName);
            assertThat(r.get("fieldNameVi")).isEqualTo("'\tLĩnh vực");
        });
        byte[] procXlsx = given().auth().oauth2(token()).queryParam("unit", parent).queryParam("period", "2026-10")
                .queryParam("format", "xlsx").get("/api/reports/procedures").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(procXlsx))) {
            var sheet = wb.getSheetAt(0);
            List<String> header = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            var cell = sheet.getRow(1).getCell(header.indexOf("nameVi"));
            assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("'" + procName);
        }
    }

    private static String containsCsv() {
        return "text/csv; charset=UTF-8";
    }

    @Test
    void badInputIsAProblemWithTheField() {
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-13")
                .get("/api/reports/scorecard").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period"));
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10").queryParam("scope", "x")
                .get("/api/reports/scorecard").then().statusCode(400).body("violations[0].field", equalTo("scope"));
        given().auth().oauth2(token()).queryParam("unit", P).queryParam("period", "2026-10").queryParam("figure", "nope")
                .get("/api/reports/dossiers").then().statusCode(400).body("violations[0].field", equalTo("figure"));
        given().auth().oauth2(token()).queryParam("unit", "NO-SUCH").queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(404);
        given().queryParam("unit", P).queryParam("period", "2026-10").get("/api/reports/scorecard").then().statusCode(401);
        given().auth().oauth2(infra.tokens().officer(D1)).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(403);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheProjectionGoesOn() {
        feed();
        try (Feed feed = new Feed(infra)) {
            feed.send(DossierTopics.EVENTS, "poison", "{not json".getBytes(StandardCharsets.UTF_8));
            feed.dossier(P + "-D").received(vn("2026-11-02T09:00"), D2, Types.Channel.POSTAL, PROC, dueOn("2026-11-09"));
            feed.awaitProjected();
        }
        List<TopicReader.Message> dead = TopicReader.readAll(infra.kafka().bootstrapServers(), "motcua.reporting.dlq.v1");
        assertThat(dead).anySatisfy(m -> {
            assertThat(m.value()).isEqualTo("{not json");
            assertThat(m.headers()).containsEntry("motcua-dlq-topic", DossierTopics.EVENTS);
        });
        given().auth().oauth2(token()).queryParam("unit", D2).queryParam("period", "2026-11")
                .get("/api/reports/scorecard").then().statusCode(200).body("counts.receivedPostal", equalTo(1));
    }
}
