package vn.motcua.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The one place a request's {@link Caller} is built, from the security identity and the bearer token. */
@ApplicationScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final Instance<JsonWebToken> jwt;

    public CurrentCaller(SecurityIdentity identity, Instance<JsonWebToken> jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public Caller get() {
        return Caller.of(identity, jwt.isResolvable() ? jwt.get() : null);
    }
}
