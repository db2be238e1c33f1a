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
                .body(containsString("motcua_projection_events_applied_total{projection=\"catalog\",target=\"live\"}"));
    }

    @Test
    void theAnalystRoleReadsTheViewsAndNothingElse() throws SQLException {
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
            for (String view : new String[]{"v_unit", "v_procedure", "v_dossier", "v_dossier_step", "v_rating",
                    "v_unit_month"}) {
                try (ResultSet rs = s.executeQuery("select count(*) from reporting." + view)) {
                    assertThat(rs.next()).isTrue();
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
