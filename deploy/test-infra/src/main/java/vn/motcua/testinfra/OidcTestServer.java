package vn.motcua.testinfra;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.util.KeyUtils;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Quarkus' OIDC test server ({@code quarkus-test-oidc-server}: WireMock answering as an OpenID provider, with
 * discovery, a JWKS and the code-flow endpoints) for the services' tests and the whole-system tests. The services
 * verify tokens through {@code quarkus-oidc} exactly as against the province's identity provider: discovery, the
 * JWKS, issuer, audience and expiry. Tokens are issued here with the server's published key ({@link #tokens()}).
 * <p>
 * Keys can be rotated ({@link #rotate(String)}: the JWKS then publishes a second key, as an identity provider does
 * before it switches) and a token can be signed with a key the provider never published ({@link #unpublished()}).
 */
public final class OidcTestServer implements AutoCloseable {
    /** The issuer the test tokens carry (and the services are told to expect). */
    public static final String ISSUER = "https://id.motcua.test/realms/motcua";
    /** The audience motcua's services require by default. */
    public static final String AUDIENCE = "motcua";
    static final String REALM_PATH = "/auth/realms/quarkus";
    static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    private static final String PUBLISHED_KID = "1";

    private final OidcWiremockTestResource resource = new OidcWiremockTestResource();
    private final String authServerUrl;
    private final WireMock admin;
    private final PrivateKey publishedKey;
    private final List<String> extraKeys = new ArrayList<>();

    private OidcTestServer() {
        Map<String, String> started = resource.start();
        // keycloak.url is http://localhost:<port>/auth: the realm of the stubs is under it
        String base = started.get("keycloak.url");
        this.authServerUrl = base + "/realms/quarkus";
        URI uri = URI.create(base);
        this.admin = new WireMock(uri.getHost(), uri.getPort());
        try {
            this.publishedKey = (PrivateKey) KeyUtils.readSigningKey("privateKey.jwk", PUBLISHED_KID,
                    io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256);
        } catch (Exception e) {
            throw new IllegalStateException("the OIDC test server's signing key cannot be read", e);
        }
    }

    public static OidcTestServer start() {
        return new OidcTestServer();
    }

    /** Where the services discover the provider ({@code quarkus.oidc.auth-server-url}). */
    public String authServerUrl() {
        return authServerUrl;
    }

    /** The configuration that points a service at this provider. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", authServerUrl);
        // the stubs' discovery document names another issuer; the tokens here carry ISSUER
        config.put("quarkus.oidc.token.issuer", ISSUER);
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        return config;
    }

    /** Tokens signed with the key the provider publishes. */
    public Tokens tokens() {
        return new Tokens(publishedKey, PUBLISHED_KID, ISSUER, AUDIENCE);
    }

    /**
     * Publishes a new signing key beside the current one (the first step of a key rotation) and returns tokens
     * signed with it. A service that cached the old JWKS must fetch it again when it meets the new key id.
     */
    public synchronized Tokens rotate(String kid) {
        KeyPair pair = rsa();
        extraKeys.add(Jwks.rsa(kid, (RSAPublicKey) pair.getPublic()));
        admin.register(get(urlEqualTo(JWKS_PATH)).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(jwks())));
        return new Tokens(pair.getPrivate(), kid, ISSUER, AUDIENCE);
    }

    /** Tokens signed with the published key but naming another issuer: every service must refuse them. */
    public Tokens withIssuer(String otherIssuer) {
        return new Tokens(publishedKey, PUBLISHED_KID, otherIssuer, AUDIENCE);
    }

    /** Tokens signed with the published key but naming another key id in their header: every service must refuse them. */
    public Tokens withKeyId(String kid) {
        return new Tokens(publishedKey, kid, ISSUER, AUDIENCE);
    }

    /** Tokens signed with a key this provider never published: every service must refuse them. */
    public Tokens unpublished() {
        return new Tokens(rsa().getPrivate(), "never-published", ISSUER, AUDIENCE);
    }

    /**
     * Makes the provider's code-flow token endpoint answer with {@code accessToken} and an ID token for
     * {@code clientId}: whoever signs in on the provider's (test) sign-in page then holds that access token.
     */
    public void answerSignInWith(String accessToken, String clientId, String subject) {
        long now = System.currentTimeMillis() / 1000;
        String idToken = io.smallrye.jwt.build.Jwt.issuer(ISSUER).subject(subject).upn(subject).audience(clientId)
                .issuedAt(now).expiresAt(now + 3600).jws().keyId(PUBLISHED_KID).sign(publishedKey);
        admin.register(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(REALM_PATH + "/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("authorization_code"))
                .atPriority(1).willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    /** The WireMock admin client, for tests that stub more of the provider (the code flow's token answer). */
    public WireMock admin() {
        return admin;
    }

    private String jwks() {
        StringBuilder keys = new StringBuilder(publishedJwk());
        extraKeys.forEach(k -> keys.append(',').append(k));
        return "{\"keys\":[" + keys + "]}";
    }

    private static String publishedJwk() {
        try (var in = OidcTestServer.class.getClassLoader().getResourceAsStream("publicKey.jwk")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (Exception e) {
            throw new IllegalStateException("publicKey.jwk of the OIDC test server is missing", e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        resource.stop();
    }
}
