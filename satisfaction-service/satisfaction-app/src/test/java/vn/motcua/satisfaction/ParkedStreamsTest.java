package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogLimits;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierLimits;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.testinfra.ContractColumns;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;
import vn.motcua.testinfra.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;

/**
 * No record stops the dossier view, and a dossier's order survives one that cannot be applied: it is dead-lettered
 * and parked with the rest of its stream, the other dossiers go on, and an admin's replay after the fix applies the
 * stream in order. Tried against the real database refusing a row, as a too-narrow column did.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class ParkedStreamsTest {
    static final String CONSUMER = "satisfaction-service.dossier-view";
    static final String DLQ = "motcua.satisfaction.dossier-view.dlq.v1";
    static final String ADMIN_API = "/api/v1/admin/consumers";

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    Instant now;
    String admin;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-27T10:00");
        TestClock.CLOCK.set(now);
        admin = infra.tokens().admin();
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredItsDossierWaitsAndAReplayAfterTheFixAppliesItInOrder() {
        String refused = "REFUSE." + UUID.randomUUID().toString().substring(0, 8);
        String constraint = "test_refuse_" + refused.substring(7);
        Sql.execute(infra, "alter table satisfaction.dossier_view add constraint " + constraint
                + " check (procedure_code is distinct from '" + refused + "')");
        var d = SatisfactionTestSupport.dossier(infra);
        d.receivedFor(refused, now.minus(Duration.ofDays(2))).returned(now.minus(Duration.ofHours(1)));
        // another dossier behind it on the same topic is applied: the consumer goes on
        var other = SatisfactionTestSupport.dossier(infra);
        other.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))).awaitVersion(1);

        // the refused reception went to the dead-letter topic, saying where it came from and why
        await().atMost(Duration.ofSeconds(30)).until(() -> !dead(d.id).isEmpty());
        TopicReader.Message letter = dead(d.id).get(0);
        assertThat(letter.headers()).containsEntry("motcua-dlq-consumer", CONSUMER)
                .containsEntry("motcua-dlq-topic", DossierTopics.EVENTS)
                .containsEntry("motcua-dlq-sql-state", "23514")
                .containsKeys("motcua-dlq-partition", "motcua-dlq-offset", "motcua-dlq-error-class");
        assertThat(letter.headers().get("motcua-dlq-reason")).contains(constraint);
        // its return waits behind it instead of being applied to a dossier the view does not have
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(d.id).size() == 2);
        assertThat(parked(d.id)).extracting(r -> r.get("cause")).containsExactly("WAITING", "DEAD_LETTER");
        assertThat(d.state()).isNull();
        assertThat(dead(d.id)).hasSize(1);

        // operators see it, and the service stays ready
        as(admin).get(ADMIN_API).then().statusCode(200)
                .body("find { it.consumer == '" + CONSUMER + "' }.deadLetterTopic", equalTo(DLQ))
                .body("consumer", hasItem("satisfaction-service.catalog"));
        as(admin).queryParam("stream", d.id.toString()).get(ADMIN_API + "/" + CONSUMER + "/parked").then()
                .statusCode(200).body("size()", equalTo(2))
                .body("[1].sqlState", equalTo("23514")).body("[1].reason", containsString(constraint));
        SatisfactionTestSupport.anonymous().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'consumers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'consumers' }.data.'" + CONSUMER + "'", containsString("dead letter"));

        // a replay before the fix changes nothing
        as(admin).post(ADMIN_API + "/" + CONSUMER + "/streams/" + d.id + "/replay").then().statusCode(200)
                .body("replayed", equalTo(0)).body("stillParked", equalTo(2)).body("reason", containsString(constraint));
        assertThat(d.state()).isNull();

        // the fix, then the replay: reception and return applied, in that order
        Sql.execute(infra, "alter table satisfaction.dossier_view drop constraint " + constraint);
        as(admin).post(ADMIN_API + "/" + CONSUMER + "/streams/" + d.id + "/replay").then().statusCode(200)
                .body("replayed", equalTo(2)).body("stillParked", equalTo(0));
        assertThat(d.state()).isEqualTo("RETURNED");
        assertThat(Sql.count(infra, "select last_version from satisfaction.dossier_view where dossier_id = ?", d.id))
                .isEqualTo(2);
        assertThat(parked(d.id)).isEmpty();
        // a later event of the dossier is applied directly again
        d.withdrawn(now);
        d.awaitVersion(3);
    }

    @Test
    void anEventWhoseVersionBeforeIsMissingWaitsForItAndFollowsItWhenItArrives() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.publishAs(2, new DossierEvent.Returned(Types.ReturnChannel.COUNTER, now.minus(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(d.id).size() == 1);
        assertThat(parked(d.id).get(0).get("cause")).isEqualTo("OUT_OF_ORDER");
        assertThat(d.state()).isNull();
        assertThat(dead(d.id)).as("a gap is not the record's fault: no dead letter").isEmpty();

        d.publishAs(1, receivedEvent(d));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RETURNED".equals(d.state()));
        assertThat(parked(d.id)).isEmpty();
    }

    @Test
    void aRecordNoFixCanApplyIsDiscardedWithItsReasonAndTheStreamGoesOn() {
        UUID id = UUID.randomUUID();
        SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, id.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        var d = new SatisfactionTestSupport.Dossier(infra, id, SatisfactionTestSupport.POLICE, SatisfactionTestSupport.POLICE);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(id).size() == 2);
        Number poison = (Number) parked(id).get(1).get("id");

        String discard = ADMIN_API + "/" + CONSUMER + "/parked/" + poison + "/discard";
        as(admin).body(Map.of("reason", " ")).post(discard).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("reason"));
        as(infra.tokens().analyst()).body(Map.of("reason", "x")).post(discard).then().statusCode(403);
        as(admin).body(Map.of("reason", "x")).post(ADMIN_API + "/no-such-consumer/parked/1/discard").then()
                .statusCode(404).contentType("application/problem+json");
        as(admin).body(Map.of("reason", "x")).post(ADMIN_API + "/" + CONSUMER + "/parked/abc/discard").then()
                .statusCode(400).contentType("application/problem+json");
        as(admin).body(Map.of("reason", "not a dossier event: sent by a test tool")).post(discard).then().statusCode(200);
        as(admin).post(ADMIN_API + "/" + CONSUMER + "/streams/" + id + "/replay").then().statusCode(200)
                .body("replayed", equalTo(1)).body("stillParked", equalTo(0));
        d.awaitVersion(1);
        as(admin).queryParam("stream", id.toString()).queryParam("status", "DISCARDED")
                .get(ADMIN_API + "/" + CONSUMER + "/parked").then().statusCode(200)
                .body("[0].settleReason", equalTo("not a dossier event: sent by a test tool"))
                .body("[0].settledBy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void everyColumnTakesTheLongestValueTheContractsAllow() {
        List<ContractColumns.Rule> rules = List.of(
                ContractColumns.Rule.width("dossier_view|rating|complaint", "dossier_code", DossierLimits.DOSSIER_CODE_MAX, "a dossier code"),
                ContractColumns.Rule.width("dossier_view", "procedure_code|receiving_unit|competent_unit", CatalogLimits.CODE_MAX, "a catalog code"),
                ContractColumns.Rule.optional("dossier_view", "procedure_name", CatalogLimits.PROCEDURE_NAME_MAX, "a procedure name"),
                ContractColumns.Rule.width("catalog_unit", "code", CatalogLimits.CODE_MAX, "a unit code"),
                ContractColumns.Rule.optional("catalog_unit", "parent_code", CatalogLimits.CODE_MAX, "a parent unit code"),
                ContractColumns.Rule.width("catalog_unit", "name_vi", CatalogLimits.UNIT_NAME_MAX, "a unit name"),
                ContractColumns.Rule.width("rating|complaint", "unit_code", CatalogLimits.CODE_MAX, "a unit code"),
                ContractColumns.Rule.width("rating", "ballot_unit", CatalogLimits.CODE_MAX, "a unit code"));
        assertThat(ContractColumns.violations(infra, "satisfaction", rules)).isEmpty();
    }

    DossierEvent.Received receivedEvent(SatisfactionTestSupport.Dossier d) {
        Instant at = now.minus(Duration.ofDays(2));
        return new DossierEvent.Received(d.code, new Types.ProcedureTerms("2.000200", 1, "Cấp thẻ căn cước",
                vn.motcua.duedate.ProcessingTime.workingDays(7), null, "PARTLY_ONLINE", false), d.receivingUnit,
                d.competentUnit, Types.Channel.COUNTER, null, List.of("Tờ khai"), at, at, "can.bo", "ND118-2025",
                new Types.Due(at.plus(Duration.ofDays(7)), null), at, at.plus(Duration.ofHours(4)), null);
    }

    List<Map<String, Object>> parked(UUID stream) {
        return Sql.rows(infra, "select id, cause, status from satisfaction.consumer_parked where consumer = ? and stream = ?"
                + " and status = 'PARKED' order by kafka_offset desc", CONSUMER, stream.toString());
    }

    List<TopicReader.Message> dead(UUID key) {
        return TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> key.toString().equals(m.key()));
    }
}
