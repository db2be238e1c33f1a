package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.testinfra.NationalPortalStandIn;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The national portal sync of the whole system under load (issue 16): the portal stand-in is down for a while and
 * then refuses one dossier's payload while desk clients receive, process and return dossiers. Afterwards every other
 * dossier reached the portal once per change (received, processed, returned) and holds its current status there; the
 * refused one is on the admin's list, and after the portal is fixed and the admin resends it, the portal's copy equals
 * the store. Seconds, not minutes: the retries start after 1 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NationalPortalFaultTest {
    static final int WORKERS = 3;
    static final int DOSSIERS = 30;
    static final String USER = "motcua-system-test";
    static final String PASSWORD = "system-test-portal-password";
    private static final DateTimeFormatter PORTAL_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(Scenario.VIETNAM);

    NationalPortalStandIn portal;
    MotcuaSystem system;

    @BeforeAll
    void start() {
        portal = NationalPortalStandIn.start(USER, PASSWORD);
        system = MotcuaSystem.start("portal", Map.of(
                        "motcua.portal.enabled", "true",
                        "motcua.portal.url", portal.url(),
                        "motcua.portal.username", USER,
                        "motcua.portal.poll-interval", "0.2s",
                        "motcua.portal.initial-delay", "0s",
                        "motcua.portal.timeout", "PT2S",
                        "motcua.portal.retry.first-backoff", "PT1S",
                        "motcua.portal.retry.max-backoff", "PT2S"),
                Map.of("MOTCUA_PORTAL_PASSWORD", PASSWORD));
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void portalDownForAWhileThenRefusingOnePayloadDuringLoad() throws Exception {
        String refusedCode;
        List<String> codes;
        Instant faultAt = Instant.now();
        portal.down(true);
        try (Load load = new Load(system, "portal", WORKERS, DOSSIERS, Duration.ofMinutes(3))) {
            load.awaitCompleted(5, Duration.ofSeconds(60));
            // a dossier the portal has not taken yet (it is down): its copy will be refused
            refusedCode = load.returned.iterator().next();
            portal.refuse(refusedCode);
            // down for a while longer, the load going on: until a third of the dossiers went the whole way while
            // every sync call failed
            load.awaitCompleted(DOSSIERS / 3, Duration.ofSeconds(90));
            portal.down(false);
            load.awaitCompleted(DOSSIERS, Duration.ofMinutes(3));
            codes = List.copyOf(load.returned);
        }
        String admin = system.tokens.admin();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> codes.stream()
                .filter(c -> !c.equals(refusedCode)).allMatch(c -> "SYNCED".equals(sync(c).path("state").asText())));
        Instant synced = Instant.now();

        for (String code : codes) {
            if (code.equals(refusedCode)) {
                continue;
            }
            assertThat(dossierCalls(code)).as(code + ": once per change: received, processed, returned")
                    .containsExactly(2, 9, 10);
            assertThat(portal.dossier(code).orElseThrow().path("TrangThaiHoSo").asInt()).isEqualTo(10);
        }
        assertThat(portal.invalid()).isEmpty();
        JsonNode failures = EndToEndTest.body(given().auth().oauth2(admin)
                .get(system.dossierUrl() + "/api/v1/admin/portal-sync/failures?size=500").then().statusCode(200)
                .extract().asString());
        assertThat(failures.path("items").findValuesAsText("dossierCode")).containsExactly(refusedCode);
        assertThat(portal.dossier(refusedCode)).isEmpty();

        portal.accept(refusedCode);
        given().auth().oauth2(admin).post(system.dossierUrl() + "/api/v1/admin/portal-sync/" + refusedCode + "/resend")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SYNCED".equals(sync(refusedCode).path("state").asText()));
        assertThat(dossierCalls(refusedCode)).containsExactly(2, 9, 10);
        JsonNode view = EndToEndTest.body(given().auth().oauth2(admin)
                .get(system.dossierUrl() + "/api/v1/dossiers/" + refusedCode).then().statusCode(200).extract().asString());
        JsonNode copy = portal.dossier(refusedCode).orElseThrow();
        assertThat(copy.path("TrangThaiHoSo").asInt()).isEqualTo(view.path("statusCode").asInt());
        assertThat(copy.path("NgayTiepNhan").asText()).isEqualTo(date(view.path("receivedAt").asText()));
        assertThat(copy.path("NgayHenTra").asText()).isEqualTo(date(view.path("currentDue").path("at").asText()));
        assertThat(copy.path("NgayKetThucXuLy").asText()).isEqualTo(date(view.path("completedAt").asText()));
        assertThat(copy.path("NgayTra").asText()).isEqualTo(date(view.path("returnedAt").asText()));
        assertThat(copy.path("SoGiayToChuHoSo").asText()).isEqualTo(view.path("applicant").path("personalId").asText());

        System.out.printf("FAULT RESULT | national portal down %d s, then refusing one payload | %d dossiers, all "
                        + "synchronised once per change %.1f s after the load began (the portal down from the start); the refused one listed and resent | "
                        + "portal calls %d%n", 3, codes.size(), Duration.between(faultAt, synced).toMillis() / 1000.0,
                portal.calls().size());
    }

    private JsonNode sync(String code) {
        return EndToEndTest.body(given().auth().oauth2(system.tokens.admin())
                .get(system.dossierUrl() + "/api/v1/dossiers/" + code + "/portal-sync").then().statusCode(200)
                .extract().asString());
    }

    /** The status of each dossier call the portal accepted for this dossier, in order. */
    private List<Integer> dossierCalls(String code) {
        return portal.calls(code).stream()
                .filter(c -> c.service().equals(NationalPortalStandIn.DOSSIER_CALL) && c.accepted())
                .map(c -> c.body().path("data").path(0).path("TrangThaiHoSo").asInt()).toList();
    }

    private static String date(String instant) {
        return PORTAL_DATE.format(Instant.parse(instant));
    }
}
