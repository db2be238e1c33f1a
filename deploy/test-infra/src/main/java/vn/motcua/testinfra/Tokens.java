package vn.motcua.testinfra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Issues bearer tokens for motcua's roles the way the province's identity provider does: signed with a key the
 * provider publishes in its JWKS (the key id in the header), with its issuer and motcua's audience. Roles are in the
 * {@code groups} claim: admin, officer (bound to a unit by the {@code unit} claim), analyst, leader (the {@code unit}
 * whose subtree the leader reads), and system (another government system; its {@code units} claim lists the units it
 * may act for).
 */
public final class Tokens implements TokenSource {
    public static final String ADMIN = "admin";
    public static final String OFFICER = "officer";
    public static final String ANALYST = "analyst";
    public static final String LEADER = "leader";
    public static final String SYSTEM = "system";

    private final PrivateKey key;
    private final String kid;
    private final String issuer;
    private final String audience;

    public Tokens(PrivateKey key, String kid, String issuer, String audience) {
        this.key = key;
        this.kid = kid;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String issuer() {
        return issuer;
    }

    @Override
    public String admin() {
        return issue("admin@motcua.local", Set.of(ADMIN), null, Duration.ofHours(12));
    }

    @Override
    public String analyst() {
        return issue("analyst@motcua.local", Set.of(ANALYST), null, Duration.ofHours(12));
    }

    @Override
    public String officer(String unitCode) {
        return issue("officer." + unitCode + "@motcua.local", Set.of(OFFICER), unitCode, Duration.ofHours(12));
    }

    @Override
    public String leader(String unitCode) {
        return issue("leader." + unitCode + "@motcua.local", Set.of(LEADER), unitCode, Duration.ofHours(12));
    }

    @Override
    public String system(String systemName, String... unitCodes) {
        JwtClaimsBuilder claims = base(systemName, Set.of(SYSTEM), Duration.ofHours(12));
        claims.claim("units", Set.of(unitCodes));
        return sign(claims);
    }

    public String issue(String subject, Set<String> roles, String unitCode, Duration lifetime) {
        JwtClaimsBuilder claims = base(subject, roles, lifetime);
        if (unitCode != null) {
            claims.claim("unit", unitCode);
        }
        return sign(claims);
    }

    /** A token for another application of the same provider: right key and issuer, another audience. */
    public String forAudience(String otherAudience, Set<String> roles) {
        return sign(Jwt.issuer(issuer).upn("other-app@motcua.local").subject("other-app@motcua.local")
                .groups(roles).audience(otherAudience).expiresIn(Duration.ofHours(1)));
    }

    /** A token that expired an hour ago, for testing that expired tokens are refused. */
    public String expired(Set<String> roles) {
        long now = System.currentTimeMillis() / 1000;
        return sign(Jwt.issuer(issuer).upn("expired@motcua.local").subject("expired@motcua.local").groups(roles)
                .audience(audience).issuedAt(now - 7200).expiresAt(now - 3600));
    }

    /** A token issued and expiring at the given instants (epoch seconds), for testing implausible lifetimes. */
    public String living(Set<String> roles, long issuedAt, long expiresAt) {
        return sign(Jwt.issuer(issuer).upn("living@motcua.local").subject("living@motcua.local").groups(roles)
                .audience(audience).issuedAt(issuedAt).expiresAt(expiresAt));
    }

    private JwtClaimsBuilder base(String subject, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(issuer).upn(subject).subject(subject).groups(roles).audience(audience).expiresIn(lifetime);
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(kid).sign(key);
    }
}
