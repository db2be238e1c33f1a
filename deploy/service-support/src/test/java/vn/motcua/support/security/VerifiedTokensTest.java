package vn.motcua.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.SettableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A verified token is answered from memory only while the verifier itself would still accept it. */
class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private final SettableClock clock = new SettableClock(NOW);
    private final VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofMinutes(1), 3,
            Optional.of(Duration.ofHours(24)));

    private static SecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> name).addRole("officer").build();
    }

    private static long at(Instant instant) {
        return instant.getEpochSecond();
    }

    @Test
    void aVerifiedTokenIsFoundUntilItsTimeInMemoryEnds() {
        tokens.remember("token-a", identity("a"), at(NOW.minusSeconds(60)), at(NOW.plus(Duration.ofHours(1))));
        assertThat(tokens.find("token-a")).hasValueSatisfying(i -> assertThat(i.getPrincipal().getName()).isEqualTo("a"));
        assertThat(tokens.find("token-b")).isEmpty();
        clock.set(NOW.plusSeconds(59));
        assertThat(tokens.find("token-a")).isPresent();
        clock.set(NOW.plusSeconds(60));
        assertThat(tokens.find("token-a")).as("a minute after it was verified it is verified again").isEmpty();
    }

    @Test
    void aTokenIsNeverAnsweredFromMemoryAfterItsExpiry() {
        tokens.remember("short", identity("a"), at(NOW.minusSeconds(60)), at(NOW.plusSeconds(10)));
        clock.set(NOW.plusSeconds(9));
        assertThat(tokens.find("short")).isPresent();
        clock.set(NOW.plusSeconds(10));
        assertThat(tokens.find("short")).isEmpty();
    }

    @Test
    void aTokenIsNeverAnsweredFromMemoryAfterItsMaximumAge() {
        // issued almost a day ago, expiring much later: the verifier refuses it at issue + 24 h, and so does memory
        Instant issued = NOW.minus(Duration.ofHours(24)).plusSeconds(5);
        tokens.remember("old", identity("a"), at(issued), at(NOW.plus(Duration.ofDays(30))));
        clock.set(NOW.plusSeconds(4));
        assertThat(tokens.find("old")).isPresent();
        clock.set(NOW.plusSeconds(5));
        assertThat(tokens.find("old")).isEmpty();
    }

    @Test
    void rememberingATokenAgainDoesNotMoveItsEndLater() {
        tokens.remember("a", identity("first"), at(NOW), at(NOW.plus(Duration.ofHours(1))));
        clock.set(NOW.plusSeconds(50));
        tokens.remember("a", identity("second"), at(NOW), at(NOW.plus(Duration.ofHours(1))));
        assertThat(tokens.find("a")).hasValueSatisfying(i -> assertThat(i.getPrincipal().getName()).isEqualTo("first"));
        clock.set(NOW.plusSeconds(60));
        assertThat(tokens.find("a")).isEmpty();
    }

    @Test
    void anExpiredOrClaimlessTokenIsNotKeptAndTheNumberKeptIsBounded() {
        tokens.remember("expired", identity("a"), at(NOW.minusSeconds(600)), at(NOW.minusSeconds(1)));
        tokens.remember("no-iat", identity("a"), 0, at(NOW.plusSeconds(600)));
        assertThat(tokens.find("expired")).isEmpty();
        assertThat(tokens.find("no-iat")).isEmpty();
        for (int i = 0; i < 50; i++) {
            tokens.remember("t" + i, identity("a"), at(NOW), at(NOW.plusSeconds(600)));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void aZeroTimeInMemoryTurnsTheCacheOff() {
        VerifiedTokens off = new VerifiedTokens(clock, Duration.ZERO, 100, Optional.empty());
        off.remember("a", identity("a"), at(NOW), at(NOW.plusSeconds(600)));
        assertThat(off.enabled()).isFalse();
        assertThat(off.find("a")).isEmpty();
    }
}
