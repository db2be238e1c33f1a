package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.Period;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.reporting.Feed.VIETNAM;
import static vn.motcua.reporting.Feed.dueOn;

/**
 * The dashboard's two "during the period" lists (late steps, dossiers overdue at period end) read their rows through
 * interval indexes; the statements keep their exact conditions. Checked against those conditions written out plainly
 * on the same facts: random dossiers with up to three hand-overs each (deadlines before and after the hand-over's end,
 * steps still open, one hand-over recorded before its reception), asked for every month, quarter and the year, and
 * for days around them (one not begun yet), with limits that cut through steps sharing a deadline.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DuringPeriodListsTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "DP" + UUID.randomUUID().toString().substring(0, 6);
    static final List<String> UNITS = List.of(P + ".A", P + ".B", P + ".A.1");
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null,
            "PARTLY_ONLINE");
    static final Instant NOW = Feed.vn("2026-12-15T10:00");

    static boolean fed;

    @BeforeEach
    void feed() {
        TestClock.CLOCK.set(NOW);
        if (fed) {
            return;
        }
        Random rnd = new Random(20261207L);
        try (Feed feed = new Feed(infra)) {
            feed.unit(P, "Tỉnh thử khoảng thời gian", UnitType.PROVINCE, null);
            feed.unit(UNITS.get(0), "Sở A", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(UNITS.get(1), "Sở B", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(UNITS.get(2), "Phòng A.1", UnitType.PROVINCE_DEPARTMENT, UNITS.get(0));
            feed.procedure(PROC.code(), "Thủ tục thử", "F1", "Lĩnh vực thử", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingDays(5), OnlineLevel.PARTLY_ONLINE);
            Instant first = Feed.vn("2026-09-01T08:00");
            // a shared deadline, so that a limit can fall between steps that tie on it
            Instant shared = Feed.vn("2026-10-20T17:00");
            for (int i = 0; i < 90; i++) {
                Instant received = first.plus(Duration.ofMinutes(rnd.nextInt(100 * 24 * 60)));
                String unit = UNITS.get(rnd.nextInt(UNITS.size()));
                LocalDate dueDate = received.atZone(VIETNAM).toLocalDate().plusDays(7);
                Types.Due due = dueOn(dueDate.toString());
                Feed.DossierStream d = feed.dossier("%s-%03d".formatted(P, i))
                        .received(received, unit, Types.Channel.COUNTER, PROC, due);
                Instant at = received;
                String from = unit;
                int handOvers = rnd.nextInt(4);
                for (int k = 0; k < handOvers; k++) {
                    // the first hand-over of every tenth dossier is recorded an hour before its reception
                    at = i % 10 == 0 && k == 0 ? received.minus(Duration.ofHours(1))
                            : at.plus(Duration.ofMinutes(30 + rnd.nextInt(8 * 24 * 60)));
                    String to = UNITS.get(rnd.nextInt(UNITS.size()));
                    Instant deadline = i % 7 == 0 ? shared : at.plus(Duration.ofMinutes(rnd.nextInt(6 * 24 * 60)));
                    d.transferred(at, from, to, "Bước " + (k + 1), deadline);
                    from = to;
                }
                Instant end = at.plus(Duration.ofMinutes(60 + rnd.nextInt(20 * 24 * 60)));
                boolean overdue = due.at().isBefore(end.isBefore(NOW) ? end : NOW);
                if (overdue) {
                    d.overdue(due);
                }
                int outcome = rnd.nextInt(10);
                if (end.isBefore(NOW) && outcome < 5) {
                    d.processed(end);
                } else if (end.isBefore(NOW) && outcome < 6) {
                    d.withdrawn(end);
                }
            }
            feed.awaitProjected();
        }
        fed = true;
    }

    @Test
    void lateStepsAndOverdueDossiersAreExactlyThoseTheirConditionsName() {
        String analyst = infra.tokens().analyst();

        List<String> periods = new ArrayList<>(List.of("2026-09", "2026-10", "2026-11", "2026-12", "2026-Q3",
                "2026-Q4", "2026"));
        for (LocalDate day = LocalDate.of(2026, 8, 31); !day.isAfter(LocalDate.of(2026, 12, 17));
             day = day.plusDays(4)) {
            periods.add(day.toString());
        }
        int lateSeen = 0;
        int overdueSeen = 0;
        for (String period : periods) {
            Period p = Period.parse(period);
            Instant start = p.start();
            Instant end = p.end().isAfter(NOW) ? NOW : p.end();
            if (end.isBefore(start)) {
                end = start;
            }
            for (int limit : List.of(1, 2, 3, 7, 200)) {
                List<String> expected = Sql.rows(infra, """
                                select d.dossier_code || ' ' || coalesce(s.step_name, '-') as step
                                from reporting.dossier_step s join reporting.dossier_fact d on d.dossier_id = s.dossier_id
                                where s.unit_code like ? and s.started_at < ? and (s.ended_at is null or s.ended_at >= ?)
                                  and s.deadline is not null and coalesce(s.ended_at, ?) > s.deadline
                                order by s.deadline, d.dossier_code, s.number limit ?""", P + "%", end, start, end, limit)
                        .stream().map(r -> (String) r.get("step")).toList();
                List<Map<String, Object>> answered = given().auth().oauth2(analyst).queryParam("unit", P)
                        .queryParam("period", period).queryParam("limit", limit).get("/api/reports/steps/late")
                        .then().statusCode(200).extract().jsonPath().getList("$");
                List<String> listed = answered.stream().map(r -> r.get("dossierCode") + " "
                        + (r.get("stepName") == null ? "-" : r.get("stepName"))).toList();
                assertThat(listed).as("late steps of %s, limit %d", period, limit).isEqualTo(expected);
                lateSeen = Math.max(lateSeen, listed.size());
            }

            List<String> overdueExpected = Sql.rows(infra, """
                            select dossier_code from reporting.dossier_fact
                            where competent_unit like ? and received_at < ? and overdue_at < ?
                              and (completed_at is null or completed_at >= ?) and (withdrawn_at is null or withdrawn_at >= ?)
                            order by received_at, dossier_code""", P + "%", end, end, end, end)
                    .stream().map(r -> (String) r.get("dossier_code")).toList();
            List<String> overdueListed = given().auth().oauth2(analyst).queryParam("unit", P)
                    .queryParam("period", period).queryParam("figure", "overdueOpen").get("/api/reports/dossiers")
                    .then().statusCode(200).extract().jsonPath().getList("dossierCode", String.class);
            assertThat(overdueListed).as("overdue at the end of %s", period).isEqualTo(overdueExpected);
            overdueSeen = Math.max(overdueSeen, overdueListed.size());
        }
        // the data is not trivial: some periods have many late steps and many overdue dossiers
        assertThat(lateSeen).isGreaterThan(20);
        assertThat(overdueSeen).isGreaterThan(5);
    }

    /**
     * A trend reads the closed months' stored summaries in one statement and counts the rest month by month: each of
     * its points equals the scorecard of that month, with nothing stored, with one month's summaries dropped, and
     * with everything stored.
     */
    @Test
    void aTrendShowsWhatEachMonthsScorecardCounts() {
        String analyst = infra.tokens().analyst();
        for (String stage : List.of("nothing stored", "one month dropped", "everything stored")) {
            if (stage.equals("one month dropped")) {
                Sql.execute(infra, "delete from reporting.unit_period_summary where unit_code like '" + P
                        + "%' and period_start = '2026-10-01T00:00+07'");
            }
            List<Map<String, Object>> points = given().auth().oauth2(analyst).queryParam("unit", P)
                    .queryParam("from", "2026-08").queryParam("to", "2026-12").get("/api/reports/trend")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(points).hasSize(5);
            for (int i = 0; i < 5; i++) {
                String month = "2026-%02d".formatted(8 + i);
                Map<String, Object> card = given().auth().oauth2(analyst).queryParam("unit", P)
                        .queryParam("period", month).get("/api/reports/scorecard").then().statusCode(200)
                        .extract().jsonPath().getMap("counts");
                assertThat(points.get(i).get("counts")).as("%s, %s", month, stage).isEqualTo(card);
            }
            if (stage.equals("everything stored")) {
                assertThat(Sql.count(infra, "select count(*) from reporting.unit_period_summary where unit_code = ?"
                        + " and period_start >= '2026-08-01T00:00+07'", P)).as("August to November stored")
                        .isEqualTo(4);
            }
        }
        Map<String, Object> october = given().auth().oauth2(analyst).queryParam("unit", P)
                .queryParam("period", "2026-10").get("/api/reports/scorecard").then().statusCode(200)
                .extract().jsonPath().getMap("counts");
        assertThat(((Number) october.get("received")).longValue()).as("October is not empty").isGreaterThan(10);
        assertThat(((Number) october.get("procedures")).longValue()).as("commitments counted").isGreaterThan(0);
    }
}
