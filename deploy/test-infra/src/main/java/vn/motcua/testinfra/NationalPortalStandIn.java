package vn.motcua.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.motcua.contract.JsonSchemaDocument;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * STAND-IN for the national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG), for the tests and the local
 * run: a real HTTP server that takes the two sync calls of DOMAIN.md §7 and checks each body against a JSON Schema
 * written from it ({@code national-portal/dvcqg-sync-v1.schema.json}: no field beyond what the format asks).
 *
 * <pre>POST /dvcqg/api/sync   Authorization: Basic &lt;user:password&gt;
 * {"service": "DongBoHoSoMC" | "CapNhatTienDoHoSoMC", "isUpdating": false, "data": [ ... ]}</pre>
 * Answers {@code {"error_code": "0"}} when it takes a call; {@code "-2"} (already exists) for a create of a dossier it
 * holds; {@code "-3"} for an update or progress of one it does not hold; {@code "-1"} with the reasons for a body the
 * schema refuses, and for a dossier it was told to {@linkplain #refuse(String) refuse}; HTTP 401 without the
 * credentials; 503 while {@linkplain #down(boolean) down}; nothing at all (connection refused) while
 * {@linkplain #offline() offline}; late while {@linkplain #slow(Duration) slow}.
 * {@code GET /dvcqg/api/sync} lists the dossiers it holds with their status (the local run prints that address).
 */
public final class NationalPortalStandIn implements AutoCloseable {
    public static final String SCHEMA = "national-portal/dvcqg-sync-v1.schema.json";
    public static final String DOSSIER_CALL = "DongBoHoSoMC";
    public static final String PROGRESS_CALL = "CapNhatTienDoHoSoMC";
    public static final String PATH = "/dvcqg/api/sync";

    /** A call it received, whatever it answered. */
    public record Call(String service, boolean updating, String maHoSo, String errorCode, Instant at, JsonNode body) {
        public boolean accepted() {
            return "0".equals(errorCode);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaDocument FORMAT =
            JsonSchemaDocument.fromClassPath(SCHEMA, NationalPortalStandIn.class.getClassLoader());

    private final int port;
    private final String authorization;
    private final Map<String, JsonNode> dossiers = new LinkedHashMap<>();
    private final Map<String, JsonNode> progress = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile HttpServer server;
    private volatile ExecutorService executor;
    private volatile boolean down;
    private volatile Duration delay = Duration.ZERO;

    private NationalPortalStandIn(int port, String username, String password) {
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static NationalPortalStandIn start(String username, String password) {
        return start(FreePorts.next(), username, password);
    }

    public static NationalPortalStandIn start(int port, String username, String password) {
        NationalPortalStandIn portal = new NationalPortalStandIn(port, username, password);
        portal.online();
        return portal;
    }

    /** Where the sync sends: {@code http://127.0.0.1:<port>/dvcqg/api/sync}. */
    public String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** While down, every call is answered 503 and nothing is taken. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Stops listening: a sender's connection is refused until {@link #online()}. What it holds is kept. */
    public synchronized void offline() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Listens (again) on its port. */
    public synchronized void online() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            s.createContext(PATH, this::handle);
            executor = Executors.newFixedThreadPool(4);
            s.setExecutor(executor);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the national portal stand-in on port " + port, e);
        }
    }

    /** Every answer waits this long first (a slow portal). */
    public void slow(Duration delay) {
        this.delay = delay;
    }

    /** Refuses every call about this dossier code (error_code -1) until {@link #accept(String)}. */
    public void refuse(String maHoSo) {
        refused.add(maHoSo);
    }

    public void accept(String maHoSo) {
        refused.remove(maHoSo);
    }

    /**
     * Holds a dossier as if someone had typed it in on the portal by hand (or a create's answer was lost): a create of
     * this code is then answered "already exists".
     */
    public synchronized void holdAlready(String maHoSo) {
        dossiers.put(maHoSo, JSON.createObjectNode().put("MaHoSo", maHoSo).put("TrangThaiHoSo", 1));
    }

    /** Loses a dossier (a portal restored from an old backup, say): an update of it is answered "-3". */
    public synchronized void forget(String maHoSo) {
        dossiers.remove(maHoSo);
        progress.remove(maHoSo);
    }

    /** The dossier as the portal holds it now (the last accepted DongBoHoSoMC item), if it holds it. */
    public synchronized Optional<JsonNode> dossier(String maHoSo) {
        return Optional.ofNullable(dossiers.get(maHoSo));
    }

    /** The progress entries it holds for a dossier (the last accepted CapNhatTienDoHoSoMC data), or none. */
    public synchronized Optional<JsonNode> progress(String maHoSo) {
        return Optional.ofNullable(progress.get(maHoSo));
    }

    /** Codes of the dossiers it holds, in the order it first took them. */
    public synchronized List<String> held() {
        return List.copyOf(dossiers.keySet());
    }

    /** Every call it answered (up or refusing), in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls about one dossier, in order. */
    public synchronized List<Call> calls(String maHoSo) {
        return calls.stream().filter(c -> maHoSo.equals(c.maHoSo())).toList();
    }

    /** Calls whose body the schema refused: a correct sender makes none. */
    public synchronized List<Call> invalid() {
        return calls.stream().filter(c -> "-1".equals(c.errorCode()) && !refused.contains(c.maHoSo())
                && c.body().has("schemaErrors")).toList();
    }

    public synchronized void clear() {
        dossiers.clear();
        progress.clear();
        calls.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if ("GET".equals(ex.getRequestMethod())) {
                StandInHttp.answer(ex, 200, listing().toString());
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                StandInHttp.answer(ex, 405, error("-1", "method not allowed").toString());
                return;
            }
            if (down) {
                StandInHttp.answer(ex, 503, error("-1", "Cổng Dịch vụ công quốc gia đang bảo trì").toString());
                return;
            }
            if (!authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                StandInHttp.answer(ex, 401, error("-1", "Sai thông tin xác thực").toString());
                return;
            }
            byte[] bytes;
            try (InputStream in = ex.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            ObjectNode outcome = take(bytes);
            StandInHttp.answer(ex, outcome.has("schemaErrors") ? 400 : 200, outcome.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks and takes one call; the answer's body. */
    private synchronized ObjectNode take(byte[] bytes) {
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        List<String> problems = body == null ? List.of("body is not JSON")
                : FORMAT.validate(new String(bytes, StandardCharsets.UTF_8));
        String service = body == null ? null : body.path("service").asText(null);
        boolean updating = body != null && body.path("isUpdating").asBoolean(false);
        String code = body == null ? null : body.path("data").path(0).path("MaHoSo").asText(null);
        ObjectNode answer;
        if (!problems.isEmpty()) {
            answer = error("-1", "Dữ liệu không đúng định dạng: " + String.join("; ", problems));
            answer.set("schemaErrors", JSON.valueToTree(problems));
        } else if (PROGRESS_CALL.equals(service) && !sameDossier(body.get("data"), code)) {
            answer = error("-1", "Các bản ghi tiến độ phải cùng một mã hồ sơ");
        } else if (refused.contains(code)) {
            answer = error("-1", "Mã thủ tục hành chính của hồ sơ " + code + " chưa được công bố trên Cổng DVCQG");
        } else if (DOSSIER_CALL.equals(service)) {
            if (!updating && dossiers.containsKey(code)) {
                answer = error("-2", "Hồ sơ " + code + " đã tồn tại");
            } else if (updating && !dossiers.containsKey(code)) {
                answer = error("-3", "Hồ sơ " + code + " không tồn tại");
            } else {
                dossiers.put(code, body.get("data").get(0));
                answer = error("0", "Thành công");
            }
        } else if (!dossiers.containsKey(code)) {
            answer = error("-3", "Hồ sơ " + code + " không tồn tại");
        } else {
            progress.put(code, body.get("data"));
            answer = error("0", "Thành công");
        }
        calls.add(new Call(service, updating, code, answer.get("error_code").asText(), Instant.now(),
                answer.has("schemaErrors") ? answer : body));
        return answer;
    }

    private static boolean sameDossier(JsonNode data, String code) {
        for (JsonNode entry : data) {
            if (!entry.path("MaHoSo").asText("").equals(code)) {
                return false;
            }
        }
        return true;
    }

    private synchronized ObjectNode listing() {
        ObjectNode out = JSON.createObjectNode();
        out.put("standIn", "national public-service portal (DVCQG) STAND-IN");
        out.put("dossiers", dossiers.size());
        out.put("calls", calls.size());
        out.put("refusedCalls", calls.stream().filter(c -> !c.accepted()).count());
        ObjectNode byStatus = out.putObject("byStatus");
        for (JsonNode d : dossiers.values()) {
            String status = d.path("TrangThaiHoSo").asText();
            byStatus.put(status, byStatus.path(status).asInt(0) + 1);
        }
        ArrayNode list = out.putArray("held");
        for (var e : dossiers.entrySet()) {
            list.addObject().put("MaHoSo", e.getKey()).put("TrangThaiHoSo", e.getValue().path("TrangThaiHoSo").asInt())
                    .put("progressEntries", progress.containsKey(e.getKey()) ? progress.get(e.getKey()).size() : 0);
        }
        return out;
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }


    @Override
    public void close() {
        offline();
    }
}
