package vn.motcua.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in for an OpenTelemetry collector: a real HTTP server that takes OTLP over HTTP (protobuf, POST
 * {@code /v1/traces}) as a collector does, refuses anything else (415 for another content type, 400 for a body that
 * is not an export request) and keeps every span it received, to follow a trace across the services.
 */
final class OtlpCollector implements AutoCloseable {

    /** A received span: the service that sent it, its trace, its name and kind, its attributes as text. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                        Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/v1/traces", collector::traces);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the services are given as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    List<String> refused() {
        return refused;
    }

    private void traces(HttpExchange x) throws IOException {
        try (x) {
            String type = x.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(x.getRequestMethod()) || type == null || !type.startsWith("application/x-protobuf")) {
                refused.add(x.getRequestMethod() + " " + type);
                x.sendResponseHeaders(415, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(x.getRequestBody().readAllBytes());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                refused.add("not an export request: " + e.getMessage());
                x.sendResponseHeaders(400, -1);
                return;
            }
            HexFormat hex = HexFormat.of();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = attributes(rs.getResource().getAttributesList()).getOrDefault("service.name", "?");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ss.getSpansList().forEach(s -> spans.add(new ReceivedSpan(service,
                            hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(),
                            attributes(s.getAttributesList()))));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            x.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            x.sendResponseHeaders(200, answer.length);
            x.getResponseBody().write(answer);
        }
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> {
            var v = kv.getValue();
            return v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? String.valueOf(v.getIntValue())
                    : v.hasBoolValue() ? String.valueOf(v.getBoolValue()) : v.toString();
        }, (a, b) -> b));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
