package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.motcua.support.RateLimiter;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The citizen's lookup has no login: it is limited per client address (20 a minute) and per dossier code (10 a
 * minute). Client addresses come from X-Forwarded-For here because the test profile trusts the local proxy.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class PublicLookupRateLimitTest {
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Inject
    RateLimiter limiter;

    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n >> 8) + "." + (n & 255);
    }

    private static String code() {
        return "000.00.20.H40-260302-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response lookup(String address, String code) {
        return RestAssured.given().header("X-Forwarded-For", address)
                .get("/api/v1/public/dossiers/" + code + "?secret=WRONGSECRET");
    }

    @Test
    void theTwentyFirstLookupFromOneAddressInAMinuteIsRefusedUntilTheBucketRefills() {
        TestClock.CLOCK.setVietnam("2026-09-01T09:00");
        String citizen = address();
        for (int i = 0; i < 20; i++) {
            lookup(citizen, code()).then().statusCode(404);
        }
        lookup(citizen, code()).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "3")
                .body("field", equalTo("client address"))
                .body("detail", containsString("Too many requests"))
                .body("detailVi", containsString("Quá nhiều yêu cầu"));
        // another citizen is not affected
        lookup(address(), code()).then().statusCode(404);

        TestClock.CLOCK.setVietnam("2026-09-01T09:01");
        lookup(citizen, code()).then().statusCode(404);
    }

    @Test
    void theEleventhLookupOfOneDossierInAMinuteIsRefusedWhateverTheAddress() {
        TestClock.CLOCK.setVietnam("2026-09-02T09:00");
        String code = code();
        for (int i = 0; i < 10; i++) {
            lookup(address(), code).then().statusCode(404);
        }
        lookup(address(), code).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "6")
                .body("field", equalTo("code"))
                .body("detailVi", notNullValue());
        lookup(address(), code()).then().statusCode(404);

        TestClock.CLOCK.set(TestClock.CLOCK.instant().plus(Duration.ofSeconds(6)));
        lookup(address(), code).then().statusCode(404);
    }

    @Test
    void aFloodOfDistinctAddressesKeepsABoundedNumberOfBuckets() {
        TestClock.CLOCK.setVietnam("2026-09-03T09:00");
        for (int i = 0; i < 60; i++) {
            lookup(address(), "000.00.20.H40-FLOOD").statusCode();
        }
        // motcua.rate-limit.max-keys is 50 in the test profile
        assertThat(limiter.trackedKeys(RateLimiter.Kind.ADDRESS)).isEqualTo(50);
        assertThat(limiter.trackedKeys(RateLimiter.Kind.DOSSIER)).isLessThanOrEqualTo(50);
    }
}
