package vn.motcua.testinfra;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A hostile client generated from a running service's OpenAPI document ({@code /q/openapi?format=json}): for every
 * operation it sends malformed requests (missing required fields, wrong JSON types, oversize strings and bodies,
 * unknown enum values, control characters, text where a code or number is expected, extreme numbers, bad paging and
 * dates, trailing garbage, deep nesting, an empty body, a non-JSON content type) and checks each answer.
 * <p>
 * The rule for an answer: a request that breaks the operation's contract (its OpenAPI schema, or the rule shared by
 * every service that no text carries a control character) must be refused with a 4xx; only a request that is still
 * valid (an unknown query parameter, free text in a free-text filter) may be answered 2xx. Write operations are only
 * sent requests that break the contract, so a sweep writes nothing. Every 4xx is {@code application/problem+json}
 * with a body; a 400 names the field (or query/path parameter) at fault in {@code field} or
 * {@code violations[].field}; no answer is a 5xx, and no answer's text names a Java class or package.
 */
public final class HostileClient {
    /** Java class and package names that must never reach a client. */
    static final Pattern JAVA_NAMES = Pattern.compile(
            "\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|\\bio\\.[a-z]|vn\\.motcua|Exception|com\\.fasterxml|\\borg\\.[a-z]");
    private static final String VIETNAMESE = "Nguyễn Thị Hoa 😀🇻🇳";
    private static final String[] CONTROL = {"a\u0000b", "a\u0001b", "\u001b[31mred", "a\u007fb"};
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the document is read with default limits; the sweep's own bodies are written by hand
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2000).build());
    }

    /** One operation of the document, as the token chooser sees it. */
    public record Operation(String method, String path, List<String> roles) {
        public boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One request that did not get the answer the rule asks for. */
    public record Finding(Operation operation, String mutation, int status, String contentType, String body,
                          String problem) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return operation + " [" + mutation + "] -> " + status + " " + contentType + ": " + problem + " :: " + shown;
        }
    }

    /** What a sweep did and found. */
    public record Result(int requests, Duration took, Map<Integer, Integer> statuses, List<Finding> findings,
                         List<Operation> operations, int namedAnotherField) {
        public String summary() {
            StringBuilder s = new StringBuilder().append(requests).append(" requests on ").append(operations.size())
                    .append(" operations in ").append(took.toMillis()).append(" ms; statuses ").append(statuses)
                    .append("; 400s naming another field than the broken one (the sample's own values refused first) ")
                    .append(namedAnotherField).append("; findings ").append(findings.size());
            Map<String, Integer> kinds = new TreeMap<>();
            findings.forEach(f -> kinds.merge(f.problem(), 1, Integer::sum));
            if (!kinds.isEmpty()) {
                s.append(" by kind ").append(kinds);
            }
            operations.forEach(o -> s.append("\n  op ").append(o).append(' ').append(o.roles()));
            findings.stream().limit(Integer.getInteger("hostile.shown", 60)).forEach(f -> s.append("\n  ").append(f));
            return s.toString();
        }
    }

    private final URI base;
    private Function<Operation, Optional<String>> tokens = op -> Optional.empty();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, String> queryValues = new LinkedHashMap<>();
    private java.util.function.Predicate<Operation> include = op -> !op.path().startsWith("/q/");
    private int perOperation = 120;
    private int threads = 4;
    private final java.util.concurrent.atomic.AtomicInteger namedAnother = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HostileClient(URI base) {
        this.base = base;
    }

    /** A sweep of the service at {@code base} (e.g. http://localhost:8081). */
    /**
     * The sweep every service's test runs: every operation of the service on {@code port}, the secured ones with an
     * admin token (so a request reaches validation), the public ones without; fails naming every finding, or when
     * {@code footprint} (what the service has written: row counts of its tables) differs afterwards.
     */
    public static Result requireRefusedAndNothingWritten(String service, int port, String adminToken,
                                                         java.util.function.Supplier<?> footprint) {
        Object before = footprint.get();
        Result result = against(URI.create("http://localhost:" + port))
                .tokens(op -> op.roles().isEmpty() ? Optional.empty() : Optional.of(adminToken))
                .run();
        System.out.println(service + " hostile sweep: " + result.summary());
        if (result.operations().isEmpty()) {
            throw new AssertionError(service + ": the OpenAPI document lists no operation to sweep");
        }
        if (!result.findings().isEmpty()) {
            throw new AssertionError(service + " answered malformed requests wrongly: " + result.summary());
        }
        Object after = footprint.get();
        if (!before.equals(after)) {
            throw new AssertionError(service + ": the sweep wrote something: before " + before + ", after " + after);
        }
        return result;
    }

    public static HostileClient against(URI base) {
        return new HostileClient(base);
    }

    /**
     * The bearer token for an operation (the roles are those its security requirement names, empty for a public
     * operation); empty sends no token. Choose a role the operation allows, so the request reaches validation.
     */
    public HostileClient tokens(Function<Operation, Optional<String>> chooser) {
        this.tokens = chooser;
        return this;
    }

    /** A value for a path parameter of this name (an existing entity), so body mutations reach validation. */
    public HostileClient pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /**
     * A valid value for a query parameter of this name. Every declared query parameter is sent with a valid value
     * (this one, else one made from its schema) while another one is broken, so the answer is about the broken one.
     */
    public HostileClient queryValue(String name, String value) {
        queryValues.put(name, value);
        return this;
    }

    public HostileClient include(java.util.function.Predicate<Operation> filter) {
        this.include = this.include.and(filter);
        return this;
    }

    /** At most this many requests for one operation (the mutations are interleaved by kind before the cut). */
    public HostileClient perOperation(int max) {
        this.perOperation = max;
        return this;
    }

    public Result run() {
        long start = System.nanoTime();
        JsonNode doc = document();
        List<Planned> plan = new ArrayList<>();
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ms = p.getValue().fields(); ms.hasNext(); ) {
                Map.Entry<String, JsonNode> m = ms.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                    continue;
                }
                Operation op = new Operation(m.getKey().toUpperCase(), p.getKey(), roles(doc, m.getValue()));
                if (!include.test(op)) {
                    continue;
                }
                operations.add(op);
                plan.addAll(new Planner(doc, op, m.getValue(), p.getValue()).plan());
            }
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Planned r : plan) {
                futures.add(pool.submit(() -> send(r, statuses, findings)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the sweep stopped", e);
        } finally {
            pool.shutdownNow();
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> (a.operation() + a.mutation()).compareTo(b.operation() + b.mutation()));
        return new Result(plan.size(), Duration.ofNanos(System.nanoTime() - start), new TreeMap<>(statuses), sorted,
                operations, namedAnother.get());
    }

    private JsonNode document() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> roles(JsonNode doc, JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : doc.path("security");
        List<String> roles = new ArrayList<>();
        for (JsonNode requirement : security) {
            for (Iterator<JsonNode> scopes = requirement.elements(); scopes.hasNext(); ) {
                scopes.next().forEach(s -> roles.add(s.asText()));
            }
            if (!requirement.isEmpty() && roles.isEmpty()) {
                roles.add("*");
            }
        }
        return roles;
    }

    // ------------------------------------------------------------------ sending and checking

    /** One request to send: how it breaks the contract, the field it names, whether a 2xx is acceptable. */
    private record Planned(Operation op, String mutation, String path, String query, String contentType,
                           byte[] body, String field, boolean mayPass) {
    }

    private void send(Planned r, Map<Integer, Integer> statuses, List<Finding> findings) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + r.path()
                + (r.query().isEmpty() ? "" : "?" + r.query()))).timeout(Duration.ofSeconds(30));
        HttpRequest.BodyPublisher body = r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body());
        b.method(r.op().method(), body);
        if (r.contentType() != null) {
            b.header("Content-Type", r.contentType());
        }
        b.header("Accept", "application/json, application/problem+json");
        tokens.apply(r.op()).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpResponse<String> answer;
        long t0 = System.nanoTime();
        try {
            answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 2_000) {
                // a refusal should cost nothing: a slow one is a stall worth a look (a proxy check resolving names
                // once made every fiftieth answer wait 5 s), printed rather than failed on a loaded machine
                System.err.printf("hostile sweep: slow answer, %d ms: %s %s (%s) -> %d%n", ms, r.op().method(),
                        r.path().length() > 120 ? r.path().substring(0, 120) + "…" : r.path(), r.mutation(),
                        answer.statusCode());
            }
        } catch (IOException e) {
            findings.add(new Finding(r.op(), r.mutation(), -1, "", "", "no answer: " + e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        String problem = check(r, answer);
        if (problem == null && answer.statusCode() == 400 && !namesTheField(r, answer.body())) {
            namedAnother.incrementAndGet();
        }
        if (problem != null) {
            findings.add(new Finding(r.op(), r.mutation(), answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(""), answer.body(), problem));
        }
    }

    private static String check(Planned r, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = answer.body() == null ? "" : answer.body();
        if (status >= 500) {
            return "server error";
        }
        if (JAVA_NAMES.matcher(body).find()) {
            return "names a Java class or package";
        }
        if (status < 400) {
            return r.mayPass() && status < 300 ? null : "accepted a request that breaks the contract";
        }
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json";
        }
        if (body.isBlank()) {
            return "empty body";
        }
        if (status != 400 || r.field() == null) {
            return null;
        }
        List<String> named = new ArrayList<>();
        try {
            JsonNode p = JSON.readTree(body);
            if (p.hasNonNull("field")) {
                named.add(p.get("field").asText());
            }
            for (JsonNode v : p.path("violations")) {
                if (v.hasNonNull("field")) {
                    named.add(v.get("field").asText());
                }
            }
        } catch (IOException e) {
            return "problem body is not JSON";
        }
        if (named.isEmpty()) {
            return "names no field";
        }
        return null;
    }

    /** Whether a 400 names the field the request broke (else it named another one the sample got wrong). */
    private static boolean namesTheField(Planned r, String body) {
        if (r.field() == null || r.field().isEmpty()) {
            return true;
        }
        String want = r.field().replaceAll("\\[\\d+]", "");
        try {
            JsonNode p = JSON.readTree(body);
            List<String> named = new ArrayList<>();
            named.add(p.path("field").asText(""));
            p.path("violations").forEach(v -> named.add(v.path("field").asText("")));
            for (String n : named) {
                String got = n.replaceAll("\\[\\d+]", "").replace(".<list element>", "");
                if (!got.isEmpty() && (got.equals(want) || got.endsWith("." + want) || want.startsWith(got + "."))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------ planning

    private final class Planner {
        private final JsonNode doc;
        private final Operation op;
        private final JsonNode operation;
        private final List<JsonNode> parameters = new ArrayList<>();
        private final Map<String, List<Planned>> byKind = new LinkedHashMap<>();

        Planner(JsonNode doc, Operation op, JsonNode operation, JsonNode pathItem) {
            this.doc = doc;
            this.op = op;
            this.operation = operation;
            pathItem.path("parameters").forEach(p -> parameters.add(resolve(p)));
            operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        }

        List<Planned> plan() {
            JsonNode bodySchema = null;
            String bodyType = null;
            for (Iterator<Map.Entry<String, JsonNode>> c = operation.path("requestBody").path("content").fields();
                 c.hasNext(); ) {
                Map.Entry<String, JsonNode> e = c.next();
                if (e.getKey().contains("json")) {
                    bodyType = e.getKey();
                    bodySchema = resolve(e.getValue().path("schema"));
                }
            }
            planParameters();
            if (bodySchema != null) {
                planBody(bodyType, bodySchema);
            }
            // interleave the kinds, so that a cut keeps some of each
            List<Planned> out = new ArrayList<>();
            List<Iterator<Planned>> its = byKind.values().stream().map(List::iterator).toList();
            boolean more = true;
            while (more && out.size() < perOperation) {
                more = false;
                for (Iterator<Planned> it : its) {
                    if (it.hasNext() && out.size() < perOperation) {
                        out.add(it.next());
                        more = true;
                    }
                }
            }
            return out;
        }

        private void add(String kind, String mutation, Map<String, String> pathOverride, Map<String, String> query,
                         String contentType, byte[] body, String field, boolean mayPass) {
            if (op.writes() && mayPass) {
                return; // a write is only sent what it must refuse: a sweep writes nothing
            }
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Planned(op, mutation,
                    path(pathOverride), query(query), contentType, body, field, mayPass));
        }

        // --------------------------------------------------------- path and query parameters

        private Map<String, String> validQuery() {
            Map<String, String> q = new LinkedHashMap<>();
            for (JsonNode p : parameters) {
                String name = p.path("name").asText();
                if ("query".equals(p.path("in").asText()) && (p.path("required").asBoolean()
                        || queryValues.containsKey(name))) {
                    q.put(name, encode(queryValues.getOrDefault(name, text(sample(resolve(p.path("schema")), name)))));
                }
            }
            return q;
        }

        private String path(Map<String, String> override) {
            String path = op.path();
            for (JsonNode p : parameters) {
                if (!"path".equals(p.path("in").asText())) {
                    continue;
                }
                String name = p.path("name").asText();
                String value = override.containsKey(name) ? override.get(name)
                        : encode(pathValues.getOrDefault(name, text(sample(resolve(p.path("schema")), name))));
                path = path.replace("{" + name + "}", value);
            }
            return path;
        }

        private String query(Map<String, String> q) {
            StringBuilder s = new StringBuilder();
            q.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(encode(k)).append('=').append(v));
            return s.toString();
        }

        private void planParameters() {
            byte[] body = null;
            String contentType = null;
            JsonNode bodySchema = firstJsonBody();
            if (bodySchema != null) {
                body = bytes(sample(bodySchema, "body"));
                contentType = "application/json";
            }
            for (JsonNode p : parameters) {
                String in = p.path("in").asText();
                String name = p.path("name").asText();
                JsonNode schema = resolve(p.path("schema"));
                if (!in.equals("query") && !in.equals("path")) {
                    continue;
                }
                for (Bad bad : badParameterValues(name, schema, in.equals("path"))) {
                    Map<String, String> pathOverride = new LinkedHashMap<>();
                    Map<String, String> query = validQuery();
                    if (in.equals("path")) {
                        pathOverride.put(name, bad.encoded());
                    } else {
                        query.put(name, bad.encoded());
                    }
                    add(in + ":" + name, in + " " + name + "=" + bad.label(), pathOverride, query, contentType,
                            body, bad.mayPass() ? "" : name, bad.mayPass());
                }
            }
            if (!op.writes()) {
                Map<String, String> query = validQuery();
                query.put("hostileUnknown", "1");
                add("query:unknown", "unknown query parameter", Map.of(), query, contentType, body, "", true);
            }
        }

        private JsonNode firstJsonBody() {
            for (Iterator<Map.Entry<String, JsonNode>> c = operation.path("requestBody").path("content").fields();
                 c.hasNext(); ) {
                Map.Entry<String, JsonNode> e = c.next();
                if (e.getKey().contains("json")) {
                    return resolve(e.getValue().path("schema"));
                }
            }
            return null;
        }

        private record Bad(String label, String encoded, boolean mayPass) {
        }

        private List<Bad> badParameterValues(String name, JsonNode schema, boolean inPath) {
            List<Bad> bad = new ArrayList<>();
            String type = schema.path("type").asText("string");
            String format = schema.path("format").asText("");
            bad.add(new Bad("NUL", "a%00b", false));
            bad.add(new Bad("control character", "a%01b", false));
            bad.add(new Bad("escape sequence", "%1B%5B31m", false));
            if (type.equals("integer") || type.equals("number")) {
                for (String v : List.of("2147483648", "-1", "9223372036854775807", "1e309", "0.1", "abc",
                        "2147483647")) {
                    boolean valid = isValidNumber(schema, v);
                    bad.add(new Bad(v, encode(v), valid && !inPath));
                }
                bad.add(new Bad("Vietnamese text", encode(VIETNAMESE), false));
            } else if (type.equals("boolean")) {
                bad.add(new Bad("maybe", "maybe", false));
            } else if (type.equals("array")) {
                bad.add(new Bad("NUL item", "a%00b", false));
            } else {
                boolean constrained = schema.has("enum") || breaksPattern(schema, VIETNAMESE)
                        || isCodeFormat(format) || codeLike(name);
                if (schema.has("enum")) {
                    bad.add(new Bad("unknown enum value", "NOT_A_VALUE", false));
                }
                if (format.equals("date") || name.toLowerCase().contains("date") || name.equals("from")
                        || name.equals("to")) {
                    bad.add(new Bad("9999-99-99", "9999-99-99", false));
                    bad.add(new Bad("2026-02-30", "2026-02-30", false));
                }
                if (name.toLowerCase().contains("period") || name.equals("month")) {
                    bad.add(new Bad("2026-13", "2026-13", false));
                    bad.add(new Bad("2026-00", "2026-00", false));
                }
                bad.add(new Bad("Vietnamese text", encode(VIETNAMESE), !constrained && !inPath));
                int max = schema.path("maxLength").asInt(-1);
                if (max > 0) {
                    bad.add(new Bad("maxLength+1", "A".repeat(max + 1), false));
                }
                bad.add(new Bad("3000 characters", "A".repeat(3000), !constrained && max < 0 && !inPath));
            }
            return bad;
        }

        private boolean isValidNumber(JsonNode schema, String v) {
            try {
                java.math.BigDecimal d = new java.math.BigDecimal(v);
                if (schema.path("type").asText().equals("integer")) {
                    if (d.stripTrailingZeros().scale() > 0) {
                        return false;
                    }
                    String format = schema.path("format").asText("int32");
                    java.math.BigDecimal limit = format.equals("int64") ? java.math.BigDecimal.valueOf(Long.MAX_VALUE)
                            : java.math.BigDecimal.valueOf(Integer.MAX_VALUE);
                    if (d.abs().compareTo(limit) > 0) {
                        return false;
                    }
                }
                if (schema.has("minimum") && d.compareTo(schema.get("minimum").decimalValue()) < 0) {
                    return false;
                }
                if (schema.has("maximum") && d.compareTo(schema.get("maximum").decimalValue()) > 0) {
                    return false;
                }
                return Double.isFinite(d.doubleValue());
            } catch (NumberFormatException e) {
                return false;
            }
        }

        // --------------------------------------------------------- bodies

        private void planBody(String declared, JsonNode schema) {
            JsonNode valid = sample(schema, "body");
            byte[] validBytes = bytes(valid);
            String validText = new String(validBytes, StandardCharsets.UTF_8);
            String json = "application/json";
            add("body", "empty body", Map.of(), validQuery(), json, new byte[0], "", false);
            add("body", "text/plain content type", Map.of(), validQuery(), "text/plain", validBytes, null, false);
            add("body", "XML content type", Map.of(), validQuery(), "application/xml",
                    "<a>1</a>".getBytes(StandardCharsets.UTF_8), null, false);
            add("body", "trailing garbage", Map.of(), validQuery(), json, (validText + " x").getBytes(), "", false);
            add("body", "a second JSON value", Map.of(), validQuery(), json, (validText + "{}").getBytes(), "", false);
            add("body", "5000-deep arrays", Map.of(), validQuery(), json,
                    ("[".repeat(5000) + "]".repeat(5000)).getBytes(), "", false);
            add("body", "5000-deep objects", Map.of(), validQuery(), json,
                    ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(), "", false);
            add("body", "cut short", Map.of(), validQuery(), json,
                    validText.substring(0, Math.max(1, validText.length() / 2)).getBytes(StandardCharsets.UTF_8),
                    "", false);
            add("body", "JSON null", Map.of(), validQuery(), json, "null".getBytes(), "", false);
            add("body", "oversize body (4 MB)", Map.of(), validQuery(), json,
                    ("{\"x\":\"" + "A".repeat(4 * 1024 * 1024) + "\"}").getBytes(), null, false);
            if (schema.path("type").asText().equals("object") || schema.has("properties")) {
                add("body", "an array for the object", Map.of(), validQuery(), json, "[]".getBytes(), "", false);
            }
            walk(schema, "", 0);
        }

        /** Field mutations of {@code schema}, the object at {@code path} of the body. */
        private void walk(JsonNode schema, String path, int depth) {
            schema = resolve(schema);
            if (depth > 4) {
                return;
            }
            JsonNode properties = allProperties(schema);
            java.util.Set<String> required = new java.util.HashSet<>();
            allRequired(schema).forEach(r -> required.add(r));
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String field = path.isEmpty() ? name : path + "." + name;
                JsonNode fieldSchema = resolve(e.getValue());
                if (fieldSchema.path("readOnly").asBoolean()) {
                    continue;
                }
                if (required.contains(name)) {
                    replaceAndAdd("missing", field, "missing", null, true);
                    replaceAndAdd("null", field, "null", JsonNodeFactory.instance.nullNode(), false);
                }
                for (Map.Entry<String, JsonNode> bad : badValues(name, fieldSchema).entrySet()) {
                    replaceAndAdd(kindOf(bad.getKey()), field, bad.getKey(), bad.getValue(), false);
                }
                String t = typeOf(fieldSchema);
                if (t.equals("object")) {
                    walk(fieldSchema, field, depth + 1);
                } else if (t.equals("array")) {
                    JsonNode items = resolve(fieldSchema.path("items"));
                    if (typeOf(items).equals("object")) {
                        walk(items, field + "[0]", depth + 1);
                    } else {
                        for (Map.Entry<String, JsonNode> bad : badValues(name, items).entrySet()) {
                            if (!bad.getKey().startsWith("wrong type")) {
                                JsonNode one = JsonNodeFactory.instance.arrayNode().add(bad.getValue());
                                replaceAndAdd(kindOf(bad.getKey()), field, "item " + bad.getKey(), one, false);
                            }
                        }
                    }
                }
            }
        }

        private String kindOf(String mutation) {
            return mutation.startsWith("wrong type") ? "type" : mutation.split(" ")[0];
        }

        /** The valid body with the field at {@code field} removed ({@code value} null and remove) or replaced. */
        private void replaceAndAdd(String kind, String field, String label, JsonNode value, boolean remove) {
            JsonNode body = sample(firstJsonBody(), "body").deepCopy();
            String[] parts = field.split("\\.");
            JsonNode at = body;
            for (int i = 0; i < parts.length - 1; i++) {
                String part = parts[i];
                if (part.endsWith("[0]")) {
                    JsonNode arr = at.path(part.substring(0, part.length() - 3));
                    if (!arr.isArray() || arr.isEmpty()) {
                        return;
                    }
                    at = arr.get(0);
                } else {
                    at = at.path(part);
                }
            }
            if (!(at instanceof ObjectNode obj)) {
                return;
            }
            String leaf = parts[parts.length - 1];
            if (remove) {
                obj.remove(leaf);
            } else {
                obj.set(leaf, value);
            }
            add("field:" + kind, field + ": " + label, Map.of(), validQuery(), "application/json", bytes(body),
                    field, false);
        }

        /** Values that break the field's schema, by label. */
        private Map<String, JsonNode> badValues(String name, JsonNode schema) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            Map<String, JsonNode> bad = new LinkedHashMap<>();
            String type = typeOf(schema);
            String format = schema.path("format").asText("");
            if (!type.equals("string")) {
                bad.put("wrong type: string", f.textNode("abc"));
            }
            if (!type.equals("number") && !type.equals("integer")) {
                bad.put("wrong type: number", f.numberNode(12345));
            }
            if (!type.equals("object")) {
                bad.put("wrong type: object", f.objectNode().put("a", 1));
            }
            if (!type.equals("array")) {
                bad.put("wrong type: array", f.arrayNode().add("a"));
            }
            if (!type.equals("boolean")) {
                bad.put("wrong type: boolean", f.booleanNode(true));
            }
            switch (type) {
                case "string" -> {
                    int max = schema.path("maxLength").asInt(-1);
                    if (max > 0) {
                        bad.put("oversize maxLength+1", f.textNode("A".repeat(max + 1)));
                    }
                    bad.put("oversize 100000 characters", f.textNode("A".repeat(100_000)));
                    for (String c : CONTROL) {
                        bad.put("control " + c.codePointAt(c.length() > 1 && c.charAt(0) == 'a' ? 1 : 0),
                                f.textNode(c));
                    }
                    if (schema.has("enum")) {
                        bad.put("enum unknown value", f.textNode("NOT_A_VALUE"));
                    }
                    if (schema.has("enum") || breaksPattern(schema, VIETNAMESE) || isCodeFormat(format)) {
                        bad.put("text where a code is expected", f.textNode(VIETNAMESE));
                    }
                    if (format.equals("date")) {
                        bad.put("date 9999-99-99", f.textNode("9999-99-99"));
                    }
                    if (format.equals("date-time")) {
                        bad.put("date-time 9999-99-99T99:99", f.textNode("9999-99-99T99:99:99Z"));
                    }
                }
                case "integer", "number" -> {
                    bad.put("text where a number is expected", f.textNode(VIETNAMESE));
                    for (String v : List.of("2147483648", "9223372036854775807", "1e309", "-1", "0.1")) {
                        if (!isValidNumber(schema, v)) {
                            bad.put("number " + v, number(v));
                        }
                    }
                }
                default -> {
                }
            }
            return bad;
        }

        private JsonNode number(String v) {
            try {
                return new ObjectMapper().readTree(v.equals("1e309") ? "1e309" : v);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        // --------------------------------------------------------- schemas

        private JsonNode resolve(JsonNode node) {
            int guard = 0;
            while (node != null && node.has("$ref") && guard++ < 20) {
                String ref = node.get("$ref").asText();
                node = doc.at(ref.substring(1));
            }
            if (node != null && node.has("allOf") && !node.has("properties") && node.get("allOf").size() == 1) {
                return resolve(node.get("allOf").get(0));
            }
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        }

        private JsonNode allProperties(JsonNode schema) {
            ObjectNode props = JsonNodeFactory.instance.objectNode();
            if (schema.has("properties")) {
                props.setAll((ObjectNode) schema.get("properties"));
            }
            for (JsonNode part : schema.path("allOf")) {
                JsonNode r = resolve(part);
                if (r.has("properties")) {
                    props.setAll((ObjectNode) r.get("properties"));
                }
            }
            return props;
        }

        private List<String> allRequired(JsonNode schema) {
            List<String> req = new ArrayList<>();
            schema.path("required").forEach(r -> req.add(r.asText()));
            for (JsonNode part : schema.path("allOf")) {
                resolve(part).path("required").forEach(r -> req.add(r.asText()));
            }
            return req;
        }

        private String typeOf(JsonNode schema) {
            schema = resolve(schema);
            JsonNode t = schema.path("type");
            if (t.isArray()) {
                for (JsonNode x : t) {
                    if (!x.asText().equals("null")) {
                        return x.asText();
                    }
                }
            }
            if (t.isTextual()) {
                return t.asText();
            }
            if (schema.has("properties") || schema.has("allOf")) {
                return "object";
            }
            if (schema.has("enum")) {
                return "string";
            }
            return "";
        }

        /** A value that fits the schema: its example, its first enum value, or a plain value of its type. */
        private JsonNode sample(JsonNode schema, String name) {
            return sample(resolve(schema), name, 0);
        }

        private JsonNode sample(JsonNode schema, String name, int depth) {
            schema = resolve(schema);
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (schema.has("example")) {
                return schema.get("example");
            }
            if (schema.has("enum") && schema.get("enum").size() > 0) {
                return schema.get("enum").get(0);
            }
            String format = schema.path("format").asText("");
            switch (typeOf(schema)) {
                case "object" -> {
                    ObjectNode o = f.objectNode();
                    if (depth < 6) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = allProperties(schema).fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            if (!resolve(e.getValue()).path("readOnly").asBoolean()) {
                                o.set(e.getKey(), sample(e.getValue(), e.getKey(), depth + 1));
                            }
                        }
                    }
                    return o;
                }
                case "array" -> {
                    ArrayNode a = f.arrayNode();
                    if (depth < 6) {
                        a.add(sample(schema.path("items"), name, depth + 1));
                    }
                    return a;
                }
                case "integer", "number" -> {
                    long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                    return f.numberNode(Math.max(min, 1));
                }
                case "boolean" -> {
                    return f.booleanNode(false);
                }
                default -> {
                    String text = switch (format) {
                        case "date" -> "2026-03-02";
                        case "date-time" -> "2026-03-02T09:00:00+07:00";
                        case "uuid" -> "00000000-0000-4000-8000-000000000001";
                        case "time", "local-time", "partial-time" -> "08:00:00";
                        case "duration" -> "PT1H";
                        case "email" -> "hoa.nguyen@example.vn";
                        default -> name.toLowerCase().contains("period") ? "2026-03" : "A1";
                    };
                    return f.textNode(text);
                }
            }
        }
    }

    /** Row counts of the named tables (schema-qualified), to show that a sweep wrote nothing. */
    public static Map<String, Long> rowCounts(MotcuaTestInfra.Handles infra, String... tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, Sql.count(infra, "select count(*) from " + table));
        }
        return counts;
    }

    /** Whether the schema has a pattern that {@code text} does not match (JSON Schema patterns are unanchored). */
    private static boolean breaksPattern(JsonNode schema, String text) {
        if (!schema.has("pattern")) {
            return false;
        }
        try {
            return !Pattern.compile(schema.get("pattern").asText()).matcher(text).find();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isCodeFormat(String format) {
        return List.of("date", "date-time", "time", "local-time", "uuid", "email", "int32", "int64", "duration")
                .contains(format);
    }

    private static boolean codeLike(String name) {
        String n = name.toLowerCase();
        return n.endsWith("code") || n.endsWith("id") || n.equals("ref") || n.endsWith("unit") || n.equals("kid");
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
