package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.Types;
import vn.motcua.satisfaction.app.PendingSweep;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;

/**
 * The early-rating race: the citizen rates at the kiosk the moment the result is handed over, before this service
 * has seen the returned event. The rating waits and counts once the event arrives; it is refused, with its reason,
 * only when the grace period (24 h) ends without it.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class EarlyRatingTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    PendingSweep sweep;

    Instant now;
    String kiosk;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-25T14:00");
        TestClock.CLOCK.set(now);
        kiosk = infra.tokens().system("kiosk-desk-3", POLICE);
    }

    @Test
    void aRatingBeforeTheReturnedEventWaitsAndCountsWhenTheEventArrives() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(3))).processed(now.minus(Duration.ofHours(1)))
                .awaitVersion(2);

        String id = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 5)).post("/api/v1/ratings")
                .then().statusCode(202).body("status", equalTo("PENDING"))
                .body("pendingUntil", notNullValue())
                .body("messageVi", equalTo("Đánh giá đã được tiếp nhận và sẽ được ghi nhận khi xác nhận hồ sơ đã trả kết quả"))
                .extract().path("id");
        assertThat(SatisfactionTestSupport.published(infra, d.code)).isEmpty();

        d.returned(now.minusSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> "VALID".equals(status(id)));
        var events = SatisfactionTestSupport.awaitPublished(infra, d.code, 1);
        assertThat(events).extracting(e -> e.type()).containsExactly("RatingRecorded");
        assertThat(((SatisfactionEvent.RatingRecorded) events.get(0).data()).channel()).isEqualTo("KIOSK");
        as(kiosk).get("/api/v1/ratings/" + id).then().statusCode(200).body("status", equalTo("VALID"))
                .body("unitCode", equalTo(d.competentUnit));
    }

    @Test
    void aRatingForADossierThisServiceHasNeverSeenWaitsTooThenIsDecidedWhenTheDossierArrives() {
        var d = SatisfactionTestSupport.dossier(infra);
        String id = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 4)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");

        d.received(Types.Channel.COUNTER, now.minus(Duration.ofMinutes(30))).processed(now.minus(Duration.ofMinutes(2)))
                .returned(now.minusSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> "VALID".equals(status(id)));
    }

    @Test
    void twoRatingsWaitingForTheSameDossierGiveOneValidAndOneDuplicate() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))).awaitVersion(1);
        String first = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 5)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");
        String second = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 2)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");

        d.processed(now.minus(Duration.ofMinutes(5))).returned(now.minusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DUPLICATE".equals(status(second)));
        assertThat(status(first)).isEqualTo("VALID");
        var events = SatisfactionTestSupport.awaitPublished(infra, d.code, 2);
        assertThat(events).extracting(e -> e.type()).containsExactly("RatingRecorded", "BallotInvalid");
        var dup = (SatisfactionEvent.BallotInvalid) events.get(1).data();
        assertThat(dup.status()).isEqualTo("DUPLICATE");
        assertThat(dup.reason()).isEqualTo("DUPLICATE");
    }

    @Test
    void withoutTheReturnedEventTheRatingIsRefusedWhenTheGracePeriodEndsWithItsReason() {
        var neverReturned = SatisfactionTestSupport.dossier(infra);
        neverReturned.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))).awaitVersion(1);
        var unknown = SatisfactionTestSupport.dossier(infra); // a typo, or a dossier this service never hears of
        String a = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", neverReturned.code, 5)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");
        String b = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", unknown.code, 5)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");

        TestClock.CLOCK.set(now.plus(Duration.ofHours(23)));
        sweep.sweep().await().atMost(Duration.ofSeconds(30));
        assertThat(List.of(status(a), status(b))).containsOnly("PENDING");

        TestClock.CLOCK.set(now.plus(Duration.ofHours(24)).plusSeconds(1));
        sweep.sweep().await().atMost(Duration.ofSeconds(30));
        as(kiosk).get("/api/v1/ratings/" + a).then().body("status", equalTo("REFUSED"))
                .body("reason", equalTo("NOT_RETURNED"))
                .body("reasonTextVi", equalTo("hồ sơ chưa được trả kết quả"));
        as(kiosk).get("/api/v1/ratings/" + b).then().body("status", equalTo("REFUSED"))
                .body("reason", equalTo("DOSSIER_UNKNOWN"));

        var refused = SatisfactionTestSupport.awaitPublished(infra, unknown.code, 1);
        assertThat(refused.get(0).dossierId()).isNull();
        assertThat(refused.get(0).key()).isEqualTo("code:" + unknown.code);
        assertThat(((SatisfactionEvent.BallotInvalid) refused.get(0).data()).status()).isEqualTo("REFUSED");
    }

    @Test
    void aDossierWithdrawnWhileARatingWaitsRefusesItAtOnce() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))).awaitVersion(1);
        String id = as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 3)).post("/api/v1/ratings")
                .then().statusCode(202).extract().path("id");
        d.withdrawn(now.minusSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REFUSED".equals(status(id)));
        as(kiosk).get("/api/v1/ratings/" + id).then().body("reason", equalTo("CLOSED_WITHOUT_RESULT"));
    }

    @Test
    void aRatingLinkHasAtMostOneRatingWaitingAndASecondIsRefused() {
        var d = SatisfactionTestSupport.dossier(infra);
        d.received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))).awaitVersion(1);
        String token = SatisfactionTestSupport.linkToken(infra.tokens().officer(POLICE), d);
        SatisfactionTestSupport.anonymous().body(SatisfactionTestSupport.publicRating(5))
                .post("/api/v1/public/ratings/" + token).then().statusCode(202).body("status", equalTo("PENDING"));
        SatisfactionTestSupport.assertProblem(SatisfactionTestSupport.anonymous()
                        .body(SatisfactionTestSupport.publicRating(1)).post("/api/v1/public/ratings/" + token),
                409, "rating-already-pending").body("field", equalTo("token"));
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).hasSize(1);
        SatisfactionTestSupport.anonymous().get("/api/v1/public/ratings/" + token).then().statusCode(200)
                .body("state", equalTo("PENDING"));

        // the waiting one is the rating that counts once the result is returned
        d.processed(now.minus(Duration.ofMinutes(5))).returned(now.minusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> SatisfactionTestSupport.ratings(infra, d.code).stream()
                .anyMatch(r -> "VALID".equals(r.get("status"))));
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).hasSize(1);
    }

    String status(String id) {
        List<Map<String, Object>> rows = vn.motcua.testinfra.Sql.rows(infra,
                "select status from satisfaction.rating where id = ?::uuid", id);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }
}
