package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * The projection sends its rows by COPY: a name carrying the characters its text format would escape (backslash,
 * tab, newline, carriage return) or that spell its NULL marker is stored exactly as the event carried it.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class StagedTextTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "ST" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @Test
    void namesWithEscapedCharactersAreStoredAsSent() {
        String procedureName = "Cấp phép\txây dựng\\N \\ nhà ở\r\nriêng lẻ";
        String stepName = "\\N";
        String otherStep = "thẩm định\tvòng 2\\n\nhết";
        Types.ProcedureTerms proc = new Types.ProcedureTerms(P + "-PROC", 1, procedureName,
                ProcessingTime.workingDays(5), null, "NONE", true);
        try (Feed feed = new Feed(infra)) {
            feed.dossier(P + "-1").received(vn("2026-10-05T09:00"), P + ".A", Types.Channel.COUNTER, proc,
                            dueOn("2026-10-12"))
                    .transferred(vn("2026-10-05T10:00"), P + ".A", P + ".B", stepName, vn("2026-10-06T17:00"))
                    .transferred(vn("2026-10-06T10:00"), P + ".B", P + ".A", otherStep, null)
                    .processed(vn("2026-10-07T10:00"));
            feed.awaitProjected();
        }
        List<Map<String, Object>> fact = Sql.rows(infra, "select procedure_name_vi, completion_kind, rescheduled_due_at"
                + " from reporting.dossier_fact where dossier_code = ?", P + "-1");
        assertThat(fact).hasSize(1);
        assertThat(fact.get(0).get("procedure_name_vi")).isEqualTo(procedureName);
        assertThat(fact.get(0).get("completion_kind")).isEqualTo("PROCESSED");
        assertThat(fact.get(0).get("rescheduled_due_at")).isNull();
        List<Map<String, Object>> steps = Sql.rows(infra, "select number, step_name, ended_at is not null as ended"
                + " from reporting.v_dossier_step where dossier_code = ? order by number", P + "-1");
        assertThat(steps).extracting(s -> s.get("step_name")).containsExactly("reception", stepName, otherStep);
        assertThat(steps).extracting(s -> s.get("ended")).containsExactly(true, true, true);
    }
}
