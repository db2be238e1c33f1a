package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;

/**
 * What a copy of the database shows of an applicant: the personal identification number, the phone and the receipt's
 * lookup secret stand in clear only in the event store, the one table that must hold the applicant. The answer kept
 * for an idempotent retry is sealed, and still gives the desk the same receipt on a retry.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class DataAtRestTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
    }

    @Test
    void givenAReceptionWithAnIdempotencyKey_whenTheDatabaseIsReadAsText_thenNoSecretIdNumberOrPhoneOutsideTheEventStore() {
        String officer = infra.tokens().officer(POLICE);
        Map<String, Object> body = DossierTestSupport.idCard();
        @SuppressWarnings("unchecked") Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        String phone = "08" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L));
        applicant.put("phone", phone);
        String personalId = applicant.get("personalId").toString();
        String key = "desk-" + UUID.randomUUID();

        Response first = as(officer).header("Idempotency-Key", key).body(body).post("/api/v1/dossiers");
        first.then().statusCode(201);
        String secret = first.path("lookupSecret");
        String code = first.path("code");

        // a retry after a lost answer gets the same receipt, secret included, from the sealed copy
        as(officer).header("Idempotency-Key", key).body(body).post("/api/v1/dossiers").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("lookupSecret", equalTo(secret))
                .body("code", equalTo(code)).body("dossier.applicant.personalId", equalTo(personalId));
        // the citizen's lookup checks the secret against its keyed hash
        given().get("/api/v1/public/dossiers/" + code + "?secret=" + secret).then().statusCode(200)
                .body("code", equalTo(code));
        given().get("/api/v1/public/dossiers/" + code + "?secret=" + "X".repeat(secret.length())).then()
                .statusCode(404);

        Map<String, List<String>> inClear = Sql.whereInClear(infra.postgres(), infra.database(),
                List.of(secret, personalId, phone));
        assertThat(inClear).containsOnly(Map.entry(personalId, List.of("dossier.dossier_event")),
                Map.entry(phone, List.of("dossier.dossier_event")));
        assertThat(DossierTestSupport.rows(infra, "select response from dossier.idempotency_key where dossier_id = ?::uuid",
                first.path("id").toString())).singleElement()
                .satisfies(r -> assertThat(r.get("response").toString()).startsWith("e1:"));
    }
}
