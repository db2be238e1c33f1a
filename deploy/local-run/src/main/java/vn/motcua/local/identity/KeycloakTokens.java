package vn.motcua.local.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.motcua.testinfra.TokenSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tokens asked of the local run's Keycloak, as a desk application or a portal would: users by the password grant
 * of the command-line client, calling systems by their own client credentials. A token is reused until a minute
 * before it expires.
 */
public final class KeycloakTokens implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenEndpoint;
    private final LocalRealm.Secrets secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String token, Instant renewAfter) {
    }

    public KeycloakTokens(String realmUrl, LocalRealm.Secrets secrets) {
        this.tokenEndpoint = realmUrl + "/protocol/openid-connect/token";
        this.secrets = secrets;
    }

    /** The token endpoint a client asks (for the README's and the run's instructions). */
    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    public String admin() {
        return user("admin");
    }

    @Override
    public String analyst() {
        return user("analyst");
    }

    @Override
    public String officer(String unitCode) {
        return user(LocalRealm.officer(unitCode));
    }

    @Override
    public String leader(String unitCode) {
        return user(LocalRealm.leader(unitCode));
    }

    /** The system's own client: its units are those the realm gives its service account. */
    @Override
    public String system(String systemName, String... unitCodes) {
        return cached("client:" + systemName, () -> form(Map.of("grant_type", "client_credentials",
                "client_id", systemName, "client_secret", secrets.clientSecret())));
    }

    public String user(String username) {
        return cached("user:" + username, () -> form(Map.of("grant_type", "password",
                "client_id", LocalRealm.CLI_CLIENT, "username", username, "password", secrets.userPassword())));
    }

    private String cached(String key, java.util.function.Supplier<JsonNode> fetch) {
        Cached c = cache.get(key);
        if (c != null && Instant.now().isBefore(c.renewAfter())) {
            return c.token();
        }
        JsonNode answer = fetch.get();
        String token = answer.path("access_token").asText();
        long lifetime = answer.path("expires_in").asLong(60);
        cache.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(0, lifetime - 60))));
        return token;
    }

    private JsonNode form(Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + fields.get("grant_type") + " for "
                        + fields.getOrDefault("username", fields.get("client_id")) + "): " + r.statusCode() + " "
                        + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak cannot be reached at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
