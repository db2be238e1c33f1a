package vn.motcua.dossier.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.dossier.store.DossierViewEntity;
import vn.motcua.dossier.store.IdempotencyEntity;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends DossierOverdue when a due passes without a result, without anyone touching the dossier. It asks the read
 * table which running dossiers are past due (so it also catches up after downtime) and runs the overdue command on
 * each: the event carries the due instant itself. With several instances, each dossier is appended to once: the
 * rules refuse a second Overdue and the versioned append lets one writer win.
 */
@ApplicationScoped
public class OverdueWatcher {
    private static final Logger LOG = Logger.getLogger(OverdueWatcher.class);

    /** Bounds one scan; the next scan goes on where this one stopped. */
    private static final int MAX_BATCHES_PER_SCAN = 100;

    private final DossierCommands commands;
    private final Clock clock;
    private final int batchSize;
    private final Duration idempotencyRetention;

    public OverdueWatcher(DossierCommands commands, Clock clock,
                          @ConfigProperty(name = "motcua.overdue.batch-size", defaultValue = "200") int batchSize,
                          @ConfigProperty(name = "motcua.idempotency.retention", defaultValue = "P1D") Duration idempotencyRetention) {
        this.commands = commands;
        this.clock = clock;
        this.batchSize = batchSize;
        this.idempotencyRetention = idempotencyRetention;
    }

    @Scheduled(every = "${motcua.overdue.scan-interval:15s}", delayed = "${motcua.overdue.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "overdue-watcher")
    Uni<Void> scheduled() {
        return scan().invoke(n -> {
            if (n > 0) {
                LOG.infof("overdue watcher: %d dossier(s) became overdue", n);
            }
        }).replaceWithVoid();
    }

    /**
     * Marks every dossier whose due has passed. Callable from any thread (an operator's job, a test): off a Vert.x
     * context it runs on a new one, which the reactive sessions need.
     *
     * @return how many were marked by this call
     */
    public Uni<Integer> scan() {
        if (VertxContext.isOnDuplicatedContext()) {
            return scanOnContext();
        }
        return Uni.createFrom().emitter(em -> VertxContextSupport.subscribe(() -> scanOnContext().toMulti(),
                s -> s.with(em::complete, em::fail)));
    }

    private Uni<Integer> scanOnContext() {
        AtomicInteger marked = new AtomicInteger();
        return Multi.createBy().repeating().uni(() -> batch().chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(commands::markOverdue)
                        .collect().asList().map(results -> {
                            results.forEach(r -> {
                                if (r) {
                                    marked.incrementAndGet();
                                }
                            });
                            return ids.size();
                        })))
                .whilst(n -> n == batchSize).select().first(MAX_BATCHES_PER_SCAN).collect().last()
                .replaceWith(marked::get);
    }

    private Uni<java.util.List<UUID>> batch() {
        return Panache.withSession(() -> DossierViewEntity.<DossierViewEntity>find(
                        "clockRunning = true and overdue = false and dueAt <= ?1 order by dueAt", clock.instant())
                .page(Page.ofSize(batchSize)).list()
                .map(rows -> rows.stream().map(r -> r.dossierId).toList()));
    }

    /** Answers kept for Idempotency-Key retries are dropped after the retention period. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "idempotency-cleanup")
    Uni<Void> dropOldIdempotencyKeys() {
        return Panache.withTransaction(() -> IdempotencyEntity.delete("createdAt < ?1",
                clock.instant().minus(idempotencyRetention))).replaceWithVoid();
    }
}
