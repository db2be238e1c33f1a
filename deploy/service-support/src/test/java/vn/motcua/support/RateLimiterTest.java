package vn.motcua.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private final vn.motcua.testinfra.SettableClock clock =
            new vn.motcua.testinfra.SettableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock, true, new RateLimiter.Limit(20, Duration.ofMinutes(1)),
            new RateLimiter.Limit(10, Duration.ofMinutes(1)), 1000);

    @Test
    void theRequestAfterTheCapacityIsRefusedWithTheSecondsToWait() {
        for (int i = 0; i < 20; i++) {
            limiter.checkAddress("203.0.113.1");
        }
        assertThatThrownBy(() -> limiter.checkAddress("203.0.113.1"))
                .isInstanceOfSatisfying(RateLimited.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    // one token every 3 s
                    assertThat(e.retryAfterSeconds()).isEqualTo(3);
                    assertThat(e.violations().get(0).field()).isEqualTo("client address");
                });
        limiter.checkAddress("203.0.113.2");

        clock.set(clock.instant().plus(Duration.ofSeconds(3)));
        limiter.checkAddress("203.0.113.1");
        assertThatThrownBy(() -> limiter.checkAddress("203.0.113.1")).isInstanceOf(RateLimited.class);
    }

    @Test
    void aDossierIsLimitedWhateverTheAddress() {
        for (int i = 0; i < 10; i++) {
            limiter.checkDossier("code", "HS-1");
        }
        assertThatThrownBy(() -> limiter.checkDossier("code", "HS-1"))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("code"));
        limiter.checkDossier("code", "HS-2");
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        for (int i = 0; i < 10; i++) {
            limiter.checkDossier("code", "HS-1");
        }
    }

    @Test
    void aFloodOfDistinctAddressesKeepsAtMostTheConfiguredNumberOfBuckets() {
        for (int i = 0; i < 50_000; i++) {
            limiter.checkAddress("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(limiter.trackedKeys(RateLimiter.Kind.ADDRESS)).isEqualTo(1000);
    }

    @Test
    void switchedOffItCountsNothing() {
        RateLimiter off = new RateLimiter(clock, false, new RateLimiter.Limit(1, Duration.ofMinutes(1)),
                new RateLimiter.Limit(1, Duration.ofMinutes(1)), 10);
        for (int i = 0; i < 5; i++) {
            off.checkAddress("203.0.113.1");
            off.checkDossier("code", "HS-1");
        }
        assertThat(off.trackedKeys(RateLimiter.Kind.ADDRESS)).isZero();
    }
}
