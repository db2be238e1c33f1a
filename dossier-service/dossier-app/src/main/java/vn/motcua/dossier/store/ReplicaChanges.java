package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells every dossier-service instance that the catalog replica changed, so each may keep the replica in memory.
 * The consumer group that writes the replica is shared, so one instance writes a change and all must hear of it:
 * the writing transaction sends a PostgreSQL NOTIFY (delivered at commit, to every listener) and each instance
 * LISTENs. A memory copy is trusted only while this instance is listening on the connection it subscribed on: a
 * notification missed while the connection was down cannot leave a stale copy behind, because reconnecting starts a
 * new generation and the copy is read again.
 */
@ApplicationScoped
public class ReplicaChanges {
    private static final Logger LOG = Logger.getLogger(ReplicaChanges.class);
    static final String CHANNEL = "dossier_catalog_replica";

    private final Vertx vertx;
    private final boolean enabled;
    private final String url;
    private final String user;
    private final String password;
    /** Moves on every change and every (re)subscription: a copy read under an older generation is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private volatile PgSubscriber subscriber;
    /** The connection the LISTEN was last confirmed on; null until then. */
    private volatile Object listeningOn;

    public ReplicaChanges(Vertx vertx,
                          @ConfigProperty(name = "motcua.catalog-replica.memory.enabled", defaultValue = "true")
                          boolean enabled,
                          @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") String user,
                          @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.enabled = enabled;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
        PgSubscriber s = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> 1_000L); // keep trying; the copy is bypassed meanwhile
        s.channel(CHANNEL)
                .subscribeHandler(() -> {
                    PgConnection c = s.actualConnection();
                    listeningOn = c == null ? null : c.getDelegate();
                    changed();
                })
                .handler(payload -> changed());
        subscriber = s;
        s.connect().subscribe().with(ok -> { }, e -> LOG.warnf("catalog replica changes: not listening yet (%s); "
                + "the replica is read from the database meanwhile", e.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        PgSubscriber s = subscriber;
        listeningOn = null;
        if (s != null) {
            s.close().subscribe().with(ok -> { }, e -> { });
        }
    }

    /** The current generation, or -1 when a memory copy must not be trusted (not listening). */
    public long generation() {
        PgSubscriber s = subscriber;
        Object on = listeningOn;
        if (s == null || on == null) {
            return -1;
        }
        PgConnection c = s.actualConnection();
        return c != null && c.getDelegate() == on ? generation.get() : -1;
    }

    /** Marks every memory copy stale (this instance's own writes, before and after their commit). */
    public void changed() {
        generation.incrementAndGet();
    }

    /** Announces a change to every instance when the caller's transaction commits. Call inside it. */
    public Uni<Void> announce(String topic) {
        changed();
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_notify(:channel, :topic)", Integer.class)
                        .setParameter("channel", CHANNEL).setParameter("topic", topic).getSingleResult())
                .replaceWithVoid();
    }
}
