package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * A revision of the working calendar counts again, live, what the facts counted in working time over the days it
 * changes, and the result equals a rebuild. Year 2031, which no other test's calendar or dossiers use (the catalog
 * replica is shared by the test classes).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class CalendarRevisionTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "CR" + UUID.randomUUID().toString().substring(0, 6);
    static final String UNIT = P + ".A";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "PARTLY_ONLINE");

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2032-01-15T10:00"));
    }

    @Test
    void aDayOffAddedAfterTheDossiersChangesTheirFiguresLiveAsARebuildWould() {
        try (Feed feed = new Feed(infra)) {
            feed.calendar(CalendarYear.standard(2031), 1);
            feed.unit(P, "Tỉnh", UnitType.PROVINCE, null);
            feed.unit(UNIT, "Sở A", UnitType.PROVINCE_DEPARTMENT, P);
            feed.procedure(PROC.code(), "Thủ tục", "F", "Lĩnh vực", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingDays(5), OnlineLevel.PARTLY_ONLINE);
            feed.awaitProjected();
            // due Friday 7 March; apology on Thursday 6, one working day before it; done late on Monday 10
            feed.dossier(P + "-LATE").received(vn("2031-03-03T09:00"), UNIT, Types.Channel.COUNTER, PROC,
                            dueOn("2031-03-07"))
                    .apologized(vn("2031-03-06T10:00"), UNIT, dueOn("2031-03-12"))
                    .processed(vn("2031-03-10T10:00"));
            // received Monday 3, done Friday 7: Tuesday to Friday, 4 of its 5 working days
            feed.dossier(P + "-EARLY").received(vn("2031-03-03T09:00"), UNIT, Types.Channel.COUNTER, PROC,
                    dueOn("2031-03-10")).processed(vn("2031-03-07T10:00"));
            feed.awaitProjected();
        }
        card().body("counts.lateOrOverdue", equalTo(1)).body("figures.apologyCoverage", equalTo(100.0f))
                // (5 + 4 working days used) / (5 + 5)
                .body("figures.averageTimeUsedOfLegal", equalTo(90.0f));

        // the catalog revises 2031: Thursday 6 March becomes a day off
        try (Feed feed = new Feed(infra)) {
            feed.calendar(CalendarYear.of(2031, List.of(new DayOff(LocalDate.of(2031, 3, 6),
                    DayOffKind.COMPENSATORY_DAY_OFF, "Nghỉ bù", "Compensatory day off")), List.of()), 2);
            feed.awaitProjected();
        }
        // in the same transaction as the catalog's checkpoint: no wait beyond it. The apology was sent on a day off,
        // no longer a working day before the due; each dossier used one working day less
        card().body("counts.lateOrOverdue", equalTo(1)).body("figures.apologyCoverage", equalTo(0.0f))
                .body("figures.averageTimeUsedOfLegal", equalTo(70.0f));
        given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", UNIT).queryParam("period", "2031-03")
                .queryParam("figure", "apologyMissing").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", equalTo(List.of(P + "-LATE")));

        String live = card().extract().asString().replaceAll("\"asOf\":\"[^\"]*\"", "");
        List<Map<String, Object>> facts = facts();
        String admin = infra.tokens().admin();
        given().auth().oauth2(admin).post("/api/projections/dossiers/rebuild").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/projections/dossiers/rebuild").then().statusCode(200)
                        .body("state", equalTo("DONE")));
        assertThat(facts()).isEqualTo(facts);
        assertThat(card().extract().asString().replaceAll("\"asOf\":\"[^\"]*\"", "")).isEqualTo(live);
    }

    private io.restassured.response.ValidatableResponse card() {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", UNIT).queryParam("period", "2031-03")
                .get("/api/reports/scorecard").then().statusCode(200);
    }

    private List<Map<String, Object>> facts() {
        return Sql.rows(infra, "select dossier_code, apology_timely, used_amount, used_ratio, record_timeliness"
                + " from reporting.dossier_fact where competent_unit = ? order by dossier_code", UNIT);
    }
}
