package vn.motcua.consumer;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness detail of the consumers: what each has parked and whether it waits on a transient failure. Always UP:
 * a parked stream or a dead letter concerns one dossier, not the service, and must not take the service's REST API
 * away (the database check says whether the service can work at all).
 */
@Readiness
@ApplicationScoped
public class ConsumersHealth implements AsyncHealthCheck {
    private final Consumers consumers;
    private final ParkedStore store;

    public ConsumersHealth(Consumers consumers, ParkedStore store) {
        this.consumers = consumers;
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.counts().map(counts -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("consumers").up();
            for (Map.Entry<String, Consumers.Registered> e : consumers.registered().entrySet()) {
                ParkedStore.Count n = counts.stream().filter(c -> c.consumer().equals(e.getKey())).findFirst()
                        .orElse(new ParkedStore.Count(e.getKey(), 0, 0, 0));
                String waiting = e.getValue().status().waitingReason().map(r -> "; waiting: " + r).orElse("");
                b.withData(e.getKey(), n.events() + " parked in " + n.streams() + " streams (" + n.deadLetters()
                        + " dead letters)" + waiting);
            }
            return b.build();
        }).onFailure().recoverWithItem(t -> HealthCheckResponse.named("consumers").up()
                .withData("parked", "unknown: " + t.getMessage()).build());
    }
}
