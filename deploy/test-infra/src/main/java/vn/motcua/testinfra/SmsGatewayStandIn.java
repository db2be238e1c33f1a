package vn.motcua.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * STAND-IN for an SMS gateway (brand-name SMS of a Vietnamese carrier), for the tests and the local run: a real HTTP
 * server that takes the one call dossier-service's SMS adapter makes and checks it as a gateway would.
 *
 * <pre>POST /sms/v1/messages   Authorization: Bearer &lt;api key&gt;
 * {"reference": "...", "to": "0912345678", "sender": "MOTCUA", "text": "..."}</pre>
 * Answers 202 accepted; 200 "duplicate" for a reference it has taken before (not sent again); 400 with the reason for
 * a body it refuses (unknown field, phone not Vietnamese, text empty or over 612 characters, sender over 11); 401
 * without the key; 503 while {@linkplain #down(boolean) down}; answers late while {@linkplain #slow(Duration) slow}.
 * {@code GET /sms/v1/messages} lists what it accepted (the local run prints that address).
 */
public final class SmsGatewayStandIn implements AutoCloseable {
    /** A text message it accepted. */
    public record Sms(String reference, String to, String sender, String text, String acceptedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHONE = Pattern.compile("(\\+84|0)[0-9]{9,10}");
    private static final int MAX_TEXT = 612; // four concatenated Unicode (UCS-2) parts of 153 characters
    private static final List<String> FIELDS = List.of("reference", "to", "sender", "text");

    private final HttpServer server;
    private final String apiKey;
    private final Map<String, Sms> accepted = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile boolean down;
    private volatile Duration delay = Duration.ZERO;

    private SmsGatewayStandIn(HttpServer server, String apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    public static SmsGatewayStandIn start(String apiKey) {
        return start(FreePorts.next(), apiKey);
    }

    public static SmsGatewayStandIn start(int port, String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            SmsGatewayStandIn gateway = new SmsGatewayStandIn(server, apiKey);
            server.createContext("/sms/v1/messages", gateway::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SMS gateway stand-in", e);
        }
    }

    /** Where the adapter sends: {@code http://127.0.0.1:<port>/sms/v1/messages}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms/v1/messages";
    }

    /** While down, every call is answered 503 and nothing is accepted. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Every answer waits this long first (a slow carrier). */
    public void slow(Duration delay) {
        this.delay = delay;
    }

    /** Messages accepted, in order (a duplicate reference is not listed twice). */
    public synchronized List<Sms> accepted() {
        return List.copyOf(accepted.values());
    }

    /** Every call it answered, whatever the answer. */
    public int calls() {
        return calls.get();
    }

    /** Calls that repeated a reference already taken (a sender that sent the same message twice). */
    public int duplicates() {
        return duplicates.get();
    }

    public synchronized void clear() {
        accepted.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            calls.incrementAndGet();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if ("GET".equals(ex.getRequestMethod())) {
                ArrayNode list = JSON.createArrayNode();
                for (Sms s : accepted()) {
                    list.add(JSON.valueToTree(s).deepCopy());
                }
                StandInHttp.answer(ex, 200, list.toString());
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                StandInHttp.answer(ex, 405, error("method not allowed"));
                return;
            }
            if (down) {
                StandInHttp.answer(ex, 503, error("gateway unavailable"));
                return;
            }
            if (!("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                StandInHttp.answer(ex, 401, error("unknown api key"));
                return;
            }
            String refusal;
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                body = JSON.readTree(in.readAllBytes());
                refusal = refusal(body);
            } catch (IOException notJson) {
                body = null;
                refusal = "body is not JSON";
            }
            if (refusal != null) {
                StandInHttp.answer(ex, 400, error(refusal));
                return;
            }
            Sms sms = new Sms(body.get("reference").asText(), body.get("to").asText(), body.get("sender").asText(),
                    body.get("text").asText(), Instant.now().toString());
            boolean duplicate;
            synchronized (this) {
                duplicate = accepted.putIfAbsent(sms.reference(), sms) != null;
            }
            if (duplicate) {
                duplicates.incrementAndGet();
            }
            ObjectNode ok = JSON.createObjectNode().put("status", duplicate ? "duplicate" : "accepted")
                    .put("reference", sms.reference());
            StandInHttp.answer(ex, duplicate ? 200 : 202, ok.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String refusal(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "body must be a JSON object";
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return "unknown field " + f;
            }
        }
        for (String f : FIELDS) {
            if (!body.path(f).isTextual() || body.get(f).asText().isBlank()) {
                return f + " is required";
            }
        }
        if (body.get("reference").asText().length() > 64) {
            return "reference has at most 64 characters";
        }
        if (!PHONE.matcher(body.get("to").asText()).matches()) {
            return "to is not a Vietnamese phone number";
        }
        if (body.get("sender").asText().length() > 11) {
            return "sender has at most 11 characters";
        }
        if (body.get("text").asText().codePointCount(0, body.get("text").asText().length()) > MAX_TEXT) {
            return "text has at most " + MAX_TEXT + " characters";
        }
        return null;
    }

    private static String error(String reason) {
        return JSON.createObjectNode().put("error", reason).toString();
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
