package vn.motcua.support;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limits of the endpoints without login (the citizen's dossier lookup, the rating link; applied with
 * {@link PublicRateLimit}): token buckets per client address and per dossier, so neither one address nor many
 * addresses together can guess secrets or flood one dossier. Limits are per service instance: with N replicas behind a balancer a client gets up to N times the
 * configured rate.
 *
 * <p>The client address is the socket's remote address; Quarkus replaces it with the X-Forwarded-For/Forwarded
 * address only when {@code quarkus.http.proxy.proxy-address-forwarding} is on and the sending proxy is trusted
 * ({@code quarkus.http.proxy.trusted-proxies}).
 *
 * <p>Buckets live in a bounded map per key kind, least recently used evicted first: a flood of distinct addresses
 * cannot exhaust memory. Evicting an idle key loses nothing (its bucket would be full again); a key evicted under a
 * flood starts over with a full bucket, and the per-dossier limit still holds. Time comes from the injected clock.
 */
@ApplicationScoped
public class RateLimiter {
    public enum Kind {
        ADDRESS, DOSSIER
    }

    /** {@code capacity} requests at most, refilled gradually: {@code capacity} new ones per {@code period}. */
    public record Limit(long capacity, Duration period) {
        public Limit {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
            }
        }
    }

    private final boolean enabled;
    private final Limit address;
    private final Limit dossier;
    private final Keys addresses;
    private final Keys dossiers;
    private final TimeMeter time;

    @Inject
    public RateLimiter(Clock clock,
                       @ConfigProperty(name = "motcua.rate-limit.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "motcua.rate-limit.address.capacity", defaultValue = "20") long addressCapacity,
                       @ConfigProperty(name = "motcua.rate-limit.address.period", defaultValue = "PT1M") Duration addressPeriod,
                       @ConfigProperty(name = "motcua.rate-limit.dossier.capacity", defaultValue = "10") long dossierCapacity,
                       @ConfigProperty(name = "motcua.rate-limit.dossier.period", defaultValue = "PT1M") Duration dossierPeriod,
                       @ConfigProperty(name = "motcua.rate-limit.max-keys", defaultValue = "100000") int maxKeys) {
        this(clock, enabled, new Limit(addressCapacity, addressPeriod), new Limit(dossierCapacity, dossierPeriod), maxKeys);
    }

    public RateLimiter(Clock clock, boolean enabled, Limit address, Limit dossier, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("motcua.rate-limit.max-keys must be positive");
        }
        this.enabled = enabled;
        this.address = address;
        this.dossier = dossier;
        this.addresses = new Keys(maxKeys);
        this.dossiers = new Keys(maxKeys);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Counts one request of a client address; 429 ({@link RateLimited}) when it is over its limit. */
    public void checkAddress(String clientAddress) {
        if (!enabled) {
            return;
        }
        long wait = take(addresses, address, clientAddress == null ? "unknown" : clientAddress);
        if (wait > 0) {
            throw new RateLimited("client address",
                    "made more than " + address.capacity() + " requests in " + human(address.period()),
                    "đã gửi quá " + address.capacity() + " yêu cầu trong " + humanVi(address.period()), wait);
        }
    }

    /**
     * Counts one request for a dossier ({@code dossierKey}: its code, or a token that names it) from any address;
     * {@code field} names the parameter that identifies the dossier in the refusal.
     */
    public void checkDossier(String field, String dossierKey) {
        if (!enabled || dossierKey == null) {
            return;
        }
        long wait = take(dossiers, dossier, dossierKey);
        if (wait > 0) {
            throw new RateLimited(field,
                    "was asked for more than " + dossier.capacity() + " times in " + human(dossier.period()),
                    "được tra cứu quá " + dossier.capacity() + " lần trong " + humanVi(dossier.period()), wait);
        }
    }

    /** How many keys of a kind have a bucket now (never more than {@code motcua.rate-limit.max-keys}). */
    public int trackedKeys(Kind kind) {
        Keys keys = kind == Kind.ADDRESS ? addresses : dossiers;
        synchronized (keys) {
            return keys.size();
        }
    }

    public static String clientAddress(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** Takes one token; returns 0 when granted, else the whole seconds to wait (at least 1). */
    private long take(Keys keys, Limit limit, String key) {
        Bucket bucket;
        synchronized (keys) {
            bucket = keys.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                    .withCustomTimePrecision(time)
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String humanVi(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " phút" : d.toSeconds() + " giây";
    }

    /** Least recently used first; the eldest goes when the map is full. Guarded by its own monitor. */
    private static final class Keys extends LinkedHashMap<String, Bucket> {
        private final int max;

        Keys(int max) {
            super(256, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > max;
        }
    }
}
