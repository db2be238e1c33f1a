package vn.motcua.testinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.nio.file.Files;
import java.util.Base64;

/**
 * The local run's identity provider when Keycloak cannot run (it needs Java 21 or newer): an OpenID-compatible issuer
 * on loopback that publishes a discovery document and the JWKS of the local key pair ({@link JwtKeys}), so the
 * services verify its tokens through quarkus-oidc exactly as they verify Keycloak's. It issues no tokens over HTTP;
 * the local run signs them with {@link #tokens()} and prints them.
 */
public final class LocalIssuer implements AutoCloseable {
    public static final String REALM = "motcua";
    static final String KID = "motcua-local";

    private final HttpServer server;
    private final JwtKeys keys;
    private final String issuer;

    private LocalIssuer(HttpServer server, JwtKeys keys, String issuer) {
        this.server = server;
        this.keys = keys;
        this.issuer = issuer;
    }

    /** Serves on 127.0.0.1:{@code port} the realm {@value #REALM} with the keys of {@code keys}. */
    public static LocalIssuer start(JwtKeys keys, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/" + REALM;
            LocalIssuer local = new LocalIssuer(server, keys, issuer);
            String realmPath = "/realms/" + REALM;
            server.createContext(realmPath + "/.well-known/openid-configuration", x -> local.json(x, local.discovery()));
            server.createContext(realmPath + "/protocol/openid-connect/certs", x -> local.json(x, local.jwks()));
            server.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("the local issuer cannot listen on port " + port, e);
        }
    }

    /** The issuer URL, which is also what the services discover it by ({@code quarkus.oidc.auth-server-url}). */
    public String issuer() {
        return issuer;
    }

    public Tokens tokens(String audience) {
        return new Tokens(keys.privateKey(), KID, issuer, audience);
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"]}";
    }

    private String jwks() {
        try {
            String pem = Files.readString(keys.publicKeyFile()).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return "{\"keys\":[" + Jwks.rsa(KID, key) + "]}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void json(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
