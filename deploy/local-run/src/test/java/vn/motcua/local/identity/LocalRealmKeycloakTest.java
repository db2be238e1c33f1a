package vn.motcua.local.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.testinfra.KeycloakServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local run's realm in a real Keycloak (the Maven Central distribution the local run starts): every user and
 * calling system gets a token, and each token carries what the services check (issuer, audience {@code motcua},
 * roles in {@code groups}, the officer's {@code unit}, the system's {@code units}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRealmKeycloakTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    // under target/: unpacked and built once per clean build, its database made afresh for each run
    final Path folder = Path.of("target/keycloak-test").toAbsolutePath();
    KeycloakServer keycloak;
    KeycloakTokens tokens;
    String realmUrl;
    final LocalRealm.Secrets secrets = new LocalRealm.Secrets("pw-" + System.nanoTime(), "cs-" + System.nanoTime());

    @BeforeAll
    void start() throws IOException {
        Optional<Path> java = KeycloakServer.findJava(21);
        Assumptions.assumeTrue(java.isPresent(), "Skipped: Keycloak needs Java 21 or newer and none was found");
        Path distribution = Path.of(Files.readString(Path.of("target/keycloak.path")).strip());
        deleteData(folder.resolve("keycloak"));
        keycloak = KeycloakServer.prepare(distribution, folder.resolve("keycloak"), java.get(), freePort(), freePort(),
                folder.resolve("keycloak.log"));
        Path realm = LocalRealm.write(folder.resolve("realm.json"), LocalRealm.seedUnits(ROOT), secrets,
                "http://127.0.0.1:8084/dashboard");
        keycloak.start(realm, "admin-" + System.nanoTime(), Duration.ofMinutes(5));
        realmUrl = keycloak.realmUrl(LocalRealm.REALM);
        tokens = new KeycloakTokens(realmUrl, secrets);
    }

    @AfterAll
    void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void anOfficerTokenNamesTheRoleTheUnitAndMotcuasAudience() {
        JsonNode claims = claims(tokens.officer("000.00.20.H40"));
        assertThat(claims.path("iss").asText()).isEqualTo(realmUrl);
        assertThat(audiences(claims)).contains(LocalRealm.AUDIENCE);
        assertThat(texts(claims.path("groups"))).containsExactly("officer");
        assertThat(claims.path("unit").asText()).isEqualTo("000.00.20.H40");
    }

    @Test
    void everyRoleHasItsUser() {
        assertThat(texts(claims(tokens.admin()).path("groups"))).containsExactly("admin");
        assertThat(texts(claims(tokens.analyst()).path("groups"))).containsExactly("analyst");
        JsonNode leader = claims(tokens.leader("000.00.00.H40"));
        assertThat(texts(leader.path("groups"))).containsExactly("leader");
        assertThat(leader.path("unit").asText()).isEqualTo("000.00.00.H40");
    }

    @Test
    void aCallingSystemGetsItsUnitsByItsOwnClientCredentials() {
        JsonNode police = claims(tokens.system(LocalRealm.POLICE_DESK));
        assertThat(texts(police.path("groups"))).containsExactly("system");
        assertThat(texts(police.path("units"))).containsExactly("000.00.20.H40");
        assertThat(audiences(police)).contains(LocalRealm.AUDIENCE);
        JsonNode portal = claims(tokens.system(LocalRealm.PROVINCE_PORTAL));
        assertThat(texts(portal.path("units"))).containsExactlyInAnyOrderElementsOf(LocalRealm.seedUnits(ROOT));
    }

    @Test
    void theDiscoveryDocumentIsWhereTheServicesLookAndAWrongPasswordGetsNoToken() throws Exception {
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realmUrl + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(discovery.body()).path("jwks_uri").asText()).startsWith(realmUrl);
        KeycloakTokens wrong = new KeycloakTokens(realmUrl, new LocalRealm.Secrets("not-the-password", "nor-this"));
        assertThatThrownBy(() -> wrong.user("analyst")).hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> wrong.system(LocalRealm.POLICE_DESK)).hasMessageContaining("unauthorized_client");
    }

    static JsonNode claims(String token) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? texts(aud) : List.of(aud.asText());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Keycloak's file database from an earlier run would keep that run's realm (imported only when missing). */
    static void deleteData(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var homes = Files.list(folder)) {
            for (Path data : homes.map(h -> h.resolve("data")).filter(Files::isDirectory).toList()) {
                try (var all = Files.walk(data)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
