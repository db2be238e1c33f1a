package vn.motcua.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.identity.SecurityIdentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The identities of bearer tokens that quarkus-oidc has verified, by the token's exact text, so that a client's next
 * requests with the same token skip the signature check (an RS256 verification was a third of dossier-service's CPU
 * per command: the services run C1 only, without C2's BigInteger intrinsics). An entry never outlives what the
 * verifier would accept: it ends at the token's expiry, at its maximum age after issue ({@code quarkus.oidc.token.age}),
 * and {@code ttl} after it was verified, whichever comes first; the short ttl bounds how long a key the provider
 * withdrew still opens doors. A token that failed verification is never here.
 */
public final class VerifiedTokens {
    private record Entry(SecurityIdentity identity, Instant until) {
    }

    private final Cache<String, Entry> entries;
    private final Clock clock;
    private final Duration ttl;
    private final Optional<Duration> maxTokenAge;

    public VerifiedTokens(Clock clock, Duration ttl, long maxSize, Optional<Duration> maxTokenAge) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxTokenAge = maxTokenAge;
        this.entries = Caffeine.newBuilder().maximumSize(Math.max(0, maxSize)).build();
    }

    public boolean enabled() {
        return !ttl.isNegative() && !ttl.isZero();
    }

    /** The identity verified for this token, while it may still be used. */
    public Optional<SecurityIdentity> find(String token) {
        if (!enabled() || token == null) {
            return Optional.empty();
        }
        Entry e = entries.getIfPresent(token);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.until())) {
            entries.asMap().remove(token, e);
            return Optional.empty();
        }
        return Optional.of(e.identity());
    }

    /**
     * Keeps a verified identity; {@code issuedAt} and {@code expiresAt} are the token's claims in epoch seconds. A
     * token already kept keeps its first entry: its end never moves later.
     */
    public void remember(String token, SecurityIdentity identity, long issuedAt, long expiresAt) {
        if (!enabled() || token == null || issuedAt <= 0 || expiresAt <= 0) {
            return;
        }
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        until = min(until, Instant.ofEpochSecond(expiresAt));
        if (maxTokenAge.isPresent()) {
            until = min(until, Instant.ofEpochSecond(issuedAt).plus(maxTokenAge.get()));
        }
        if (until.isAfter(now)) {
            entries.asMap().putIfAbsent(token, new Entry(identity, until));
        }
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
