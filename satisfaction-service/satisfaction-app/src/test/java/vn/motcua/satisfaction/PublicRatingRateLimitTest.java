package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.support.RateLimiter;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;

/**
 * The rating link has no login: limited per client address and per dossier (the token names it). The test profile
 * trusts the local proxy, so X-Forwarded-For stands in for many citizens; it raises the per-address capacity
 * (motcua.rate-limit.address.capacity=100) because every other test calls from one address.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class PublicRatingRateLimitTest {
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    RateLimiter limiter;

    @ConfigProperty(name = "motcua.rate-limit.address.capacity")
    int perAddress;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
    }

    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (n >> 8) + "." + (n & 255);
    }

    private static Response form(String address, String token) {
        return RestAssured.given().header("X-Forwarded-For", address).get("/api/v1/public/ratings/" + token);
    }

    @Test
    void oneAddressIsLimitedEvenWhenEveryTokenIsAGuess() {
        TestClock.CLOCK.set(SatisfactionTestSupport.vn("2026-10-12T09:00"));
        String citizen = address();
        for (int i = 0; i < perAddress; i++) {
            form(citizen, "guess-" + i).then().statusCode(404);
        }
        form(citizen, "guess").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf((int) Math.ceil(60.0 / perAddress)))
                .body("type", equalTo("https://motcua.vn/problems/rate-limited"))
                .body("field", equalTo("client address"))
                .body("detail", containsString("Too many requests"))
                .body("detailVi", containsString("Quá nhiều yêu cầu"));
        form(address(), "guess").then().statusCode(404);

        TestClock.CLOCK.set(SatisfactionTestSupport.vn("2026-10-12T09:01"));
        form(citizen, "guess").then().statusCode(404);
    }

    @Test
    void oneDossierIsLimitedWhateverTheAddressTheFormAndTheRatingTogether() {
        Instant now = SatisfactionTestSupport.vn("2026-10-13T09:00");
        TestClock.CLOCK.set(now);
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofHours(1)));
        var other = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofHours(1)));
        String officer = infra.tokens().officer(POLICE);
        String token = SatisfactionTestSupport.linkToken(officer, d);
        String otherToken = SatisfactionTestSupport.linkToken(officer, other);

        for (int i = 0; i < 9; i++) {
            form(address(), token).then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", address()).contentType("application/json")
                .body(SatisfactionTestSupport.publicRating(5)).post("/api/v1/public/ratings/" + token)
                .then().statusCode(201);
        Response refused = RestAssured.given().header("X-Forwarded-For", address()).contentType("application/json")
                .body(Map.of("overall", 1)).post("/api/v1/public/ratings/" + token);
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "6")
                .body("field", equalTo("token"))
                .body("detailVi", containsString("Quá nhiều yêu cầu"));
        form(address(), otherToken).then().statusCode(200);

        TestClock.CLOCK.set(now.plusSeconds(6));
        form(address(), token).then().statusCode(200).body("state", equalTo("RATED"));
    }

    @Test
    void aFloodOfDistinctAddressesKeepsABoundedNumberOfBuckets() {
        TestClock.CLOCK.set(SatisfactionTestSupport.vn("2026-10-14T09:00"));
        for (int i = 0; i < 60; i++) {
            form(address(), "flood").statusCode();
        }
        // motcua.rate-limit.max-keys is 50 in the test profile
        assertThat(limiter.trackedKeys(RateLimiter.Kind.ADDRESS)).isEqualTo(50);
    }
}
