package vn.motcua.testinfra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Issues bearer tokens for motcua's roles: admin, officer (bound to a unit by the {@code unit} claim), analyst, and
 * system (another government system; its {@code units} claim lists the units it may act for).
 */
public final class Tokens {
    public static final String ADMIN = "admin";
    public static final String OFFICER = "officer";
    public static final String ANALYST = "analyst";
    public static final String SYSTEM = "system";

    private final PrivateKey key;
    private final String issuer;

    public Tokens(JwtKeys keys) {
        this(keys.privateKey(), JwtKeys.ISSUER);
    }

    public Tokens(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public String admin() {
        return issue("admin@motcua.local", Set.of(ADMIN), null, Duration.ofHours(12));
    }

    public String analyst() {
        return issue("analyst@motcua.local", Set.of(ANALYST), null, Duration.ofHours(12));
    }

    public String officer(String unitCode) {
        return issue("officer." + unitCode + "@motcua.local", Set.of(OFFICER), unitCode, Duration.ofHours(12));
    }

    public String system(String systemName, String... unitCodes) {
        JwtClaimsBuilder claims = base(systemName, Set.of(SYSTEM), Duration.ofHours(12));
        claims.claim("units", Set.of(unitCodes));
        return claims.jws().keyId("motcua-local").sign(key);
    }

    public String issue(String subject, Set<String> roles, String unitCode, Duration lifetime) {
        JwtClaimsBuilder claims = base(subject, roles, lifetime);
        if (unitCode != null) {
            claims.claim("unit", unitCode);
        }
        return claims.jws().keyId("motcua-local").sign(key);
    }

    /** A token that expired an hour ago, for testing that expired tokens are refused. */
    public String expired(Set<String> roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer).upn("expired@motcua.local").groups(roles)
                .issuedAt(now - 7200).expiresAt(now - 3600)
                .jws().keyId("motcua-local").sign(key);
    }

    private JwtClaimsBuilder base(String subject, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(issuer).upn(subject).subject(subject).groups(roles).expiresIn(lifetime);
    }
}
