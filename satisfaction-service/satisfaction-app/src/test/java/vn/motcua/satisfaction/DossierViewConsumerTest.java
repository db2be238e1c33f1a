package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierTopics;
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
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;

/**
 * The dossier view is fed at least once: a redelivered event changes nothing, and a record that is not a dossier
 * event goes to the dead-letter topic while the other dossiers' events behind it are still applied (its own
 * dossier's wait behind it: ParkedStreamsTest).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class DossierViewConsumerTest {
    static final String DLQ = "motcua.satisfaction.dossier-view.dlq.v1";

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    Instant now;
    String kiosk;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-27T10:00");
        TestClock.CLOCK.set(now);
        kiosk = infra.tokens().system("kiosk-2", POLICE);
    }

    @Test
    void theSameReturnedEventTwiceDecidesTheWaitingRatingOnceAndChangesNothingTheSecondTime() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(2))).awaitVersion(1);
        String id = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 5)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");

        DossierEvent.Returned returned = new DossierEvent.Returned(Types.ReturnChannel.COUNTER, now.minusSeconds(30));
        DossierEventEnvelope envelope = DossierEventEnvelope.of(UUID.randomUUID(), d.id, d.code, 2, 99_000,
                now.minusSeconds(30), returned);
        byte[] payload = new DossierEventCodec().write(envelope);
        SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, d.id.toString(), payload);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RETURNED".equals(d.state()));
        SatisfactionTestSupport.awaitPublished(infra, d.code, 1);
        List<Map<String, Object>> viewBefore = view(d.id);
        List<Map<String, Object>> ratingsBefore = SatisfactionTestSupport.ratings(infra, d.code);

        // the same event again; wait until the consumer has committed past it
        var again = SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, d.id.toString(), payload);
        SatisfactionTestSupport.awaitConsumed(infra, "satisfaction-service.dossier-view", again);

        assertThat(view(d.id)).isEqualTo(viewBefore);
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).isEqualTo(ratingsBefore);
        assertThat(Sql.count(infra, "select count(*) from satisfaction.processed_event where event_id = ?",
                envelope.eventId())).isEqualTo(1);
        assertThat(SatisfactionTestSupport.published(infra, d.code)).hasSize(1);
        as(kiosk).get("/api/v1/ratings/" + id).then().body("status", equalTo("VALID"));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsStillApplied() {
        String key = UUID.randomUUID().toString();
        List<String> poison = List.of(
                "this is not JSON {",
                "[1, 2, 3]",
                "{\"type\": \"DossierReturned\", \"eventId\": \"" + UUID.randomUUID() + "\"}",
                "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"DossierReturned\", \"schemaVersion\": 1,"
                        + " \"dossierId\": \"" + key + "\", \"dossierCode\": \"X-1\", \"version\": 1, \"position\": 1,"
                        + " \"occurredAt\": \"2026-11-27T01:00:00Z\", \"recordedAt\": \"2026-11-27T01:00:00Z\","
                        + " \"data\": {\"channel\": \"COUNTER\"}}");
        // each poison record under a key of its own: each is a dossier's first record, so each is dead-lettered
        List<String> keys = new java.util.ArrayList<>();
        for (String p : poison) {
            String k = keys.isEmpty() ? key : UUID.randomUUID().toString();
            keys.add(k);
            SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, k, p.getBytes(StandardCharsets.UTF_8));
        }
        // a good event of another dossier, on the same topic behind the poison
        var d = new GoodDossier(UUID.randomUUID());
        d.publishReceived(now.minus(Duration.ofHours(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(infra,
                "select count(*) from satisfaction.dossier_view where dossier_id = ?", d.id) == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> keys.contains(m.key())).size()
                        >= poison.size());
        List<TopicReader.Message> dead = TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> keys.contains(m.key()));
        // each under a dossier of its own, so on partitions of their own: Kafka orders records per dossier only, and a
        // poll applied as a batch takes them partition by partition (a dossier's own order: ParkedStreamsTest)
        assertThat(dead).extracting(TopicReader.Message::value).containsExactlyInAnyOrderElementsOf(poison);
        assertThat(dead).allSatisfy(m -> assertThat(m.headers())
                .containsEntry("motcua-dlq-consumer", "satisfaction-service.dossier-view")
                .containsKeys("motcua-dlq-reason", "motcua-dlq-offset", "motcua-dlq-error-class"));
    }

    /** A dossier whose id is chosen by the test, published with dossier-service's codec. */
    class GoodDossier {
        final UUID id;

        GoodDossier(UUID id) {
            this.id = id;
        }

        void publishReceived(Instant at) {
            var template = SatisfactionTestSupport.dossier(infra);
            DossierEventEnvelope envelope = DossierEventEnvelope.of(UUID.randomUUID(), id, template.code, 1, 1, at,
                    new DossierEvent.Received(template.code, new Types.ProcedureTerms("2.000200", 1, "Cấp thẻ căn cước",
                            vn.motcua.duedate.ProcessingTime.workingDays(7), null, "PARTLY_ONLINE", false), POLICE,
                            POLICE, Types.Channel.COUNTER, null, List.of("Tờ khai"), at, at, "can.bo", "ND118-2025",
                            new Types.Due(at.plus(Duration.ofDays(7)), null), at, at.plus(Duration.ofHours(4)), null));
            SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, id.toString(), new DossierEventCodec().write(envelope));
        }
    }

    List<Map<String, Object>> view(UUID id) {
        return Sql.rows(infra, "select * from satisfaction.dossier_view where dossier_id = ?", id);
    }
}
