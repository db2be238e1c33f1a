package vn.motcua.reporting.projection;

import vn.motcua.reporting.domain.DossierFact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The facts a rebuild wrote lately, kept in memory between its batches so that the next batch folds on them without
 * reading them back. A rebuild is its twin tables' only writer (one at a time, under a lock held across replicas), so
 * a fact kept here is the row as committed; the events carry microsecond instants, which the database keeps as they
 * are, so a fact folded from memory and one read back are the same.
 *
 * <p>What a transaction folds is only kept once it commits: a fact is taken out when a batch loads it and comes back
 * when that batch commits, so a batch rolled back (whole, or one record under its savepoint) leaves nothing here that
 * the tables do not hold; the next batch reads those facts from the tables. The oldest facts go first when more than
 * {@code capacity} are kept. While nothing has gone (no eviction, no failure since the twin tables were created
 * empty), a dossier not kept here is not in the tables either, and the batch does not look for it there.
 *
 * <p>Used from the rebuild's own thread only.
 */
final class FactMemory {
    /** A fact as committed, with its handling steps as written (what the next write compares with). */
    record Kept(DossierFact fact, List<DossierFact.Step> steps) {
    }

    private final int capacity;
    private final LinkedHashMap<UUID, Kept> committed = new LinkedHashMap<>();
    private final Map<UUID, Kept> pending = new LinkedHashMap<>(); // in the order written: the last go last
    private boolean complete = true;

    FactMemory(int capacity) {
        this.capacity = capacity;
    }

    /** The fact kept for this dossier, taken out (it comes back if the batch that folds it commits); null if none. */
    Kept take(UUID dossierId) {
        Kept k = pending.remove(dossierId);
        return k != null ? k : committed.remove(dossierId);
    }

    /** Whether every fact of the twin tables is kept here: a dossier not kept is then not in the tables either. */
    boolean complete() {
        return complete && capacity > 0;
    }

    /** A fact this batch wrote (or loaded and left as it was): kept if the batch commits. */
    void written(DossierFact fact) {
        fact.newNotices.clear(); // written with this batch
        pending.put(fact.dossierId, new Kept(fact, List.copyOf(fact.steps)));
    }

    void committed() {
        if (capacity <= 0) {
            pending.clear();
            return;
        }
        committed.putAll(pending);
        pending.clear();
        var oldest = committed.entrySet().iterator();
        while (committed.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
            complete = false;
        }
    }

    /**
     * A fold failed and its savepoint is rolled back: what it took is in the tables as before (and is read from
     * there); what earlier folds of the same transaction wrote is still to be kept.
     */
    void foldFailed() {
        complete = false;
    }

    /** The transaction did not commit: everything it took or wrote is read from the tables again. */
    void rolledBack() {
        complete = false;
        pending.clear();
    }

    int size() {
        return committed.size();
    }
}
