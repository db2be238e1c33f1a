package vn.motcua.satisfaction;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;
import vn.motcua.testinfra.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;

/**
 * Behind an import the dossier view takes a poll's records in one transaction. What one by one did still holds
 * there: every dossier ends as its events say, the ratings that waited for a return are decided once, a record
 * delivered twice counts once, and a record that cannot be applied is dead-lettered or parked while the rest of its
 * poll is applied.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class DossierViewBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    MeterRegistry metrics;

    @Inject
    vn.motcua.consumer.Consumers consumers;

    Instant now;
    String kiosk;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-27T10:00");
        TestClock.CLOCK.set(now);
        kiosk = infra.tokens().system("kiosk-3", POLICE);
    }

    @Test
    void aBurstOfDossiersIsAppliedManyAtATimeAndDecidesEachWaitingRatingOnce() {
        // three dossiers whose ratings came before their return: they wait
        List<SatisfactionTestSupport.Dossier> waiting = new ArrayList<>();
        List<String> ratingIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var d = SatisfactionTestSupport.dossier(infra).received(Types.Channel.COUNTER, now.minus(Duration.ofDays(3)))
                    .awaitVersion(1);
            waiting.add(d);
            ratingIds.add(as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 5)).post("/api/v1/ratings")
                    .then().statusCode(202).extract().path("id"));
        }
        double batchedBefore = batched();

        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        List<SatisfactionTestSupport.Dossier> fresh = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            var d = SatisfactionTestSupport.dossier(infra).into(burst);
            d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(3)));
            if (i % 3 == 0) {
                d.withdrawn(now.minus(Duration.ofDays(1)));
            } else {
                d.processed(now.minus(Duration.ofDays(1))).returned(now.minus(Duration.ofHours(1)));
            }
            fresh.add(d);
        }
        for (var d : waiting) {
            d.into(burst).processed(now.minus(Duration.ofHours(3))).returned(now.minus(Duration.ofHours(2)));
        }
        // twenty records delivered twice, as after a consumer's crash before its commit
        List<ProducerRecord<String, byte[]>> twice = new ArrayList<>(burst);
        twice.addAll(burst.subList(100, 120));
        SatisfactionTestSupport.sendAll(infra, twice);

        List<UUID> all = new ArrayList<>();
        fresh.forEach(d -> all.add(d.id));
        waiting.forEach(d -> all.add(d.id));
        await().atMost(WAIT).until(() -> Sql.count(infra, "select count(*) from satisfaction.dossier_view "
                + "where dossier_id::text = any(string_to_array(?, ',')) and state <> 'OPEN'", list(all)) == all.size());

        for (int i = 0; i < fresh.size(); i++) {
            assertThat(fresh.get(i).state()).as("dossier %d", i).isEqualTo(i % 3 == 0 ? "CLOSED" : "RETURNED");
        }
        assertThat(Sql.count(infra, "select count(*) from satisfaction.dossier_view where dossier_id::text = any(string_to_array(?, ',')) "
                + "and last_version = case when state = 'CLOSED' then 2 else 3 end and receiving_unit is not null",
                list(all))).as("every view at its last version, with its reception")
                .isEqualTo(all.size());
        for (int i = 0; i < waiting.size(); i++) {
            var d = waiting.get(i);
            as(kiosk).get("/api/v1/ratings/" + ratingIds.get(i)).then().statusCode(200)
                    .body("status", equalTo("VALID"));
            assertThat(SatisfactionTestSupport.awaitPublished(infra, d.code, 1))
                    .extracting(e -> e.type()).containsExactly("RatingRecorded");
        }
        assertThat(batched() - batchedBefore).as("records applied in a poll's one transaction")
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void aRecordThatCannotBeAppliedIsSetAsideAndTheRestOfItsPollIsApplied() {
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        List<SatisfactionTestSupport.Dossier> good = new ArrayList<>();
        String poisonKey = UUID.randomUUID().toString();
        var early = SatisfactionTestSupport.dossier(infra).into(burst);
        for (int i = 0; i < 40; i++) {
            var d = SatisfactionTestSupport.dossier(infra).into(burst);
            d.received(Types.Channel.ONLINE, now.minus(Duration.ofDays(2)));
            good.add(d);
            if (i == 20) {
                burst.add(new ProducerRecord<>(DossierTopics.EVENTS, poisonKey,
                        "{not json".getBytes(StandardCharsets.UTF_8)));
                // a return whose dossier's reception has not arrived: it waits
                early.publishAs(2, new DossierEvent.Returned(Types.ReturnChannel.COUNTER, now.minusSeconds(60)));
            }
        }
        SatisfactionTestSupport.sendAll(infra, burst);

        List<UUID> ids = good.stream().map(d -> d.id).toList();
        await().atMost(WAIT).until(() -> Sql.count(infra, "select count(*) from satisfaction.dossier_view "
                + "where dossier_id::text = any(string_to_array(?, ','))", list(ids)) == ids.size());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> TopicReader.read(
                infra.kafka().bootstrapServers(), DossierViewConsumerTest.DLQ, m -> poisonKey.equals(m.key())).size() == 1);
        await().atMost(WAIT).until(() -> Sql.count(infra, "select count(*) from satisfaction.consumer_parked "
                + "where stream = ? and status = 'PARKED'", early.id.toString()) == 1);
        assertThat(early.state()).isNull();
    }

    @Test
    void aBurstPolledWhileTheDatabaseIsAwayIsAppliedWhenItReturnsNotDeadLettered() {
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        List<SatisfactionTestSupport.Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var d = SatisfactionTestSupport.dossier(infra).into(burst);
            d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1)));
            dossiers.add(d);
        }
        double polledBefore = polled();
        infra.postgres().stop();
        try {
            SatisfactionTestSupport.sendAll(infra, burst);
            // the consumer has the burst in hand while the database is away, and waits for it (its parked streams
            // could not be read, so the records go one by one, each retried until the database answers)
            await().atMost(WAIT).until(() -> polled() - polledBefore >= burst.size());
            await().atMost(WAIT).until(() -> consumers.registered().get("satisfaction-service.dossier-view").status()
                    .waitingReason().isPresent());
        } finally {
            infra.postgres().start();
        }

        List<UUID> ids = dossiers.stream().map(d -> d.id).toList();
        await().atMost(WAIT).until(() -> Sql.count(infra, "select count(*) from satisfaction.dossier_view "
                + "where dossier_id::text = any(string_to_array(?, ','))", list(ids)) == ids.size());
        List<String> keys = ids.stream().map(UUID::toString).toList();
        assertThat(TopicReader.read(infra.kafka().bootstrapServers(), DossierViewConsumerTest.DLQ,
                m -> keys.contains(m.key()))).as("none of the burst dead-lettered").isEmpty();
    }

    /** Records the dossier-event consumer has fetched from the broker (Kafka's client metric). */
    private double polled() {
        return metrics.find("kafka.consumer.fetch.manager.records.consumed.total")
                .tag("client.id", "kafka-consumer-dossier-events").meters().stream()
                .filter(m -> m.getId().getTag("topic") == null || m.getId().getTag("topic").contains("."))
                .mapToDouble(m -> m.measure().iterator().next().getValue()).max().orElse(0);
    }

    private static String list(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private double batched() {
        var c = metrics.find("motcua.dossier.view.records").tag("path", "batch").counter();
        return c == null ? 0 : c.count();
    }
}
