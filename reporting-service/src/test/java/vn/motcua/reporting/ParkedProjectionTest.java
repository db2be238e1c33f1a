package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogLimits;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierLimits;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.ContractColumns;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;
import vn.motcua.testinfra.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * No event stops a projection: a legal event the old tables refused (a transfer without its optional step name) is
 * counted; an event the database refuses is dead-lettered and parked with the rest of its dossier while the other
 * dossiers are counted, and a replay after the fix counts it, in order.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ParkedProjectionTest {
    static final String DLQ = "motcua.reporting.dlq.v1";
    static final String P = "PRK" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String D1 = P + ".D1";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");
    static final Types.ProcedureTerms REFUSED = Feed.terms(P + "-REFUSED", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    void catalog(Feed feed) {
        feed.unit(P, "Tỉnh thử", UnitType.PROVINCE, null);
        feed.unit(D1, "Sở Một", UnitType.PROVINCE_DEPARTMENT, P);
        for (Types.ProcedureTerms t : List.of(PROC, REFUSED)) {
            feed.procedure(t.code(), "Thủ tục thử", "F1", "Lĩnh vực thử", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);
        }
    }

    @Test
    void aTransferWithoutItsOptionalStepNameIsCountedAndTheDatabaseRefusingOneDossierStopsOnlyThatDossier() {
        String constraint = "test_refuse_" + P.toLowerCase();
        Sql.execute(infra, "alter table reporting.dossier_fact add constraint " + constraint
                + " check (procedure_code <> '" + REFUSED.code() + "')");
        Feed.DossierStream refused;
        Feed.DossierStream unnamedStep;
        try (Feed feed = new Feed(infra)) {
            catalog(feed);
            refused = feed.dossier(P + "-R").received(vn("2026-10-05T09:00"), D1, Types.Channel.COUNTER, REFUSED,
                    dueOn("2026-10-12"));
            refused.processed(vn("2026-10-08T10:00"));
            unnamedStep = feed.dossier(P + "-S").received(vn("2026-10-05T09:00"), D1, Types.Channel.ONLINE, PROC,
                    dueOn("2026-10-12"));
            unnamedStep.transferred(vn("2026-10-05T10:00"), D1, D1, null, vn("2026-10-07T17:00"))
                    .processed(vn("2026-10-08T10:00"));
            feed.awaitProjected();
        }
        // the dossier behind the refused one is counted, step without a name included
        assertThat(Sql.count(infra, "select count(*) from reporting.dossier_step where dossier_id = ? and step_name is null",
                unnamedStep.id)).isEqualTo(1);
        assertThat(Sql.count(infra, "select last_version from reporting.dossier_fact where dossier_id = ?", unnamedStep.id))
                .isEqualTo(3);
        // the refused one is a dead letter, its processing waits behind it
        await().atMost(Duration.ofSeconds(30)).until(() -> !dead(refused.id).isEmpty());
        assertThat(dead(refused.id).get(0).headers()).containsEntry("motcua-dlq-consumer", "dossiers")
                .containsEntry("motcua-dlq-sql-state", "23514");
        assertThat(parked(refused.id)).extracting(r -> r.get("cause")).containsExactly("DEAD_LETTER", "WAITING");
        assertThat(Sql.count(infra, "select count(*) from reporting.dossier_fact where dossier_id = ?", refused.id)).isZero();
        given().get("/q/health/ready").then().statusCode(200);

        // after the fix, a replay counts it with its processing
        Sql.execute(infra, "alter table reporting.dossier_fact drop constraint " + constraint);
        given().auth().oauth2(infra.tokens().admin()).post("/api/v1/admin/consumers/dossiers/streams/" + refused.id + "/replay")
                .then().statusCode(200).body("replayed", equalTo(2)).body("stillParked", equalTo(0));
        assertThat(Sql.count(infra, "select last_version from reporting.dossier_fact where dossier_id = ?", refused.id))
                .isEqualTo(2);
        given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", D1).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200).body("counts.received", equalTo(2));
        given().auth().oauth2(infra.tokens().admin()).get("/api/v1/admin/consumers").then().statusCode(200)
                .body("find { it.consumer == 'dossiers' }.deadLetterTopic", equalTo(DLQ));
        assertThat(parked(refused.id)).isEmpty();
    }

    @Test
    void anEventWhoseEarlierVersionIsMissingIsParkedNotCountedOutOfOrder() {
        Feed.DossierStream d;
        try (Feed feed = new Feed(infra)) {
            catalog(feed);
            d = feed.dossier(P + "-G");
            d.skip(); // version 1 never arrives
            d.publish(new vn.motcua.dossier.domain.DossierEvent.Processed(D1, "can.bo", Types.Outcome.GRANTED, "KQ-1",
                    vn("2026-10-08T10:00")));
            feed.awaitProjected();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(d.id).size() == 1);
        assertThat(parked(d.id).get(0).get("cause")).isEqualTo("OUT_OF_ORDER");
        given().auth().oauth2(infra.tokens().admin()).queryParam("stream", d.id.toString())
                .get("/api/v1/admin/consumers/dossiers/parked").then().statusCode(200)
                .body("[0].reason", containsString("version 1 is missing"));
    }

    @Test
    void everyColumnTakesTheLongestValueTheContractsAllow() {
        List<ContractColumns.Rule> rules = List.of(
                ContractColumns.Rule.width("dossier_fact", "dossier_code", DossierLimits.DOSSIER_CODE_MAX, "a dossier code"),
                ContractColumns.Rule.width("dossier_fact", "procedure_code|receiving_unit|competent_unit", CatalogLimits.CODE_MAX, "a catalog code"),
                ContractColumns.Rule.optional("dossier_fact", "procedure_name_vi", CatalogLimits.PROCEDURE_NAME_MAX, "a procedure name"),
                ContractColumns.Rule.optional("dossier_step", "step_name", DossierLimits.STEP_NAME_MAX, "a step name"),
                ContractColumns.Rule.width("dossier_step", "unit_code|competent_unit", CatalogLimits.CODE_MAX, "a unit code"),
                ContractColumns.Rule.width("unit", "code", CatalogLimits.CODE_MAX, "a unit code"),
                ContractColumns.Rule.width("unit", "name_vi", CatalogLimits.UNIT_NAME_MAX, "a unit name"),
                ContractColumns.Rule.width("procedure", "name_vi", CatalogLimits.PROCEDURE_NAME_MAX, "a procedure name"));
        assertThat(ContractColumns.violations(infra, "reporting", rules)).isEmpty();
    }

    List<Map<String, Object>> parked(UUID stream) {
        return Sql.rows(infra, "select cause from reporting.consumer_parked where consumer = 'dossiers' and stream = ?"
                + " and status = 'PARKED' order by kafka_offset", stream.toString());
    }

    List<TopicReader.Message> dead(UUID key) {
        return TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> key.toString().equals(m.key()));
    }
}
