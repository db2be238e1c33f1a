package vn.motcua.catalog.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.outbox.OutboxRelay;

import java.time.Clock;
import java.util.Map;

/** Runs the outbox relay for the catalog's compacted current-state topics. */
@ApplicationScoped
public class CatalogOutbox {
    /** Identifies the catalog relay's advisory lock. */
    private static final long LOCK_ID = vn.motcua.support.AdvisoryLock.CATALOG_OUTBOX_RELAY.id();

    private final OutboxRelay relay;

    public CatalogOutbox(AgroalDataSource dataSource, Clock clock, MeterRegistry registry, Config config,
                         io.opentelemetry.api.OpenTelemetry telemetry) {
        this.relay = new OutboxRelay(dataSource, clock, registry, config, "catalog-outbox-relay", LOCK_ID,
                CatalogTopics.ALL.stream()
                        .map(t -> new OutboxRelay.TopicSpec(t,
                                Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")))
                        .toList(), telemetry);
    }

    void onStart(@Observes StartupEvent event) {
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }
}
