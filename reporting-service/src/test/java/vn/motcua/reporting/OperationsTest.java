package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What operators and analysts rely on: lag as a metric and in readiness, the read-only analyst role. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class OperationsTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void projectionLagIsAMetricAndPartOfReadiness() {
        try (Feed feed = new Feed(infra)) {
            feed.unit("OPS" + UUID.randomUUID().toString().substring(0, 6), "Đơn vị", UnitType.COMMUNE, null);
            feed.awaitProjected();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'projections' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'projections' }.data.'catalog.lagEvents'", equalTo(0)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("motcua_projection_lag_events{projection=\"dossiers\"}"))
                .body(containsString("motcua_projection_events_applied_total{projection=\"catalog\",target=\"live\"}"))
                // commit to visible in the views: what the write benchmark prints as the live figures' delay
                .body(containsString("motcua_projection_visible_delay_seconds{projection=\"catalog\",quantile=\"0.99\"}"));
    }

    @Test
    void theAnalystRoleReadsTheViewsAndNothingElse() throws SQLException {
        // rows of this test's own, so each view is shown to hold what was projected (not merely to answer)
        String p = "OPS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String unit = p + ".D1";
        vn.motcua.dossier.domain.Types.ProcedureTerms proc = Feed.terms(p + "-PROC",
                vn.motcua.duedate.ProcessingTime.workingDays(5), null, "FULLY_ONLINE");
        Feed.DossierStream d;
        try (Feed feed = new Feed(infra)) {
            feed.unit(unit, "Sở Vận hành", UnitType.PROVINCE_DEPARTMENT, null);
            feed.procedure(proc.code(), "Thủ tục vận hành", "F1", "Lĩnh vực", java.util.List.of(UnitType.PROVINCE_DEPARTMENT),
                    vn.motcua.duedate.ProcessingTime.workingDays(5), vn.motcua.catalog.events.OnlineLevel.FULLY_ONLINE);
            d = feed.dossier(p + "-A").received(Feed.vn("2026-10-05T09:00"), unit,
                            vn.motcua.dossier.domain.Types.Channel.ONLINE, proc, Feed.dueOn("2026-10-12"))
                    .transferred(Feed.vn("2026-10-05T10:00"), unit, unit, "Thẩm định", Feed.vn("2026-10-07T17:00"))
                    .processed(Feed.vn("2026-10-08T10:00"))
                    .returned(Feed.vn("2026-10-09T10:00"), vn.motcua.dossier.domain.Types.ReturnChannel.COUNTER)
                    .rated(Feed.vn("2026-10-09T11:00"), 5, false);
            feed.awaitProjected();
        }
        infra.postgres().execute(infra.database(), "do $$ begin if not exists (select 1 from pg_roles where rolname ="
                + " 'motcua_analyst') then create role motcua_analyst login password 'analyst-test'; end if; end $$;"
                + "grant connect on database " + infra.database() + " to motcua_analyst;");
        // grants are applied with the views: at migration and at every rebuild swap
        given().auth().oauth2(infra.tokens().admin()).post("/api/projections/catalog/rebuild").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(infra.tokens().admin()).get("/api/projections/catalog/rebuild").then()
                        .body("state", equalTo("DONE")));
        String url = infra.postgres().jdbcUrl(infra.database());
        try (Connection c = DriverManager.getConnection(url, "motcua_analyst", "analyst-test");
             Statement s = c.createStatement()) {
            java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("select name_vi from reporting.v_unit where code = '" + unit + "'", "Sở Vận hành");
            expected.put("select name_vi from reporting.v_procedure where code = '" + proc.code() + "'", "Thủ tục vận hành");
            expected.put("select channel || '/' || record_timeliness from reporting.v_dossier where dossier_code = '"
                    + d.code + "'", "ONLINE/EARLY");
            expected.put("select string_agg(coalesce(step_name, '-'), ',' order by number) from reporting.v_dossier_step"
                    + " where dossier_code = '" + d.code + "'", "reception,Thẩm định");
            expected.put("select overall || '/' || satisfied from reporting.v_rating where dossier_code = '" + d.code + "'",
                    "5/true");
            expected.put("select received || '/' || completed from reporting.v_unit_month where unit_code = '" + unit
                    + "' and month = date '2026-10-01'", "1/1");
            for (var e : expected.entrySet()) {
                try (ResultSet rs = s.executeQuery(e.getKey())) {
                    assertThat(rs.next()).as(e.getKey()).isTrue();
                    assertThat(rs.getString(1)).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            assertThatThrownBy(() -> s.executeQuery("select * from reporting.dossier_fact"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeQuery("select * from reporting.projection_checkpoint"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from reporting.v_unit"))
                    .hasMessageContaining("permission denied");
        }
    }
}
