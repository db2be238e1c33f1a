package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.app.OverdueWatcher;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static vn.motcua.dossier.DossierTestSupport.HOURS;
import static vn.motcua.dossier.DossierTestSupport.ID_CARD;
import static vn.motcua.dossier.DossierTestSupport.NO_ONLINE;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.command;
import static vn.motcua.dossier.DossierTestSupport.vn;

/**
 * A due that passes without a result is recorded as DossierOverdue once, at the due instant, whether the watcher
 * notices it at once, after downtime, on several threads, or a command gets there first.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class OverdueWatcherTest {
    /** ID card received Monday 2 March 2026 09:00, 3 committed working days. */
    static final Instant THURSDAY_5_CLOSE = vn("2026-03-05T17:00");

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    OverdueWatcher watcher;

    /** A receiving desk of this class's own, so its work queue holds only these dossiers. */
    static String desk;

    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        if (desk == null) {
            desk = DossierTestSupport.freshUnit(infra, "Bộ phận một cửa thử nghiệm quá hạn");
        }
        officer = infra.tokens().officer(desk);
    }

    private String receive(String procedure) {
        Map<String, Object> body = DossierTestSupport.receive(procedure, desk, "COUNTER");
        body.put("competentUnit", POLICE);
        return DossierTestSupport.received(officer, body).getString("id");
    }

    @Test
    void givenNoResult_whenTheClockPassesTheDue_thenOneOverdueAtTheDueInstantNotAtTheScan() {
        String id = receive(ID_CARD);

        TestClock.CLOCK.setVietnam("2026-03-06T09:00");

        awaitOverdue(id);
        List<Map<String, Object>> overdue = overdueRows(id);
        assertThat(overdue).singleElement().satisfies(row -> {
            assertThat(row.get("occurred_at")).isEqualTo(THURSDAY_5_CLOSE);
            assertThat(row.get("recorded_at")).isEqualTo(vn("2026-03-06T09:00"));
            assertThat(row.get("version")).isEqualTo(2);
        });
        JsonPath events = as(officer).get("/api/v1/dossiers/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(events.getString("[1].type")).isEqualTo("DossierOverdue");
        assertThat(Instant.parse(events.getString("[1].data.at"))).isEqualTo(THURSDAY_5_CLOSE);
        assertThat(Instant.parse(events.getString("[1].data.due.at"))).isEqualTo(THURSDAY_5_CLOSE);
        as(officer).get("/api/v1/dossiers/" + id).then().body("overdue", equalTo(true))
                .body("status", equalTo("RECEIVED"));

        as(officer).queryParam("unit", desk).queryParam("scope", "receiving").queryParam("overdue", true)
                .get("/api/v1/dossiers").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.overdue", equalTo(true));
        as(officer).queryParam("unit", desk).queryParam("scope", "receiving").queryParam("overdue", false)
                .get("/api/v1/dossiers").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void givenSeveralDuesPassedDuringDowntime_whenTheWatcherCatchesUp_thenEachGetsItsOwnDueInstant() {
        String idCard = receive(ID_CARD);      // due Thursday 5 March 17:00
        String hours = receive(HOURS);         // 16 office hours: Wednesday 4 March 10:00
        String fiveDays = receive(NO_ONLINE);  // 5 working days: Monday 9 March 17:00

        TestClock.CLOCK.setVietnam("2026-03-10T08:00");

        for (String id : List.of(idCard, hours, fiveDays)) {
            awaitOverdue(id);
        }
        assertThat(overdueRows(idCard)).singleElement()
                .satisfies(r -> assertThat(r.get("occurred_at")).isEqualTo(THURSDAY_5_CLOSE));
        assertThat(overdueRows(hours)).singleElement()
                .satisfies(r -> assertThat(r.get("occurred_at")).isEqualTo(vn("2026-03-04T10:00")));
        assertThat(overdueRows(fiveDays)).singleElement()
                .satisfies(r -> assertThat(r.get("occurred_at")).isEqualTo(vn("2026-03-09T17:00")));
    }

    @Test
    void givenScansOnSeveralThreadsAndTheScheduler_whenDuesPass_thenStillOneOverduePerDossier() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(receive(ID_CARD));
        }

        TestClock.CLOCK.setVietnam("2026-03-05T17:30");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> scans = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                scans.add(pool.submit(() -> {
                    go.await();
                    int marked = 0;
                    for (int round = 0; round < 3; round++) {
                        marked += watcher.scan().await().atMost(Duration.ofSeconds(60));
                    }
                    return marked;
                }));
            }
            go.countDown();
            for (Future<Integer> scan : scans) {
                scan.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // one more pass after the scheduler had its chance too
        watcher.scan().await().atMost(Duration.ofSeconds(60));

        for (String id : ids) {
            assertThat(overdueRows(id)).as("overdue events of %s", id).singleElement()
                    .satisfies(r -> assertThat(r.get("occurred_at")).isEqualTo(THURSDAY_5_CLOSE));
            assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierOverdue");
        }
    }

    @Test
    void givenWaitingForASupplement_whenTheOldDuePasses_thenNotOverdueAndTheClockRestartsOnSupply() {
        String id = receive(ID_CARD);
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "supplement-requests", Map.of("missing", List.of("Giấy xác nhận cư trú")))
                .then().statusCode(200);

        TestClock.CLOCK.setVietnam("2026-03-06T09:00");
        watcher.scan().await().atMost(Duration.ofSeconds(60));

        assertThat(overdueRows(id)).isEmpty();
        as(officer).get("/api/v1/dossiers/" + id).then().body("overdue", equalTo(false))
                .body("status", equalTo("SUPPLEMENT_REQUESTED"));

        command(officer, id, "supplements", Map.of("documents", List.of("Giấy xác nhận cư trú")))
                .then().statusCode(200)
                .body("overdue", equalTo(false))
                // counted again from Friday: Monday, Tuesday, Wednesday
                .body("currentDue.date", equalTo("2026-03-11"));
        watcher.scan().await().atMost(Duration.ofSeconds(60));
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived",
                "DossierSupplementRequested", "DossierSupplementSupplied", "DossierDueDateChanged");
    }

    @Test
    void givenApologizedWithANewAppointment_whenTheOldDuePasses_thenOverdueOnlyAtTheNewOne() {
        String id = receive(ID_CARD);
        TestClock.CLOCK.setVietnam("2026-03-04T10:00");
        command(officer, id, "apology", Map.of("unitAtFault", POLICE, "reason", "Chờ xác minh thông tin cư trú",
                "newDueDate", "2026-03-10")).then().statusCode(200);

        TestClock.CLOCK.setVietnam("2026-03-06T09:00");
        watcher.scan().await().atMost(Duration.ofSeconds(60));
        assertThat(overdueRows(id)).isEmpty();

        TestClock.CLOCK.setVietnam("2026-03-11T08:00");
        awaitOverdue(id);
        assertThat(overdueRows(id)).singleElement()
                .satisfies(r -> assertThat(r.get("occurred_at")).isEqualTo(vn("2026-03-10T17:00")));
    }

    @Test
    void givenDuePassedAndWatcherNotYetRun_whenACommandArrives_thenOverdueIsRecordedFirstAtTheDueInstant() {
        String id = receive(ID_CARD);

        TestClock.CLOCK.setVietnam("2026-03-06T09:00");
        // the competent unit records the result (the desk that received it for the police cannot decide it)
        command(infra.tokens().officer(POLICE), id, "result", Map.of("outcome", "GRANTED",
                "resultDocumentRef", "CCCD-040-2026-0999"))
                .then().statusCode(200)
                .body("status", equalTo("PROCESSED"))
                .body("overdue", equalTo(true))
                .body("timeliness", equalTo("LATE"));

        List<Map<String, Object>> stream = DossierTestSupport.rows(infra, "select event_type, version, occurred_at "
                + "from dossier.dossier_event where dossier_id = ?::uuid order by version", id);
        assertThat(stream).extracting(r -> r.get("event_type"))
                .containsExactly("DossierReceived", "DossierOverdue", "DossierProcessed");
        assertThat(stream.get(1).get("occurred_at")).isEqualTo(THURSDAY_5_CLOSE);
        assertThat(stream.get(2).get("occurred_at")).isEqualTo(vn("2026-03-06T09:00"));
        watcher.scan().await().atMost(Duration.ofSeconds(60));
        assertThat(overdueRows(id)).hasSize(1);
        DossierTestSupport.awaitPublished(infra, id, 3);
    }

    private void awaitOverdue(String id) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !overdueRows(id).isEmpty());
    }

    private List<Map<String, Object>> overdueRows(String id) {
        return DossierTestSupport.rows(infra, "select version, occurred_at, recorded_at from dossier.dossier_event "
                + "where dossier_id = ?::uuid and event_type = 'DossierOverdue'", id);
    }
}
