package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * The facts are stored by the year of Vietnam time their dossier entered (V11): each fact in its year's partition,
 * the year's first fact creating it, the edges of the year told apart by Vietnam's midnight, claimed years far off
 * sharing two edge partitions; a rebuild keeps all of it under the live names; a database of the unpartitioned
 * schema keeps every fact when it migrates.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class FactPartitionsTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "FP" + UUID.randomUUID().toString().substring(0, 6);
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(3), null,
            "PARTLY_ONLINE");

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @Test
    void eachFactLiesInItsReceptionYearsPartitionAndARebuildKeepsThem() {
        try (Feed feed = new Feed(infra)) {
            provinceWithDepartment(feed);
            // a minute before and half an hour after midnight of 1 January 2026 in Vietnam: 16:59 and 17:30 UTC
            // of 31 December, the same UTC day, two years
            feed.dossier(P + "-last2025").received(vn("2025-12-31T23:59"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("2026-01-06"));
            feed.dossier(P + "-first2026").received(vn("2026-01-01T00:30"), P + ".A", Types.Channel.ONLINE, PROC,
                    dueOn("2026-01-06")).processed(vn("2026-01-05T10:00"));
            // a year none of the other tests has: its first fact creates its partition
            feed.dossier(P + "-2031").received(vn("2031-03-03T09:00"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("2031-03-06"));
            // claimed years far off (a mistyped import) go to the edges, not to a table of their own
            feed.dossier(P + "-1998").received(vn("1998-05-05T09:00"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("1998-05-08"));
            feed.dossier(P + "-2150").received(vn("2150-05-05T09:00"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("2150-05-08"));
            feed.awaitProjected();
        }
        Map<String, String> expected = Map.of(P + "-last2025", "dossier_fact_y2025", P + "-first2026",
                "dossier_fact_y2026", P + "-2031", "dossier_fact_y2031", P + "-1998", "dossier_fact_before_2000",
                P + "-2150", "dossier_fact_from_2100");
        assertThat(partitionOfEach()).isEqualTo(expected);
        assertThat(partitions()).contains("dossier_fact_y2025", "dossier_fact_y2026", "dossier_fact_y2031",
                "dossier_fact_before_2000", "dossier_fact_from_2100").doesNotContain("dossier_fact_y1998",
                "dossier_fact_y2150");
        // the year 2026 of the analyst view reads 2026's partition only
        String plan = Sql.rows(infra, "explain select count(*) from reporting.v_dossier"
                + " where entered_at >= '2026-01-01T00:00+07:00' and entered_at < '2027-01-01T00:00+07:00'").stream()
                .map(r -> r.values().iterator().next().toString()).collect(Collectors.joining("\n"));
        assertThat(plan).contains("dossier_fact_y2026").doesNotContain("dossier_fact_y2025")
                .doesNotContain("dossier_fact_y2031");
        String january = scorecard("2026-01");
        assertThat(scorecard("2025-12")).contains("\"received\":1");
        assertThat(january).contains("\"received\":1");

        // twice: the second rebuild's twins must not collide with the partitions the first one left
        List<Map<String, Object>> before = facts();
        for (int round = 0; round < 2; round++) {
            String admin = infra.tokens().admin();
            given().auth().oauth2(admin).post("/api/projections/dossiers/rebuild").then().statusCode(202);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(admin).get("/api/projections/dossiers/rebuild").then()
                            .statusCode(200).body("state", equalTo("DONE")));
            assertThat(partitionOfEach()).isEqualTo(expected);
            assertThat(partitions()).allSatisfy(name -> assertThat(name).doesNotContain("_rebuild"));
            assertThat(facts()).isEqualTo(before);
            assertThat(scorecard("2026-01")).isEqualTo(january);
            // the indexes the replay leaves for its end are built on every year, not on the parent only
            assertThat(Sql.count(infra, "select count(*) from pg_indexes where schemaname = 'reporting'"
                    + " and tablename = 'dossier_fact_y2031'")).isEqualTo(6);
            assertThat(Sql.count(infra, "select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid"
                    + " where c.relnamespace = 'reporting'::regnamespace and not i.indisvalid")).isZero();
            // and each swapped-in table has its statistics, taken by the rebuild after its indexes
            assertThat(Sql.count(infra, "select count(*) from pg_stat_user_tables where schemaname = 'reporting'"
                    + " and relname in ('dossier_step', 'notice_fact', 'dossier_fact_y2031') and last_analyze is null"))
                    .isZero();
        }
        assertThat(Sql.count(infra, "select count(*) from pg_tables where schemaname = 'reporting'"
                + " and (tablename like '%\\_rebuild%' or tablename like '%\\_retired%')")).isZero();
    }

    @Test
    void aDatabaseOfTheUnpartitionedSchemaKeepsEveryFactWhenItMigrates() {
        String database = "fp_migration_" + UUID.randomUUID().toString().substring(0, 8);
        infra.postgres().execute("postgres", "create database " + database);
        try {
            String url = infra.postgres().jdbcUrl(database);
            flyway(url, "10").migrate();
            // a V10 database has the views of V10's release, recorded with that release's checksum: V11 drops the
            // views and relies on R__analyst_views.sql, changed with it, being applied again
            Sql.execute(infra.postgres(), database, "update reporting.flyway_schema_history set checksum = checksum + 1"
                    + " where version is null and description = 'analyst views'");
            Instant[] entered = {Instant.parse("2025-12-31T16:59:00Z"), Instant.parse("2025-12-31T17:00:00Z"),
                    Instant.parse("2024-03-01T02:00:00Z"), Instant.parse("1990-01-01T00:00:00Z")};
            for (int i = 0; i < entered.length; i++) {
                Sql.execute(infra.postgres(), database, "insert into reporting.dossier_fact (dossier_id, dossier_code,"
                        + " last_version, procedure_code, procedure_version, time_unit, legal_amount, applied_amount,"
                        + " committed_shorter, receiving_unit, competent_unit, channel, entered_at, received_at,"
                        + " completed_at) values ('" + UUID.randomUUID() + "', 'M-" + i + "', 2, 'P', 1,"
                        + " 'WORKING_DAYS', 3, 3, false, 'U', 'U', 'COUNTER', '" + entered[i] + "', '" + entered[i]
                        + "', " + (i == 2 ? "'2024-03-04T02:00:00Z'" : "null") + ")");
            }
            List<Map<String, Object>> before = Sql.rows(infra.postgres(), database,
                    "select * from reporting.v_dossier order by dossier_code");

            flyway(url, null).migrate();

            assertThat(Sql.rows(infra.postgres(), database, "select dossier_code, replace(tableoid::regclass::text, 'reporting.', '')"
                    + " as part from reporting.dossier_fact order by dossier_code")).extracting(r -> r.get("part"))
                    .containsExactly("dossier_fact_y2025", "dossier_fact_y2026", "dossier_fact_y2024",
                            "dossier_fact_before_2000");
            // every fact as the analysts saw it
            assertThat(Sql.rows(infra.postgres(), database, "select * from reporting.v_dossier order by dossier_code"))
                    .hasSize(4).isEqualTo(before);
            // the generated column is computed again, and the indexes are there, on every partition
            assertThat(Sql.count(infra.postgres(), database, "select count(*) from reporting.dossier_fact"
                    + " where relevant_until = 'infinity'")).isEqualTo(3);
            assertThat(Sql.count(infra.postgres(), database, "select count(*) from pg_indexes"
                    + " where schemaname = 'reporting' and tablename = 'dossier_fact'")).isEqualTo(6);
            assertThat(Sql.count(infra.postgres(), database, "select count(*) from pg_indexes"
                    + " where schemaname = 'reporting' and tablename = 'dossier_fact_y2025'")).isEqualTo(6);
            // the migration's years are the projection's: the same bounds for the years both made
            liveYears();
            for (String year : List.of("dossier_fact_y2025", "dossier_fact_y2026")) {
                assertThat(bounds(database, year)).isEqualTo(bounds(infra.database(), year)).isNotBlank();
            }
        } finally {
            infra.postgres().execute("postgres", "drop database " + database + " with (force)");
        }
    }

    /** Facts of 2025 and 2026 in the live projection, which creates their partitions if no other test has yet. */
    private void liveYears() {
        try (Feed feed = new Feed(infra)) {
            provinceWithDepartment(feed);
            feed.dossier(P + "B-2025").received(vn("2025-07-01T09:00"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("2025-07-04"));
            feed.dossier(P + "B-2026").received(vn("2026-07-01T09:00"), P + ".A", Types.Channel.COUNTER, PROC,
                    dueOn("2026-07-06"));
            feed.awaitProjected();
        }
    }

    /** The test's province and its department, with the procedure the department handles (again: idempotent). */
    private static void provinceWithDepartment(Feed feed) {
        feed.unit(P, "Tỉnh", UnitType.PROVINCE, null);
        feed.unit(P + ".A", "Sở A", UnitType.PROVINCE_DEPARTMENT, P);
        feed.procedure(PROC.code(), "Thủ tục", "F", "Lĩnh vực", List.of(UnitType.PROVINCE_DEPARTMENT),
                ProcessingTime.workingDays(3), OnlineLevel.PARTLY_ONLINE);
    }

    private String bounds(String database, String partition) {
        return Sql.rows(infra.postgres(), database, "select pg_get_expr(relpartbound, oid) as b from pg_class"
                + " where relname = ? and relnamespace = 'reporting'::regnamespace", partition).get(0).get("b")
                .toString();
    }

    private static Flyway flyway(String url, String target) {
        var config = Flyway.configure().dataSource(url, "postgres", "").schemas("reporting")
                .defaultSchema("reporting").locations("classpath:db/migration", "classpath:db/consumer")
                .outOfOrder(true).placeholders(Map.of("analystRole", "motcua_analyst_migration_test"));
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private Map<String, String> partitionOfEach() {
        return Sql.rows(infra, "select dossier_code, tableoid::regclass::text as part from reporting.dossier_fact"
                + " where dossier_code like ?", P + "-%").stream().collect(Collectors.toMap(
                r -> r.get("dossier_code").toString(), r -> r.get("part").toString().replace("reporting.", "")));
    }

    private List<String> partitions() {
        return Sql.rows(infra, "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                + " where i.inhparent = 'reporting.dossier_fact'::regclass order by 1").stream()
                .map(r -> r.get("relname").toString()).toList();
    }

    private List<Map<String, Object>> facts() {
        return Sql.rows(infra, "select f.*, f.tableoid::regclass::text as part, (select json_agg(s order by s.number)"
                + " from reporting.dossier_step s where s.dossier_id = f.dossier_id)::text as steps"
                + " from reporting.dossier_fact f where dossier_code like ? order by dossier_code", P + "-%");
    }

    private String scorecard(String period) {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", P + ".A").queryParam("period", period)
                .get("/api/reports/scorecard").then().statusCode(200).extract().asString()
                .replaceAll("\"asOf\":\"[^\"]*\"", "");
    }
}
