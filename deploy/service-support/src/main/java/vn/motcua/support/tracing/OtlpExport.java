package vn.motcua.support.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the spans go: to an OpenTelemetry collector over OTLP (HTTP, protobuf) when {@code motcua.otlp.endpoint}
 * (the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}) names one, nowhere otherwise. Tracing itself always runs, so
 * every log line carries its trace id and the trace travels from REST through the outbox and Kafka into every
 * consumer even where no collector is installed. (Quarkus' own exporter always targets an endpoint, localhost:4317
 * by default, and complains on every export where none listens; it is switched off in the parent pom.)
 */
public class OtlpExport {
    private static final Logger LOG = Logger.getLogger(OtlpExport.class);

    @Produces
    @Singleton
    @Unremovable // OpenTelemetry collects its span processors by a lookup that bean removal cannot see
    SpanProcessor export(@ConfigProperty(name = "motcua.otlp.endpoint") Optional<String> endpoint) {
        Optional<String> configured = endpoint.map(String::strip).filter(e -> !e.isEmpty());
        if (configured.isEmpty()) {
            return SpanProcessor.composite();
        }
        String e = configured.get();
        String traces = e.endsWith("/v1/traces") ? e : e.replaceAll("/+$", "") + "/v1/traces";
        LOG.infof("traces exported over OTLP to %s", traces);
        return BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(traces)
                .setTimeout(Duration.ofSeconds(10)).build()).setScheduleDelay(Duration.ofSeconds(1)).build();
    }
}
