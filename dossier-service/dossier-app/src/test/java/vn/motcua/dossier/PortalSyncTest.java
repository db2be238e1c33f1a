package vn.motcua.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.NationalPortalStandIn;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.dossier.DossierTestSupport.*;

/**
 * The national portal sync (DOMAIN.md §7), end to end on real PostgreSQL and Kafka and the portal stand-in, which
 * checks every body against the format's JSON Schema: a dossier's life reaches the portal in order, once per change;
 * an outage delays it and doubles nothing; a refusal is shown, holds the dossier's later changes and is resent by an
 * admin; an "already exists" becomes an update; the state lives in the database, so another instance takes over.
 */
@QuarkusTest
@TestProfile(PortalServers.class)
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class PortalSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter PORTAL_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(VIETNAM);

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    private NationalPortalStandIn portal;

    @jakarta.inject.Inject
    org.hibernate.reactive.mutiny.Mutiny.SessionFactory sessionFactory;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        portal = PortalServers.portal;
        portal.down(false);
        portal.online();
    }

    @Test
    void aDossiersLifeFromReceptionToReturnReachesThePortalInOrderOncePerChange() {
        String officer = infra.tokens().officer(POLICE);
        String pc06 = infra.tokens().officer(PC06);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        JsonPath receipt = received(officer, idCard());
        String id = receipt.getString("id");
        String code = receipt.getString("code");
        TestClock.CLOCK.setVietnam("2026-03-02T09:10");
        command(officer, id, "payment-requests", Map.of("amountVnd", 30_000, "description", "Lệ phí"))
                .then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "payments", Map.of("amountVnd", 30_000, "receiptRef", "BL-2026-000777"))
                .then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-02T10:30");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định hồ sơ")).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-02T15:00");
        command(pc06, id, "supplement-requests", Map.of("missing", List.of("Ảnh chân dung 4x6"))).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-03T08:30");
        command(pc06, id, "supplements", Map.of("documents", List.of("Ảnh chân dung 4x6"))).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-04T15:00");
        command(pc06, id, "result", Map.of("outcome", "GRANTED", "resultDocumentRef", "CCCD-040-2026-0107"))
                .then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-05T08:00");
        command(officer, id, "return", Map.of("channel", "COUNTER")).then().statusCode(200);

        awaitSynced(id, 10);
        List<NationalPortalStandIn.Call> dossierCalls = accepted(code, NationalPortalStandIn.DOSSIER_CALL);
        long changes = eventTypes(infra, id).stream().filter(t -> !t.equals("DossierSyncedToNationalPortal")).count();
        assertThat(dossierCalls).as("one accepted dossier call per change").hasSize((int) changes);
        List<Integer> statuses = new ArrayList<>();
        for (NationalPortalStandIn.Call c : dossierCalls) {
            int status = c.body().path("data").path(0).path("TrangThaiHoSo").asInt();
            if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status) {
                statuses.add(status);
            }
        }
        assertThat(statuses).as("in order: received, waiting for payment, received, processing, supplement "
                + "requested, processing, processed, returned").containsExactly(2, 6, 2, 4, 5, 4, 9, 10);
        assertThat(dossierCalls.get(0).updating()).isFalse();
        assertThat(dossierCalls.subList(1, dossierCalls.size())).allMatch(NationalPortalStandIn.Call::updating);
        assertThat(portal.calls(code)).allMatch(NationalPortalStandIn.Call::accepted);
        assertCopyEqualsStore(id, code);
        assertThat(eventTypes(infra, id).stream().filter("DossierSyncedToNationalPortal"::equals))
                .as("the first acceptance is announced once, not every update").hasSize(1);
        assertThat(portal.invalid()).isEmpty();
    }

    @Test
    void withThePortalDownForAWhileEveryChangeArrivesOnceInOrder() {
        String officer = infra.tokens().officer(POLICE);
        String id = receivedWhileThePortalIsDown(officer, "2026-03-09T09:00");
        String code = code(id);
        TestClock.CLOCK.setVietnam("2026-03-09T09:30");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);

        await().atMost(WAIT).until(() -> "RETRYING".equals(sync(id).getString("state")));
        JsonPath waiting = sync(id);
        assertThat(waiting.getInt("versionSent")).isZero();
        assertThat(waiting.getString("lastError")).contains("503");
        assertThat(failures()).contains(id);
        portal.offline(); // and now not even answering: connections refused
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofSeconds(15)));
        await().atMost(WAIT).until(() -> sync(id).getInt("attempts") >= 2);
        assertThat(portal.calls(code)).isEmpty();

        portal.online();
        portal.down(false);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(2)));
        awaitSynced(id, 4);
        assertThat(accepted(code, NationalPortalStandIn.DOSSIER_CALL))
                .extracting(c -> c.body().path("data").path(0).path("TrangThaiHoSo").asInt())
                .containsExactly(2, 4);
        assertThat(portal.calls(code)).allMatch(NationalPortalStandIn.Call::accepted);
        assertCopyEqualsStore(id, code);
        assertThat(failures()).doesNotContain(id);
    }

    @Test
    void aRefusedDossierIsListedItsLaterChangesWaitAndAResendAfterTheFixDeliversThem() {
        String officer = infra.tokens().officer(POLICE);
        String admin = infra.tokens().admin();
        String refusedId = receivedWhileThePortalIsDown(officer, "2026-03-10T09:00");
        String refusedCode = code(refusedId);
        portal.refuse(refusedCode);
        portal.down(false);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(2)));

        await().atMost(WAIT).until(() -> "REFUSED".equals(sync(refusedId).getString("state")));
        JsonPath refused = sync(refusedId);
        assertThat(refused.getString("lastErrorCode")).isEqualTo("-1");
        assertThat(refused.getString("lastError")).contains("chưa được công bố");
        assertThat(refused.getInt("refusedVersion")).isEqualTo(1);
        JsonPath list = as(admin).get("/api/v1/admin/portal-sync/failures?size=500").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getList("items.findAll { it.state == 'REFUSED' }.dossierId")).contains(refusedId);
        assertThat(eventTypes(infra, refusedId)).containsExactly("DossierReceived", "DossierNationalPortalSyncRefused");

        // the refused dossier's next change waits behind the refusal; another dossier goes on
        TestClock.CLOCK.setVietnam("2026-03-10T10:00");
        command(officer, refusedId, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        String otherId = received(officer, idCard()).getString("id");
        awaitSynced(otherId, 2);
        assertThat(sync(refusedId).getString("state")).isEqualTo("REFUSED");
        assertThat(portal.dossier(refusedCode)).isEmpty();
        assertThat(portal.calls(refusedCode)).hasSize(1).noneMatch(NationalPortalStandIn.Call::accepted);

        // fixed on the portal's side (the procedure is published there now): the admin resends
        portal.accept(refusedCode);
        as(admin).post("/api/v1/admin/portal-sync/" + refusedId + "/resend").then().statusCode(200);
        awaitSynced(refusedId, 4);
        assertThat(accepted(refusedCode, NationalPortalStandIn.DOSSIER_CALL))
                .extracting(c -> c.body().path("data").path(0).path("TrangThaiHoSo").asInt()).containsExactly(2, 4);
        assertCopyEqualsStore(refusedId, refusedCode);
        assertThat(eventTypes(infra, refusedId)).containsExactly("DossierReceived", "DossierNationalPortalSyncRefused",
                "DossierTransferred", "DossierSyncedToNationalPortal");
        // nothing left to resend
        assertProblem(as(admin).post("/api/v1/admin/portal-sync/" + refusedId + "/resend"), 409,
                "portal-sync-not-failed");
    }

    @Test
    void aDossierThePortalAlreadyHoldsIsSentAgainAsAnUpdateAndOneItLostAsACreate() {
        String officer = infra.tokens().officer(POLICE);
        String id = receivedWhileThePortalIsDown(officer, "2026-03-11T09:00");
        String code = code(id);
        portal.holdAlready(code);
        portal.down(false);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(2)));

        awaitSynced(id, 2);
        assertThat(portal.calls(code)).extracting(c -> c.service() + ":" + c.updating() + ":" + c.errorCode())
                .containsExactly("DongBoHoSoMC:false:-2", "DongBoHoSoMC:true:0", "CapNhatTienDoHoSoMC:false:0");
        assertCopyEqualsStore(id, code);

        // and the other way round: a portal that lost the dossier gets it again as a create
        portal.forget(code);
        TestClock.CLOCK.setVietnam("2026-03-11T09:40");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        awaitSynced(id, 4);
        assertThat(portal.calls(code).subList(3, portal.calls(code).size()))
                .extracting(c -> c.service() + ":" + c.updating() + ":" + c.errorCode())
                .containsExactly("DongBoHoSoMC:true:-3", "DongBoHoSoMC:false:0", "CapNhatTienDoHoSoMC:true:0");
        assertCopyEqualsStore(id, code);
    }

    @Test
    void theSyncStateLivesInTheDatabaseSoADossierLeftByACrashedInstanceIsTakenOverAndSentOnce() {
        String officer = infra.tokens().officer(POLICE);
        String id = receivedWhileThePortalIsDown(officer, "2026-03-12T09:00");
        String code = code(id);
        // an instance that claimed it and died: its lease holds the dossier until it runs out
        Instant leaseEnd = TestClock.CLOCK.instant().plus(Duration.ofMinutes(5));
        vn.motcua.testinfra.Sql.execute(infra, "update dossier.portal_sync set lease_owner = gen_random_uuid(), "
                + "lease_until = '" + leaseEnd + "', next_attempt_at = '" + TestClock.CLOCK.instant()
                + "' where dossier_id = '" + id + "'");
        portal.down(false);
        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofMinutes(1)));
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(portal.calls(code)).as("nobody else sends a leased dossier").isEmpty();

        TestClock.CLOCK.set(leaseEnd.plusSeconds(1));
        awaitSynced(id, 2);
        assertThat(portal.calls(code)).extracting(NationalPortalStandIn.Call::service)
                .containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC");
    }

    // ------------------------------------------------------------------ helpers

    /** A dossier received at a Vietnam local time while the portal answers 503 (the sync has tried it once). */
    private String receivedWhileThePortalIsDown(String officer, String at) {
        portal.down(true);
        TestClock.CLOCK.setVietnam(at);
        String id = received(officer, idCard()).getString("id");
        await().atMost(WAIT).until(() -> "RETRYING".equals(sync(id).getString("state")));
        return id;
    }

    private JsonPath sync(String id) {
        return as(infra.tokens().admin()).get("/api/v1/dossiers/" + id + "/portal-sync").then().statusCode(200)
                .extract().jsonPath();
    }

    private List<String> failures() {
        return as(infra.tokens().admin()).get("/api/v1/admin/portal-sync/failures?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.dossierId");
    }

    private String code(String id) {
        return as(infra.tokens().admin()).get("/api/v1/dossiers/" + id).then().statusCode(200).extract().path("code");
    }

    @jakarta.inject.Inject
    vn.motcua.dossier.app.DossierCommands commands;

    @Test
    void aSyncThatNoLongerHoldsADossierKeepsNothingOfItsReceipt() throws Throwable {
        // the receipt is appended before the sync's row is locked (the order a command's write takes them in); the
        // row's update then finds the lease gone, and the receipt must go with the rolled-back transaction
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String id = received(infra.tokens().officer(POLICE), idCard()).getString("id");
        java.util.UUID dossier = java.util.UUID.fromString(id);
        java.util.UUID notTheHolder = java.util.UUID.randomUUID();

        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> commands.recordPortalRefusal(
                dossier, notTheHolder, 1, "-1", "refused to an instance that lost its lease"))).isFalse();
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> commands.recordPortalAcceptance(
                dossier, notTheHolder, 1, 1, true, 1, TestClock.CLOCK.instant().plusSeconds(60)))).isFalse();

        assertThat(eventTypes(infra, id)).doesNotContain("DossierNationalPortalSyncRefused");
        assertThat(count(infra, "select count(*) from dossier.portal_sync where dossier_id = ?::uuid"
                + " and refused_version is not null", id)).isZero();
    }

    @Test
    void acceptingDossiersPlansNoQueryPerDossier() {
        // every acceptance reads the dossier's sync row; as a Hibernate native query with a result type that read
        // added a query plan cache entry each time (see SessionConnection), a growth every later lookup walks
        String officer = infra.tokens().officer(POLICE);
        TestClock.CLOCK.setVietnam("2026-03-16T09:00");
        awaitSynced(received(officer, idCard()).getString("id"), 2); // every statement of the path planned once
        long missesBefore = sessionFactory.getStatistics().getQueryPlanCacheMissCount();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(received(officer, idCard()).getString("id"));
        }
        ids.forEach(id -> awaitSynced(id, 2));

        long misses = sessionFactory.getStatistics().getQueryPlanCacheMissCount() - missesBefore;
        assertThat(misses).as("query plan cache misses while 30 dossiers were received and accepted").isLessThan(10);
    }

    private void awaitSynced(String id, int portalStatus) {
        await().atMost(WAIT).until(() -> {
            JsonPath s = sync(id);
            return "SYNCED".equals(s.getString("state")) && s.getInt("statusSent") == portalStatus;
        });
    }

    private List<NationalPortalStandIn.Call> accepted(String code, String service) {
        return portal.calls(code).stream().filter(c -> c.service().equals(service) && c.accepted()).toList();
    }

    private static String date(String instant) {
        return instant == null ? null : PORTAL_DATE.format(Instant.parse(instant));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The portal's copy says what the store says: status, dates, due, supplements, every step with its deadline. */
    private void assertCopyEqualsStore(String id, String code) {
        String admin = infra.tokens().admin();
        JsonPath view = as(admin).get("/api/v1/dossiers/" + id).then().statusCode(200).extract().jsonPath();
        JsonNode copy = portal.dossier(code).orElseThrow();
        assertThat(copy.get("MaHoSo").asText()).isEqualTo(code);
        assertThat(copy.get("TrangThaiHoSo").asInt()).isEqualTo(view.getInt("statusCode"));
        assertThat(copy.get("MaTTHC").asText()).isEqualTo(view.getString("procedure.code"));
        assertThat(copy.get("TenTTHC").asText()).isEqualTo(view.getString("procedure.nameVi"));
        assertThat(copy.get("DonViXuLy").asText()).isEqualTo(view.getString("competentUnit"));
        assertThat(copy.get("SoGiayToChuHoSo").asText()).isEqualTo(view.getString("applicant.personalId"));
        assertThat(copy.get("ChuHoSo").asText()).isEqualTo(view.getString("applicant.fullName"));
        assertThat(text(copy, "NgayTiepNhan")).isEqualTo(date(view.getString("receivedAt")));
        assertThat(text(copy, "NgayHenTra")).isEqualTo(date(view.getString("currentDue.at")));
        assertThat(text(copy, "NgayTra")).isEqualTo(date(view.getString("returnedAt")));
        assertThat(text(copy, "NgayKetThucXuLy")).isEqualTo(date(view.getString("completedAt")));

        List<Map<String, Object>> events = as(admin).get("/api/v1/dossiers/" + id + "/events").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if ("DossierDueDateChanged".equals(e.get("type"))) {
                JsonPath data = JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(e.get("data")).toString());
                if ("SUPPLEMENT_RESTART".equals(data.getString("reason"))) {
                    before.add(date(data.getString("oldDue.at")));
                    after.add(date(data.getString("newDue.at")));
                }
            }
        }
        JsonNode supplements = copy.get("DanhSachHoSoBoSung");
        assertThat(supplements).hasSize(view.getInt("supplementRequests"));
        for (int i = 0; i < before.size(); i++) {
            assertThat(text(supplements.get(i), "NgayHenTraTruoc")).isEqualTo(before.get(i));
            assertThat(text(supplements.get(i), "NgayHenTraMoi")).isEqualTo(after.get(i));
            assertThat(text(supplements.get(i), "NgayBoSung")).isNotNull();
        }

        List<Map<String, Object>> steps = as(admin).get("/api/v1/dossiers/" + id + "/control-sheet").then()
                .statusCode(200).extract().jsonPath().getList("steps");
        JsonNode progress = portal.progress(code).orElseThrow();
        assertThat(progress).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> step = steps.get(i);
            JsonNode entry = progress.get(i);
            assertThat(text(entry, "PhongBanXuLy")).isEqualTo(step.get("unitCode"));
            assertThat(text(entry, "NoiDungXuLy")).isEqualTo(step.get("stepName"));
            assertThat(text(entry, "NgayBatDau")).isEqualTo(date((String) step.get("startedAt")));
            assertThat(text(entry, "NgayKetThucTheoQuyDinh")).isEqualTo(date((String) step.get("deadline")));
            assertThat(entry.get("TrangThai").asInt()).isEqualTo(step.get("handedOverAt") == null ? 1 : 2);
        }
    }
}
