package vn.motcua.dossier.messaging.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The HTTP side of the national portal: posts a call's body and tells an acceptance, an "already exists", a refusal
 * of the payload (deterministic: sending it again changes nothing) and an outage (timeouts, 5xx, refused
 * connections, rejected credentials: worth trying again) apart.
 */
@ApplicationScoped
public class PortalClient {
    /** What the portal answered. */
    public sealed interface Answer {
        String detail();
    }

    public record Accepted(String detail) implements Answer {
    }

    public record AlreadyExists(String detail) implements Answer {
    }

    public record NotHeld(String detail) implements Answer {
    }

    /** The portal refused this payload; {@code message} is its own text. */
    public record Refused(String errorCode, String message) implements Answer {
        @Override
        public String detail() {
            return "error_code " + errorCode + ": " + message;
        }
    }

    public record Unavailable(String detail) implements Answer {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    public PortalClient(@ConfigProperty(name = "motcua.portal.url") Optional<String> url,
                        @ConfigProperty(name = "motcua.portal.username") Optional<String> username,
                        @ConfigProperty(name = "motcua.portal.password") Optional<String> password,
                        @ConfigProperty(name = "motcua.portal.token") Optional<String> token,
                        @ConfigProperty(name = "motcua.portal.timeout", defaultValue = "PT10S") Duration timeout) {
        this.url = url.filter(u -> !u.isBlank());
        // a token when the portal issued one, else the account's user name and password
        this.authorization = token.filter(t -> !t.isBlank()).map(t -> "Bearer " + t)
                .orElseGet(() -> "Basic " + Base64.getEncoder().encodeToString((username.orElse("") + ":"
                        + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public boolean configured() {
        return url.isPresent();
    }

    public Answer send(ObjectNode body) {
        if (url.isEmpty()) {
            return new Unavailable("no portal address configured (motcua.portal.url)");
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
    }

    /** Reads the portal's answer: an HTTP status and its {@code {error_code, message}} body. */
    static Answer answer(int status, String text) {
        String detail = "portal " + status + " " + clip(text);
        if (status >= 500 || status == 408 || status == 429 || status == 401 || status == 403) {
            // the portal or our account, not this payload
            return new Unavailable(detail);
        }
        JsonNode body;
        try {
            body = JSON.readTree(text == null ? "" : text);
        } catch (IOException e) {
            body = null;
        }
        String code = body == null ? null : body.path("error_code").asText(null);
        if (code == null) {
            // a proxy's page, say: not the portal speaking about this payload
            return status / 100 == 2 ? new Unavailable(detail + " (no error_code)") : new Unavailable(detail);
        }
        String message = body.path("message").asText(body.path("error_message").asText(null));
        if (PortalMapping.SUCCESS.equals(code) && status / 100 == 2) {
            return new Accepted(detail);
        }
        if (PortalMapping.ALREADY_EXISTS.equals(code)) {
            return new AlreadyExists(detail);
        }
        if (PortalMapping.NOT_HELD.equals(code)) {
            return new NotHeld(detail);
        }
        return new Refused(code, message);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }
}
