package vn.motcua.dossier.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.DossierViewEntity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds the read table from the event store, dossier by dossier (after a change of its shape, or a repair). Each
 * dossier is one transaction that locks its row before reading the stream, so a command running at the same time is
 * either already in the stream or writes its state after: the row never goes back.
 */
@ApplicationScoped
public class ReadTableRebuild {
    private static final int PAGE = 500;
    private static final UUID FIRST = new UUID(0, 0);

    private final DossierStore store;
    private final ViewProjector projector;
    private final Clock clock;

    public ReadTableRebuild(DossierStore store, ViewProjector projector, Clock clock) {
        this.store = store;
        this.projector = projector;
        this.clock = clock;
    }

    /** @return how many dossiers were rebuilt */
    public Uni<Integer> rebuild() {
        AtomicInteger done = new AtomicInteger();
        UUID[] after = {FIRST};
        return Multi.createBy().repeating().uni(() -> page(after[0]).chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    after[0] = ids.get(ids.size() - 1);
                    return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::rebuildOne)
                            .collect().asList().invoke(x -> done.addAndGet(ids.size())).replaceWith(ids.size());
                }))
                .whilst(n -> n == PAGE).collect().last().replaceWith(done::get);
    }

    private Uni<List<UUID>> page(UUID after) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createQuery(
                        "select distinct e.dossierId from EventEntity e where e.dossierId > :after order by e.dossierId",
                        UUID.class).setParameter("after", after).setMaxResults(PAGE).getResultList()));
    }

    private Uni<Void> rebuildOne(UUID id) {
        return Panache.withTransaction(() -> DossierViewEntity.<DossierViewEntity>findById(id,
                        LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> store.load(id).chain(stream -> projector.project(id, stream.state(), stream.version(),
                        row == null ? null : row.sourceKey, clock.instant()))));
    }
}
