package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;

/** The read table is a projection of the store: an operator can rebuild it by replay, and it comes back the same. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class ReadTableRebuildTest {
    private static final String ROW = "select status, due_at, overdue, last_version, current_unit "
            + "from dossier.dossier_view where dossier_id = ?::uuid";

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void catalog() {
        DossierTestSupport.ensureCatalog(infra);
    }

    @Test
    void givenADamagedAndAMissingRow_whenTheAdminRebuilds_thenBothAreAsTheEventsSay() {
        String officer = infra.tokens().officer(POLICE);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String processed = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        DossierTestSupport.command(officer, processed, "transfers", Map.of("toUnit", DossierTestSupport.PC06))
                .then().statusCode(200);
        DossierTestSupport.command(officer, processed, "result", Map.of("outcome", "GRANTED")).then().statusCode(200);
        String open = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        List<Map<String, Object>> before = List.of(row(processed), row(open));

        sql("update dossier.dossier_view set status = 'RECEIVED', due_at = null, last_version = 1 where dossier_id = ?::uuid",
                processed);
        sql("delete from dossier.dossier_view where dossier_id = ?::uuid", open);
        assertThat(row(processed)).isNotEqualTo(before.get(0));

        as(infra.tokens().officer(POLICE)).post("/api/v1/admin/read-table/rebuild").then().statusCode(403);
        as(infra.tokens().admin()).post("/api/v1/admin/read-table/rebuild").then().statusCode(200)
                .body("count", greaterThanOrEqualTo(2));

        assertThat(List.of(row(processed), row(open))).isEqualTo(before);
        as(infra.tokens().officer(DossierTestSupport.PC06)).queryParam("unit", DossierTestSupport.PC06)
                .queryParam("status", "PROCESSED")
                .get("/api/v1/dossiers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(processed));
    }

    private Map<String, Object> row(String id) {
        List<Map<String, Object>> rows = DossierTestSupport.rows(infra, ROW, id);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private void sql(String statement, String id) {
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
