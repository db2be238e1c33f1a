package vn.motcua.dossier.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.outbox.OutboxRelay;

import java.time.Clock;
import java.util.List;

/** Runs the outbox relay for the dossier events topic (keyed by dossier id, kept forever for replays). */
@ApplicationScoped
public class DossierOutbox {
    /** Identifies the dossier relay's advisory lock. */
    private static final long LOCK_ID = vn.motcua.support.AdvisoryLock.DOSSIER_OUTBOX_RELAY.id();

    private final OutboxRelay relay;

    public DossierOutbox(AgroalDataSource dataSource, Clock clock, MeterRegistry registry, Config config,
                         io.opentelemetry.api.OpenTelemetry telemetry) {
        this.relay = new OutboxRelay(dataSource, clock, registry, config, "dossier-outbox-relay", LOCK_ID,
                List.of(new OutboxRelay.TopicSpec(DossierTopics.EVENTS, DossierTopics.TOPIC_CONFIG)), telemetry);
    }

    void onStart(@Observes StartupEvent event) {
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }
}
