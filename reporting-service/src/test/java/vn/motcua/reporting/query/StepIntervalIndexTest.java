package vn.motcua.reporting.query;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.PostgresServer;
import vn.motcua.testinfra.Sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps' "open during the period" condition of the dashboard's lists is the expression of the steps' GiST index
 * ({@code dossier_step_open_during}, V12): if either changed alone, the lists would still be right (the statements
 * keep their exact conditions) but would read every step of the year again, which no other test notices.
 * Whether the lists are right is DuringPeriodListsTest's.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class StepIntervalIndexTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void theStepsOpenDuringAPeriodCanBeReadThroughTheIntervalIndex() throws Exception {
        // the condition alone: with the statements' other conditions the planner may rightly prefer another index for
        // a unit with few steps, which says nothing of whether this one still fits
        String plan = plan("text[], timestamptz, timestamptz", "select * from dossier_step s where "
                + FigureQueries.STEP_OPEN_DURING, "'{U}', '2026-10-01T00:00+07', '2026-11-01T00:00+07'");
        assertThat(plan).contains(" " + intervalIndex() + " ").contains("Index Cond: (point(");
    }

    /** The steps' GiST index: V12's name, or the one a rebuild's swap brought in (an earlier test may rebuild). */
    private String intervalIndex() {
        List<String> names = Sql.rows(infra, "select indexname from pg_indexes where schemaname = 'reporting'"
                + " and tablename = 'dossier_step' and indexdef like '% USING gist %'").stream()
                .map(r -> (String) r.get("indexname")).toList();
        assertThat(names).hasSize(1);
        return names.get(0);
    }

    /** The plan of a statement with its parameters, with sequential scans priced out (the test tables are small). */
    private String plan(String types, String statement, String args) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()),
                PostgresServer.SUPERUSER, ""); Statement s = c.createStatement()) {
            s.execute("set search_path = reporting");
            s.execute("set enable_seqscan = off");
            s.execute("set plan_cache_mode = force_custom_plan");
            s.execute("prepare probe(" + types + ") as " + statement);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("explain execute probe(" + args + ")")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
