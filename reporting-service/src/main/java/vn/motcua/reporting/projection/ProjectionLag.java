package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many events each live projection is behind its topics (end offsets minus the stored checkpoint), as the
 * gauge {@code motcua_projection_lag_events} and in readiness: a replica whose views are too far behind is not
 * ready, so it gets no traffic while it catches up.
 */
@ApplicationScoped
@Readiness
@jakarta.enterprise.inject.Default
public class ProjectionLag implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(ProjectionLag.class);

    private final Projections projections;
    private final DataSource dataSource;
    private final String bootstrap;
    private final long maxLag;
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private volatile String error = "not measured yet";
    private volatile Admin admin;

    public ProjectionLag(Projections projections, DataSource dataSource, MeterRegistry metrics,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                         @ConfigProperty(name = "motcua.reporting.readiness.max-lag-events", defaultValue = "1000")
                         long maxLag) {
        this.projections = projections;
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
        this.maxLag = maxLag;
        for (String name : projections.all().keySet()) {
            Gauge.builder("motcua.projection.lag.events", lag, m -> m.getOrDefault(name, -1L))
                    .description("events published but not yet in the projection's views (-1: not measured)")
                    .tag("projection", name).register(metrics);
        }
    }

    /** The last measured lag per projection. */
    public Map<String, Long> lag() {
        return Map.copyOf(lag);
    }

    @Scheduled(every = "${motcua.reporting.lag-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void measure() {
        try (Connection c = dataSource.getConnection()) {
            Admin a = admin();
            for (Projection p : projections.all().values()) {
                Map<TopicPartition, Long> end = endOffsets(a, p.topics());
                Map<TopicPartition, Long> at = ProjectionRunner.read(c, p.name());
                long behind = 0;
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    behind += Math.max(0, e.getValue() - at.getOrDefault(e.getKey(), 0L));
                }
                lag.put(p.name(), behind);
            }
            error = null;
        } catch (Exception e) {
            error = e.toString();
            LOG.debugf("lag not measured: %s", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin a, List<String> topics) throws Exception {
        Map<String, TopicDescription> described = new HashMap<>();
        for (String t : topics) {
            try {
                described.putAll(a.describeTopics(List.of(t)).allTopicNames().get(5, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                // a topic nobody has published to yet: nothing to be behind on
            }
        }
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(
                p -> ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (ask.isEmpty()) {
            return out;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = a.listOffsets(ask).all().get(5, TimeUnit.SECONDS);
        r.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 5000,
                    "default.api.timeout.ms", 10000));
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("projections");
        boolean up = error == null && !lag.isEmpty();
        for (Map.Entry<String, Long> e : lag.entrySet()) {
            b.withData(e.getKey() + ".lagEvents", e.getValue());
            up &= e.getValue() <= maxLag;
        }
        b.withData("maxLagEvents", maxLag);
        if (error != null) {
            b.withData("error", error);
        }
        return b.status(up).build();
    }
}
