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
import java.util.Set;
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
