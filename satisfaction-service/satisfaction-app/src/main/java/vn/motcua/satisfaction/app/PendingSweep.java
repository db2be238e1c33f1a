package vn.motcua.satisfaction.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import vn.motcua.consumer.SessionConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.motcua.satisfaction.store.Locks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Decides waiting ratings that the returned event did not: those whose grace period ended (refused with the reason:
 * dossier unknown, or not returned), and any whose dossier is no longer open (a safety net; the dossier view
 * consumer normally decides them at once).
 */
@ApplicationScoped
public class PendingSweep {
    private static final Logger LOG = Logger.getLogger(PendingSweep.class);
    private static final int BATCH = 500;

    private final Ratings ratings;
    private final Clock clock;

    public PendingSweep(Ratings ratings, Clock clock) {
        this.ratings = ratings;
        this.clock = clock;
    }

    @Scheduled(every = "${motcua.rating.pending-scan-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "pending-ratings")
    Uni<Void> scheduled() {
        return sweep().invoke(n -> {
            if (n > 0) {
                LOG.infof("pending sweep: %d waiting rating(s) decided", n);
            }
        }).replaceWithVoid();
    }

    /** @return how many waiting ratings were decided. Callable from any thread (an operator's job, a test). */
    public Uni<Integer> sweep() {
        if (VertxContext.isOnDuplicatedContext()) {
            return sweepOnContext();
        }
        return Uni.createFrom().emitter(em -> VertxContextSupport.subscribe(() -> sweepOnContext().toMulti(),
                s -> s.with(em::complete, em::fail)));
    }

    private Uni<Integer> sweepOnContext() {
        return due().chain(codes -> Multi.createFrom().iterable(codes)
                .onItem().transformToUniAndConcatenate(code -> Panache.withTransaction(() -> Locks.dossier(code)
                        .chain(() -> ratings.dossierByCode(code))
                        .chain(view -> ratings.resolvePending(code, view == null ? null : view.info()))))
                .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<List<String>> due() {
        // on the session's connection, not as a Hibernate native query: see SessionConnection
        return Panache.withSession(() -> SessionConnection.select(
                        "select distinct r.dossier_code from rating r left join dossier_view v on v.dossier_code = r.dossier_code"
                                + " where r.status = 'PENDING' and (r.pending_until <= $1 or v.state <> 'OPEN')"
                                + " limit " + BATCH, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .map(rows -> rows.stream().map(r -> (String) r[0]).toList()));
    }
}
