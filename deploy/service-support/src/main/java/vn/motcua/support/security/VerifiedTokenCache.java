package vn.motcua.support.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Wires {@link VerifiedTokens} around quarkus-oidc's identity provider ({@link AroundOidc}, a CDI decorator): a bearer
 * token it verified before is answered from memory, any other goes to quarkus-oidc, and what quarkus-oidc verifies is
 * kept. The augmentors (TokenPlausibility among them) run on every request either way.
 * {@code motcua.oidc.verified-token-cache.ttl=PT0S} turns it off.
 */
@ApplicationScoped
public class VerifiedTokenCache {
    private final VerifiedTokens tokens;
    private final Counter hits;
    private final Counter misses;

    public VerifiedTokenCache(MeterRegistry metrics,
                              @ConfigProperty(name = "motcua.oidc.verified-token-cache.ttl", defaultValue = "PT1M")
                              Duration ttl,
                              @ConfigProperty(name = "motcua.oidc.verified-token-cache.max-size", defaultValue = "2000")
                              long maxSize,
                              @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> maxTokenAge) {
        // the system clock, as quarkus-oidc's own expiry check uses: not the services' injectable business clock
        this.tokens = new VerifiedTokens(Clock.systemUTC(), ttl, maxSize, maxTokenAge);
        this.hits = metrics.counter("motcua.oidc.verified.tokens", "result", "cached");
        this.misses = metrics.counter("motcua.oidc.verified.tokens", "result", "verified");
    }

    /** The identity kept for this request's bearer token, bound to this request. */
    Optional<SecurityIdentity> find(TokenAuthenticationRequest request) {
        if (!tokens.enabled() || !(request.getToken() instanceof AccessTokenCredential token)) {
            return Optional.empty();
        }
        Optional<SecurityIdentity> cached = tokens.find(token.getToken());
        (cached.isPresent() ? hits : misses).increment();
        // the identity belongs to this request: its routing context, never the one it was first verified in
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        return cached.map(identity -> QuarkusSecurityIdentity.builder(identity)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, context)
                .addAttribute(RoutingContext.class.getName(), context).build());
    }

    /** Keeps what quarkus-oidc verified for this request's bearer token. */
    void remember(TokenAuthenticationRequest request, SecurityIdentity identity) {
        if (!tokens.enabled() || identity == null || identity.isAnonymous()
                || !(request.getToken() instanceof AccessTokenCredential token)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !token.getToken().equals(jwt.getRawToken())) {
            return;
        }
        // kept without the request it was verified in (its routing context would hold that request's buffers)
        tokens.remember(token.getToken(), QuarkusSecurityIdentity.builder(identity)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, null)
                .addAttribute(RoutingContext.class.getName(), null).build(), jwt.getIssuedAtTime(),
                jwt.getExpirationTime());
    }

    /** Around quarkus-oidc's identity provider (the only provider of bearer token identities here). */
    @Decorator
    @Priority(10)
    public static class AroundOidc implements IdentityProvider<TokenAuthenticationRequest> {
        private final IdentityProvider<TokenAuthenticationRequest> delegate;
        private final VerifiedTokenCache cache;

        @Inject
        public AroundOidc(@Delegate @Any IdentityProvider<TokenAuthenticationRequest> delegate,
                          VerifiedTokenCache cache) {
            this.delegate = delegate;
            this.cache = cache;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return delegate.getRequestType();
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            Optional<SecurityIdentity> cached = cache.find(request);
            if (cached.isPresent()) {
                return Uni.createFrom().item(cached.get());
            }
            return delegate.authenticate(request, context).invoke(identity -> cache.remember(request, identity));
        }

        @Override
        public int priority() {
            return delegate.priority();
        }
    }
}
