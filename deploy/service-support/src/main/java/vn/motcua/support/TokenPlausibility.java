package vn.motcua.support;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * Refuses (401) a validly signed bearer token that no identity provider of ours would issue: one that lives longer
 * than {@code motcua.oidc.max-token-lifetime} (expiry minus issue time; a token valid until the year 3000 is a
 * leaked or forged signing key's work, not a session), or whose user name is longer than the 200 characters the
 * events and tables keep, or carries control characters. quarkus-oidc checks signature, key id, issuer, audience,
 * expiry, the issue time's presence and the token's age (quarkus.oidc.token.age) before this.
 */
@ApplicationScoped
public class TokenPlausibility implements SecurityIdentityAugmentor {
    /** The longest user name the services record (the events' officer field, the tables' *_by columns). */
    static final int MAX_NAME = 200;

    private final Duration maxLifetime;

    public TokenPlausibility(@ConfigProperty(name = "motcua.oidc.max-token-lifetime", defaultValue = "PT24H")
                             Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        if (name == null || name.isBlank() || name.length() > MAX_NAME || JsonCustomizer.hasControlCharacter(name)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("implausible user name"));
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            long issued = jwt.getIssuedAtTime();
            long expires = jwt.getExpirationTime();
            if (issued <= 0 || expires <= 0 || expires - issued > maxLifetime.toSeconds()) {
                return Uni.createFrom().failure(new AuthenticationFailedException("implausible token lifetime"));
            }
        }
        return Uni.createFrom().item(identity);
    }
}
