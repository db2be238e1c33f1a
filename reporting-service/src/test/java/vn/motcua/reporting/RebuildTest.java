package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/** A projection rebuilt from the start of its topics equals the live one, and the views serve throughout. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class RebuildTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "RB" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @Test
    void rebuiltDossierAndRatingViewsEqualTheLiveOnes() {
        Types.ProcedureTerms proc = Feed.terms(P + "-PROC", ProcessingTime.workingDays(3), ProcessingTime.workingDays(2),
                "PARTLY_ONLINE");
        try (Feed feed = new Feed(infra)) {
            province(feed, P, proc);
            // in time order, as a desk works: a dossier's events lie dozens of records apart, so a rebuild in small
            // batches (the tests': 40 records, 6 facts remembered) folds most of them on facts it wrote batches ago,
            // some still in its memory and the others read back from its tables
            List<Feed.DossierStream> dossiers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                dossiers.add(feed.dossier(P + "-" + i)
                        .received(vn("2026-10-05T09:00").plus(Duration.ofHours(i)), P + ".A",
                                i % 3 == 0 ? Types.Channel.ONLINE : Types.Channel.COUNTER, proc, dueOn("2026-10-09")));
            }
            for (int i = 0; i < 40; i++) {
                dossiers.get(i).transferred(vn("2026-10-06T09:00"), P + ".A", P + ".A", "thẩm định",
                        vn("2026-10-07T17:00"));
                if (i % 4 == 0) {
                    dossiers.get(i).supplementRequested(vn("2026-10-06T10:00"), 1);
                }
                if (i % 3 == 1) {
                    // the receipt's notice failed; sent again below: one notice, counted where it was delivered
                    dossiers.get(i).notified(vn("2026-10-06T11:00"), Types.NoticeKind.RECEIPT, 1, false);
                }
            }
            for (int i = 0; i < 40; i += 4) {
                dossiers.get(i).supplementSupplied(vn("2026-10-08T10:00"));
            }
            for (int i = 0; i < 40; i++) {
                if (i % 5 != 0) {
                    dossiers.get(i).processed(vn("2026-10-07T10:00").plus(Duration.ofDays(i % 4)));
                }
                if (i % 3 == 1) {
                    dossiers.get(i).notified(vn("2026-10-07T09:00"), Types.NoticeKind.RECEIPT, 1, true);
                }
            }
            for (int i = 0; i < 40; i++) {
                if (i % 5 != 0) {
                    dossiers.get(i).returned(vn("2026-10-13T10:00"), Types.ReturnChannel.COUNTER)
                            .rated(vn("2026-10-13T11:00"), 1 + i % 5, i % 7 == 0);
                }
            }
            // a one-minute procedure finished five weeks late: its time used (12,000 times the legal time) is more
            // than its column holds, so the database refuses the completion and the projection parks it; the
            // rebuild holds the parked stream back likewise, and the fact it keeps is the live one
            Types.ProcedureTerms minute = Feed.terms(P + "-MIN", ProcessingTime.workingMinutes(1), null,
                    "PARTLY_ONLINE");
            feed.procedure(minute.code(), "Thủ tục một phút", "F", "Lĩnh vực", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingMinutes(1), OnlineLevel.PARTLY_ONLINE);
            feed.dossier(P + "-minute").received(vn("2026-09-01T09:00"), P + ".A", Types.Channel.COUNTER, minute,
                    dueOn("2026-09-01")).processed(vn("2026-10-07T10:00"));
            feed.awaitProjected();
        }
        String admin = infra.tokens().admin();
        String before = scorecard();
        List<Map<String, Object>> factsBefore = facts();
        List<Map<String, Object>> ratingsBefore = ratings();
        List<Map<String, Object>> noticesBefore = notices();
        assertThat(factsBefore).hasSize(41);
        assertThat(factsBefore).filteredOn(f -> f.get("dossier_code").toString().endsWith("-minute")).singleElement()
                .satisfies(f -> assertThat(f.get("completed_at")).as("its completion parked").isNull());
        assertThat(noticesBefore).hasSize(13).allSatisfy(n -> assertThat(n.get("delivered")).isEqualTo(true));

        for (String projection : List.of("dossiers", "satisfaction", "catalog")) {
            given().auth().oauth2(admin).post("/api/projections/" + projection + "/rebuild").then().statusCode(202)
                    .body("state", equalTo("RUNNING"));
            // the live views keep answering while the rebuild replays
            assertThat(scorecard()).isEqualTo(before);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(admin).get("/api/projections/" + projection + "/rebuild").then()
                            .statusCode(200).body("state", equalTo("DONE"))
                            // in one pass: a rebuild that had to begin again (its memory refused, a fact written
                            // twice) would still end equal to the live views, so this is where such a fault shows
                            .body("startedOver", equalTo(0)).body("startOverReason", nullValue()));
            // where its time went, by phase: every phase named, the fold and the commit took some
            Map<String, Number> spent = given().auth().oauth2(admin).get("/api/projections/" + projection
                    + "/rebuild").then().extract().jsonPath().getMap("secondsSpent");
            assertThat(spent).containsOnlyKeys("begin", "read", "parked-check", "await-decoded", "fold", "write",
                    "commit");
            assertThat(spent.values()).allSatisfy(v -> assertThat(v.doubleValue()).isNotNegative().isLessThan(60));
            assertThat(spent.get("fold").doubleValue() + spent.get("commit").doubleValue()).isPositive();
        }

        assertThat(facts()).isEqualTo(factsBefore);
        assertThat(ratings()).isEqualTo(ratingsBefore);
        assertThat(notices()).isEqualTo(noticesBefore);
        assertThat(scorecard()).isEqualTo(before);
        assertThat(Sql.count(infra, "select count(*) from pg_tables where schemaname = 'reporting'"
                + " and (tablename like '%\\_rebuild' or tablename like '%\\_retired')")).isZero();

        // after the swap the live projection goes on from the rebuilt checkpoint
        try (Feed feed = new Feed(infra)) {
            feed.dossier(P + "-after").received(vn("2026-10-20T09:00"), P + ".A", Types.Channel.POSTAL, proc,
                    dueOn("2026-10-23"));
            feed.awaitProjected();
        }
        given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200).body("counts.received", equalTo(41))
                .body("counts.receivedPostal", equalTo(1));
    }

    @Test
    void aRebuildSwapsWhileDossiersKeepArrivingAndLosesNoneOfThem() throws Exception {
        String q = "RC" + UUID.randomUUID().toString().substring(0, 6);
        Types.ProcedureTerms proc = Feed.terms(q + "-PROC", ProcessingTime.workingDays(3), ProcessingTime.workingDays(2),
                "PARTLY_ONLINE");
        try (Feed feed = new Feed(infra)) {
            province(feed, q, proc);
            for (int i = 0; i < 20; i++) {
                feed.dossier(q + "-" + i).received(vn("2026-11-02T09:00").plus(Duration.ofMinutes(i)), q + ".A",
                        Types.Channel.COUNTER, proc, dueOn("2026-11-05"));
            }
            feed.awaitProjected();
        }
        // a desk that never pauses: a new dossier every few tens of milliseconds while the rebuild tries to swap
        java.util.concurrent.atomic.AtomicBoolean feeding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger fed = new java.util.concurrent.atomic.AtomicInteger();
        Thread desk = new Thread(() -> {
            try (Feed feed = new Feed(infra)) {
                while (feeding.get()) {
                    feed.dossier(q + "-late-" + fed.get()).received(vn("2026-11-03T09:00"), q + ".A",
                            Types.Channel.ONLINE, proc, dueOn("2026-11-06"));
                    fed.incrementAndGet();
                    Thread.sleep(40);
                }
                feed.awaitProjected();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        desk.start();
        String admin = infra.tokens().admin();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fed.get() > 10);
            given().auth().oauth2(admin).post("/api/projections/dossiers/rebuild").then().statusCode(202);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(admin).get("/api/projections/dossiers/rebuild").then()
                            .statusCode(200).body("state", equalTo("DONE")));
        } finally {
            feeding.set(false);
            desk.join(90_000);
        }
        // every dossier, received before, during or after the swap, is in the swapped-in facts once
        assertThat(Sql.count(infra, "select count(*) from reporting.dossier_fact where competent_unit = ?", q + ".A"))
                .isEqualTo(20 + fed.get());
    }

    @Test
    void aRebuildWhoseCheckpointIsNotTheOneItCommittedStartsOverAndLosesNothing() throws Exception {
        String q = "RK" + UUID.randomUUID().toString().substring(0, 6);
        try (Feed feed = new Feed(infra)) {
            received300(feed, q).forEach(d -> d.processed(vn("2026-11-03T09:00")));
            feed.awaitProjected();
        }
        String admin = infra.tokens().admin();
        try (java.sql.Connection c = rebuildStartedAndConnected(admin)) {
            // what a commit lost with the database (the rebuild's do not wait for the WAL) leaves: a checkpoint that
            // is not the one the rebuild committed. Taken while the rebuild waits to read it, between two batches
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("lock table reporting.projection_checkpoint in access exclusive mode");
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() ->
                        Sql.count(infra, "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like 'select topic, partition, next_offset from projection_checkpoint%'") >= 2
                                && Sql.count(infra, "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like 'insert into projection_checkpoint%'") == 0);
                st.executeUpdate("update reporting.projection_checkpoint set next_offset = next_offset + 7"
                        + " where projection = 'dossiers#rebuild'");
            }
            c.commit();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/projections/dossiers/rebuild").then()
                        .statusCode(200).body("state", equalTo("DONE")).body("startedOver", equalTo(1))
                        .body("startOverReason", containsString("checkpoint")));
        // started over from the beginning: no record skipped, every dossier received and processed once
        assertThat(Sql.count(infra, "select count(*) from reporting.dossier_fact where competent_unit = ?"
                + " and completed_at is not null", q + ".A")).isEqualTo(300);
    }

    /**
     * A batch whose write fails while the rebuild replays (its connection killed while it copies the facts that
     * leave the memory) is rolled back with what the memory folded for it: the rebuild goes on from the checkpoint
     * before, without starting over, and loses nothing.
     */
    @Test
    void aBatchWhoseWriteFailsIsReplayedAndNothingIsLost() throws Exception {
        String q = "RW" + UUID.randomUUID().toString().substring(0, 6);
        try (Feed feed = new Feed(infra)) {
            List<Feed.DossierStream> dossiers = received300(feed, q);
            // each dossier's second event far from its first: most are folded on facts written batches before
            for (int i = 0; i < 300; i++) {
                dossiers.get(i).processed(vn("2026-11-03T09:00").plusSeconds(i));
            }
            feed.awaitProjected();
        }
        String facts = "select dossier_code, last_version, received_at, completed_at, record_timeliness"
                + " from reporting.dossier_fact where competent_unit = ? order by dossier_code";
        List<Map<String, Object>> before = Sql.rows(infra, facts, q + ".A");
        assertThat(before).hasSize(300);
        String admin = infra.tokens().admin();
        try (java.sql.Connection c = rebuildStartedAndConnected(admin)) {
            try (java.sql.Statement st = c.createStatement()) {
                // the twin facts take no more rows: the batch being written waits
                st.execute("lock table reporting.dossier_fact_rebuild in exclusive mode");
                // (facts new to the twin tables are copied in; those read back are merged, through a staging table)
                String waiting = " where wait_event_type = 'Lock'"
                        + " and query ~ '^(copy|insert into|create table) dossier_fact_rebuild'";
                String writing = "select pid from pg_stat_activity" + waiting;
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .until(() -> !Sql.rows(infra, writing).isEmpty());
                // and its connection is lost
                assertThat(Sql.count(infra, "select count(*) from (select pg_terminate_backend(pid)"
                        + " from pg_stat_activity" + waiting + ") t")).isEqualTo(1);
            }
            c.commit();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/projections/dossiers/rebuild").then()
                        .statusCode(200).body("state", equalTo("DONE")).body("startedOver", equalTo(0)));
        assertThat(Sql.rows(infra, facts, q + ".A")).isEqualTo(before);
    }

    /** A province {@code q} with one three-day procedure and 300 dossiers received at its unit A, a second apart. */
    private static List<Feed.DossierStream> received300(Feed feed, String q) {
        Types.ProcedureTerms proc = Feed.terms(q + "-PROC", ProcessingTime.workingDays(3), null, "PARTLY_ONLINE");
        province(feed, q, proc);
        List<Feed.DossierStream> dossiers = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            dossiers.add(feed.dossier(q + "-" + i).received(vn("2026-11-02T09:00").plusSeconds(i), q + ".A",
                    Types.Channel.COUNTER, proc, dueOn("2026-11-05")));
        }
        return dossiers;
    }

    /**
     * Starts a rebuild of the dossier views and, once its first batch has committed, opens a superuser connection in
     * a transaction of its own, to get in the rebuild's way between its batches.
     */
    private java.sql.Connection rebuildStartedAndConnected(String admin) throws java.sql.SQLException {
        given().auth().oauth2(admin).post("/api/projections/dossiers/rebuild").then().statusCode(202);
        java.sql.Connection c = java.sql.DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()),
                "postgres", "");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> Sql.count(
                infra, "select count(*) from reporting.projection_checkpoint where projection = 'dossiers#rebuild'") > 0);
        c.setAutoCommit(false);
        return c;
    }

    @Test
    void unknownProjectionsAreNotFoundAndOnlyAdministratorsRebuild() {
        String admin = infra.tokens().admin();
        given().auth().oauth2(admin).post("/api/projections/nope/rebuild").then().statusCode(404);
        given().auth().oauth2(infra.tokens().analyst()).post("/api/projections/dossiers/rebuild").then().statusCode(403);
    }

    /** A province, one department of it, and the procedure the department handles. */
    private static void province(Feed feed, String code, Types.ProcedureTerms proc) {
        feed.unit(code, "Tỉnh", UnitType.PROVINCE, null);
        feed.unit(code + ".A", "Sở A", UnitType.PROVINCE_DEPARTMENT, code);
        feed.procedure(proc.code(), "Thủ tục", "F", "Lĩnh vực", List.of(UnitType.PROVINCE_DEPARTMENT),
                ProcessingTime.workingDays(3), OnlineLevel.PARTLY_ONLINE);
    }

    private String scorecard() {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", P).queryParam("period", "2026-Q4")
                .get("/api/reports/scorecard").then().statusCode(200).extract().asString()
                .replaceAll("\"asOf\":\"[^\"]*\"", "");
    }

    private List<Map<String, Object>> facts() {
        return Sql.rows(infra, "select f.*, (select json_agg(s order by s.number) from reporting.dossier_step s"
                + " where s.dossier_id = f.dossier_id)::text as steps from reporting.dossier_fact f"
                + " where f.competent_unit like ? order by f.dossier_code", P + "%");
    }

    private List<Map<String, Object>> notices() {
        return Sql.rows(infra, "select * from reporting.notice_fact where competent_unit like ?"
                + " order by dossier_id, for_version, kind, channel", P + "%");
    }

    private List<Map<String, Object>> ratings() {
        return Sql.rows(infra, "select * from reporting.rating_fact where unit_code like ? order by dossier_code",
                P + "%");
    }
}
