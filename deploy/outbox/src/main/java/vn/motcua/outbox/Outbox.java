package vn.motcua.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Adds an event to the outbox in the caller's transaction: the change and its announcement commit together or not
 * at all, and the relay publishes it afterwards, keyed by {@code key}, with the trace of the command that wrote it.
 */
@ApplicationScoped
public class Outbox {

    public Uni<Void> append(UUID eventId, String topic, String key, String eventType, String payload, Instant now) {
        OutboxEntity row = new OutboxEntity();
        row.eventId = eventId;
        row.topic = topic;
        row.recordKey = key;
        row.eventType = eventType;
        row.payload = payload;
        row.createdAt = now;
        row.traceParent = currentTraceParent();
        return row.persist().replaceWithVoid();
    }

    /**
     * The trace an outbox row carries: the current span's W3C traceparent, or null outside a trace. For a service
     * that writes its outbox rows with its own statement (dossier-service's one-statement append).
     */
    public static String currentTraceParent() {
        return traceParent(Span.current().getSpanContext());
    }

    /** The W3C traceparent of a span, or null when there is no valid trace. */
    static String traceParent(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
