package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.testinfra.ServiceProcess;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.motcua.testinfra.Sql;
import java.util.concurrent.ConcurrentSkipListSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults in the middle of a load of desk clients: services killed with SIGKILL and started again, the broker stopped
 * and started again, PostgreSQL stopped and started again. Afterwards the event store, the topics and every
 * projection must reconcile: the same dossiers at the same versions everywhere, no event lost, none counted twice,
 * and the reports count exactly the dossiers and ballots the clients were told were accepted. Each test checks the
 * whole system, so they hold in any order. The figures are printed for the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceTest {
    static final int WORKERS = 3;
    static final int DOSSIERS_PER_TEST = 60;

    MotcuaSystem system;
    /** Every dossier and ballot any test's clients were told was accepted. */
    final Set<String> accepted = new ConcurrentSkipListSet<>();
    final Set<String> ballots = new ConcurrentSkipListSet<>();

    @BeforeAll
    void start() {
        system = MotcuaSystem.start("faults");
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void servicesKilledMidLoadAndRestarted() throws Exception {
        try (Load load = new Load(system, "kill", WORKERS, DOSSIERS_PER_TEST, Duration.ofMinutes(4))) {
            load.awaitCompleted(10, Duration.ofSeconds(60));
            Instant t0 = Instant.now();
            for (ServiceProcess s : new ServiceProcess[]{system.dossier, system.reporting, system.satisfaction}) {
                s.kill();
                Thread.sleep(1_000);
                s.start(MotcuaSystem.READY_WITHIN);
            }
            report("dossier-, reporting- and satisfaction-service each killed (SIGKILL) and restarted", load, t0);
        }
    }

    @Test
    void brokerStoppedAndRestartedMidLoad() throws Exception {
        try (Load load = new Load(system, "broker", WORKERS, DOSSIERS_PER_TEST, Duration.ofMinutes(4))) {
            load.awaitCompleted(10, Duration.ofSeconds(60));
            Instant t0 = Instant.now();
            system.kafka.stop();
            int during = load.completed();
            Thread.sleep(8_000);
            int afterOutage = load.completed();
            system.kafka.start();
            report("Kafka broker stopped for 8 s and restarted (desk calls accepted meanwhile: "
                    + (afterOutage - during) + " dossiers)", load, t0);
            // the outbox keeps the desk working while the broker is away
            assertThat(afterOutage).as("dossiers that went through with the broker down").isGreaterThan(during);
        }
    }

    @Test
    void postgresStoppedAndRestartedMidLoad() throws Exception {
        try (Load load = new Load(system, "postgres", WORKERS, DOSSIERS_PER_TEST, Duration.ofMinutes(4))) {
            load.awaitCompleted(10, Duration.ofSeconds(60));
            Instant t0 = Instant.now();
            system.postgres.stop();
            Thread.sleep(5_000);
            system.postgres.start();
            report("PostgreSQL stopped for 5 s and restarted", load, t0);
            // while the database was away the services answered 503, never 500
            assertThat(load.unexpected.keySet()).as("statuses other than success seen by clients (first of each: %s)",
                    load.firstUnexpected).doesNotContain(500);
        }
    }

    /**
     * Records no consumer can apply, in the middle of the load: a record that is not JSON on every topic a service
     * consumes, and results returned by post while two consumers' databases refuse that (a check constraint stands in
     * for a column too narrow for a legal value). Every service stays ready, the load goes through, the poison is
     * dead-lettered, the refused dossiers wait in order; after the fix an operator's replay makes everything reconcile.
     */
    @Test
    void poisonRecordsOnEveryTopicAndEventsTheDatabaseRefusesMidLoad() throws Exception {
        String refuse = " check (return_channel is distinct from 'POSTAL')";
        Sql.execute(system.postgres, MotcuaSystem.DATABASE, "alter table satisfaction.dossier_view add constraint test_no_postal" + refuse);
        Sql.execute(system.postgres, MotcuaSystem.DATABASE, "alter table reporting.dossier_fact add constraint test_no_postal" + refuse);
        Map<String, List<String>> deadLetterTopics = Map.of(
                "motcua.dossier.events.v1", List.of("motcua.satisfaction.dossier-view.dlq.v1", "motcua.reporting.dlq.v1"),
                "motcua.satisfaction.events.v1", List.of("motcua.reporting.dlq.v1"),
                "motcua.catalog.units.v1", List.of("motcua.dossier.catalog-replica.dlq.v1", "motcua.satisfaction.catalog.dlq.v1", "motcua.reporting.dlq.v1"),
                "motcua.catalog.procedures.v1", List.of("motcua.dossier.catalog-replica.dlq.v1", "motcua.reporting.dlq.v1"),
                "motcua.catalog.commitments.v1", List.of("motcua.dossier.catalog-replica.dlq.v1", "motcua.reporting.dlq.v1"),
                "motcua.catalog.calendars.v1", List.of("motcua.dossier.catalog-replica.dlq.v1", "motcua.satisfaction.catalog.dlq.v1", "motcua.reporting.dlq.v1"));
        Map<String, String> poisonKeys = new java.util.TreeMap<>();
        Load postal;
        try (Load load = new Load(system, "poison", WORKERS, DOSSIERS_PER_TEST, Duration.ofMinutes(4))) {
            load.awaitCompleted(10, Duration.ofSeconds(60));
            Instant t0 = Instant.now();
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                    "bootstrap.servers", system.kafka.bootstrapServers()),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                for (String topic : deadLetterTopics.keySet()) {
                    String key = "poison-" + java.util.UUID.randomUUID();
                    poisonKeys.put(topic, key);
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, "{not json")).get();
                }
            }
            postal = new Load(system, "postal", 1, 3, Duration.ofMinutes(4), "POSTAL");
            postal.awaitCompleted(3, Duration.ofSeconds(90));
            postal.close();

            // every poison record is a dead letter of every consumer of its topic; nobody stopped
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (var e : deadLetterTopics.entrySet()) {
                    for (String dlq : e.getValue()) {
                        assertThat(vn.motcua.testinfra.TopicReader.read(system.kafka.bootstrapServers(), dlq,
                                m -> poisonKeys.get(e.getKey()).equals(m.key()))).as(e.getKey() + " -> " + dlq).hasSize(1);
                    }
                }
            });
            for (ServiceProcess service : new ServiceProcess[]{system.catalog, system.dossier, system.satisfaction, system.reporting}) {
                given().get(service.baseUrl() + "/q/health/ready").then().statusCode(200);
            }
            // the refused returns wait, each with its dossier, in both services
            String admin = system.tokens.admin();
            Set<String> refused = new java.util.TreeSet<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                refused.clear();
                refused.addAll(parkedStreams(system.satisfaction, "satisfaction-service.dossier-view", admin, "DEAD_LETTER"));
                assertThat(refused).hasSize(3);
                assertThat(parkedStreams(system.reporting, "dossiers", admin, "DEAD_LETTER")).isEqualTo(refused);
            });

            // the fix, then the operator's replay of each refused dossier
            Sql.execute(system.postgres, MotcuaSystem.DATABASE, "alter table satisfaction.dossier_view drop constraint test_no_postal");
            Sql.execute(system.postgres, MotcuaSystem.DATABASE, "alter table reporting.dossier_fact drop constraint test_no_postal");
            for (String stream : refused) {
                given().auth().oauth2(admin).post(system.satisfaction.baseUrl() + "/api/v1/admin/consumers/"
                        + "satisfaction-service.dossier-view/streams/" + stream + "/replay").then().statusCode(200)
                        .body("stillParked", org.hamcrest.Matchers.equalTo(0));
                given().auth().oauth2(admin).post(system.reporting.baseUrl() + "/api/v1/admin/consumers/dossiers/streams/"
                        + stream + "/replay").then().statusCode(200).body("stillParked", org.hamcrest.Matchers.equalTo(0));
            }
            accepted.addAll(postal.returned);
            ballots.addAll(postal.rated);
            report("a poison record on every consumed topic, and 3 returns refused by two consumers' databases until"
                    + " fixed and replayed", load, t0);
        }
    }

    /** The streams a consumer has parked records of, with the given cause. */
    private static Set<String> parkedStreams(ServiceProcess service, String consumer, String admin, String cause) {
        List<Map<String, Object>> rows = given().auth().oauth2(admin).queryParam("limit", 500)
                .get(service.baseUrl() + "/api/v1/admin/consumers/" + consumer + "/parked").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Set<String> out = new java.util.TreeSet<>();
        rows.stream().filter(r -> cause.equals(r.get("cause")) && !String.valueOf(r.get("stream")).startsWith("poison-"))
                .forEach(r -> out.add(String.valueOf(r.get("stream"))));
        return out;
    }

    /** Lets the load finish, waits for the system to be quiet, then checks that everything reconciles. */
    private void report(String fault, Load load, Instant faultAt) throws InterruptedException {
        load.awaitCompleted(DOSSIERS_PER_TEST, Duration.ofMinutes(3));
        Instant loadDone = Instant.now();
        accepted.addAll(load.returned);
        ballots.addAll(load.rated);
        Reconciliation.Snapshot[] last = new Reconciliation.Snapshot[1];
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last[0] = Reconciliation.take(system);
            assertThat(last[0].differences()).isEmpty();
            assertThat(last[0].pendingRatings()).isZero();
        });
        Instant quiet = Instant.now();
        Reconciliation.Snapshot s = last[0];

        // no dossier created twice by a retried call: one stream per accepted receipt
        assertThat(s.storeLastVersion()).hasSize(accepted.size());
        assertThat(s.storeLastVersion().values()).allMatch(v -> v == 3, "received, processed, returned");
        assertThat(s.keptRatings()).hasSize(ballots.size());

        // the reports count each accepted dossier and ballot exactly once
        String period = YearMonth.now(Scenario.VIETNAM).toString();
        JsonNode card = EndToEndTest.body(given().auth().oauth2(system.tokens.analyst()).queryParam("unit", Load.UNIT)
                .queryParam("period", period).get(system.reporting.baseUrl() + "/api/reports/scorecard")
                .then().statusCode(200).extract().asString());
        assertThat(card.path("counts").path("received").asLong()).isEqualTo(accepted.size());
        assertThat(card.path("counts").path("returned").asLong()).isEqualTo(accepted.size());
        assertThat(card.path("counts").path("ratings").asLong() + card.path("counts").path("invalidBallots").asLong())
                .isEqualTo(ballots.size());

        System.out.printf("FAULT RESULT | %s | %d dossiers through the fault, %d retried calls, statuses seen %s | "
                        + "store %d events / %d dossiers, topic %d records (%d redelivered) | reconciled %.1f s after the "
                        + "load ended (%.1f s after the fault) | reports: received %d, ballots %d%n",
                fault, load.returned.size(), load.retries.get(), load.unexpected, s.storeEvents(),
                s.storeLastVersion().size(), s.topicRecords(), s.topicDuplicates(),
                Duration.between(loadDone, quiet).toMillis() / 1000.0, Duration.between(faultAt, quiet).toMillis() / 1000.0,
                card.path("counts").path("received").asLong(), ballots.size());
    }
}
