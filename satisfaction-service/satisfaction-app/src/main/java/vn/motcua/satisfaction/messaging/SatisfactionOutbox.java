package vn.motcua.satisfaction.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import vn.motcua.satisfaction.events.SatisfactionTopics;
import vn.motcua.outbox.OutboxRelay;

import java.time.Clock;
import java.util.List;

/** Runs the outbox relay for the satisfaction events topic (keyed by dossier id, kept forever for replays). */
@ApplicationScoped
public class SatisfactionOutbox {
    /** Identifies the satisfaction relay's advisory lock. */
    private static final long LOCK_ID = vn.motcua.support.AdvisoryLock.SATISFACTION_OUTBOX_RELAY.id();

    private final OutboxRelay relay;

    public SatisfactionOutbox(AgroalDataSource dataSource, Clock clock, MeterRegistry registry, Config config,
                         io.opentelemetry.api.OpenTelemetry telemetry) {
        this.relay = new OutboxRelay(dataSource, clock, registry, config, "satisfaction-outbox-relay", LOCK_ID,
                List.of(new OutboxRelay.TopicSpec(SatisfactionTopics.EVENTS, SatisfactionTopics.TOPIC_CONFIG)), telemetry);
    }

    void onStart(@Observes StartupEvent event) {
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }
}
