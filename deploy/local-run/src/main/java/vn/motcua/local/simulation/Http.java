package vn.motcua.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The few HTTP calls the simulator makes: JSON in and out, a bearer token, optional extra headers. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body; {@link #json()} parses the body (empty object when there is none). */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode().put("unparsed", body);
            }
        }

        /** The rule a problem+json answer names: the last segment of its {@code type}. */
        String rule() {
            String type = json().path("type").asText("");
            return type.isEmpty() ? "http-" + status : type.substring(type.lastIndexOf('/') + 1);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Answer get(String url, String token) throws IOException, InterruptedException {
        return send("GET", url, token, null, Map.of());
    }

    Answer post(String url, String token, Object body) throws IOException, InterruptedException {
        return send("POST", url, token, body, Map.of());
    }

    Answer send(String method, String url, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }
}
