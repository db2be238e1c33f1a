package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * Rankings and rollups list the units in force in the period: a district abolished on 1 July 2025 (two-level local
 * government) is ranked among the province's units in June 2025, and neither ranked nor rolled up in November 2026.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class HistoricUnitsTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "HU" + UUID.randomUUID().toString().substring(0, 6);
    static final String DISTRICT = P + ".NGHILOC";
    static final String COMMUNE = P + ".XA1";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "PARTLY_ONLINE");

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @Test
    void anAbolishedDistrictCountsOnlyInItsOwnPeriods() {
        try (Feed feed = new Feed(infra)) {
            feed.unit(P, "Tỉnh Nghệ An (thử)", UnitType.PROVINCE, null);
            feed.unit(DISTRICT, "Ủy ban nhân dân huyện Nghi Lộc", UnitType.DISTRICT, P, LocalDate.of(2020, 1, 1),
                    LocalDate.of(2025, 6, 30));
            feed.unit(COMMUNE, "Ủy ban nhân dân xã Một", UnitType.COMMUNE, P, LocalDate.of(2020, 1, 1), null);
            feed.procedure(PROC.code(), "Thủ tục thử", "F1", "Lĩnh vực thử",
                    List.of(UnitType.DISTRICT, UnitType.COMMUNE), ProcessingTime.workingDays(5), OnlineLevel.PARTLY_ONLINE);
            // the district's last month: one dossier done on time, one left open (never closed in the old system)
            feed.dossier(P + "-D1").received(vn("2025-06-02T09:00"), DISTRICT, Types.Channel.COUNTER, PROC,
                    dueOn("2025-06-09")).processed(vn("2025-06-05T10:00"));
            feed.dossier(P + "-D2").received(vn("2025-06-03T09:00"), DISTRICT, Types.Channel.COUNTER, PROC,
                    dueOn("2025-06-10"));
            feed.dossier(P + "-C1").received(vn("2025-06-04T09:00"), COMMUNE, Types.Channel.ONLINE, PROC,
                    dueOn("2025-06-11")).processed(vn("2025-06-06T10:00"));
            feed.dossier(P + "-C2").received(vn("2026-11-02T09:00"), COMMUNE, Types.Channel.ONLINE, PROC,
                    dueOn("2026-11-09")).processed(vn("2026-11-04T10:00"));
            feed.awaitProjected();
        }
        String analyst = infra.tokens().analyst();

        given().auth().oauth2(analyst).queryParam("parent", P).queryParam("period", "2025-06")
                .get("/api/reports/ranking").then().statusCode(200)
                .body("units.unitCode", equalTo(List.of(COMMUNE, DISTRICT)))
                .body("units[1].unitNameVi", equalTo("Ủy ban nhân dân huyện Nghi Lộc"));
        given().auth().oauth2(analyst).queryParam("unit", DISTRICT).queryParam("period", "2025-06")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("rank.position", equalTo(2)).body("rank.of", equalTo(2));
        given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2025-06")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("counts.received", equalTo(3)).body("counts.inProgress", equalTo(1));
        given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2025-06")
                .queryParam("figure", "inProgress").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", equalTo(List.of(P + "-D2")));

        given().auth().oauth2(analyst).queryParam("parent", P).queryParam("period", "2026-11")
                .get("/api/reports/ranking").then().statusCode(200)
                .body("units.unitCode", equalTo(List.of(COMMUNE))).body("units[0].rank", equalTo(1));
        // the commune is 1st of 1, and the abolished district has no place among the province's units any more
        given().auth().oauth2(analyst).queryParam("unit", COMMUNE).queryParam("period", "2026-11")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("rank.position", equalTo(1)).body("rank.of", equalTo(1));
        given().auth().oauth2(analyst).queryParam("unit", DISTRICT).queryParam("period", "2026-11")
                .get("/api/reports/scorecard").then().statusCode(200).body("rank", nullValue())
                // asked for itself, the old district still answers with its own figures: its open dossier
                .body("counts.inProgress", equalTo(1)).body("counts.received", equalTo(0));
        // the province's rollup is its units in force: the district's forgotten open dossier is not in progress now
        given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2026-11")
                .get("/api/reports/scorecard").then().statusCode(200)
                .body("counts.received", equalTo(1)).body("counts.inProgress", equalTo(0));
        given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2026-11")
                .queryParam("figure", "received").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", equalTo(List.of(P + "-C2")));
        // the export ranks the same units
        given().auth().oauth2(analyst).queryParam("parent", P).queryParam("period", "2026-11").queryParam("format", "csv")
                .get("/api/reports/ranking").then().statusCode(200)
                .body(containsString(COMMUNE)).body(not(containsString("Nghi Lộc")));
    }
}
