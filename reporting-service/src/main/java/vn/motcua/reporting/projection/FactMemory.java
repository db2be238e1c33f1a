package vn.motcua.reporting.projection;

import vn.motcua.reporting.domain.DossierFact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A rebuild's facts, folded in memory across its batches and written to its twin tables once rather than at every
 * batch: a fact is written when it leaves the memory (the oldest go when more than {@code capacity} are kept) and,
 * for all that are left, when the rebuild has caught up. A rebuild is its twin tables' only writer (one at a time,
 * under a lock held across replicas), so the tables, the kept facts and the checkpoint, all as of the last commit,
 * are together the rebuild's state: a fact is either kept here (newer than its row, if "dirty") or its row is
 * current. The events carry microsecond instants, which the database keeps as they are, so a fact folded from
 * memory and one read back from its row are the same.
 *
 * <p>A batch folds copies ({@link #take}); what it folded, and which kept facts it wrote and let go, count only once
 * it commits. A batch that fails (whole, or one record under its savepoint) leaves the kept facts as they were: the
 * last commit's, which the tables and the checkpoint agree with. While no fact has been let go since the twin
 * tables were created empty, a dossier not kept here has no row either, and a batch does not look for it.
 *
 * <p>Used from the rebuild's own thread only.
 */
final class FactMemory {
    /**
     * A kept fact, its handling steps as its row holds them, whether the fact is newer than its row, and whether it
     * has a row at all (one without is written by a plain COPY into the twin tables, with nothing to merge).
     */
    record Kept(DossierFact fact, List<DossierFact.Step> written, boolean dirty, boolean hasRow) {
    }

    private final int capacity;
    /** As of the last commit; in the order last folded, the oldest first. */
    private final LinkedHashMap<UUID, Kept> committed = new LinkedHashMap<>();
    /** Folded by the open transaction. */
    private final LinkedHashMap<UUID, Kept> pending = new LinkedHashMap<>();
    /** Written by the open transaction (their rows are current once it commits). */
    private final Set<UUID> writing = new HashSet<>();
    /** Let go by the open transaction, after their rows were written. */
    private final Set<UUID> leaving = new HashSet<>();
    private boolean complete = true;

    FactMemory(int capacity) {
        this.capacity = capacity;
    }

    /**
     * A copy of the fact kept for this dossier, to fold on (the kept one stays as it is until the fold commits);
     * null if none is kept.
     */
    Kept take(UUID dossierId) {
        Kept k = pending.get(dossierId);
        if (k == null) {
            k = committed.get(dossierId);
        }
        return k == null ? null : new Kept(k.fact().copy(), k.written(), k.dirty(), k.hasRow());
    }

    /** Whether every fact the twin tables hold is kept here: a dossier not kept then has no row. */
    boolean complete() {
        return complete;
    }

    /** A fact the open transaction folded (or took and left as it was), with its row's steps, if it has a row. */
    void folded(DossierFact fact, List<DossierFact.Step> written, boolean dirty, boolean hasRow) {
        pending.remove(fact.dossierId); // to the end: folded last
        pending.put(fact.dossierId, new Kept(fact, written, dirty, hasRow));
    }

    /**
     * Before the open transaction commits: the facts whose rows it must write, newest state first taken from this
     * transaction's folds. All the dirty ones when {@code all} (the rebuild has caught up: its tables must be whole
     * before it swaps); otherwise the dirty ones among those that leave the memory to keep it within its capacity.
     */
    List<Kept> toWrite(boolean all) {
        // in the order the memory will hold them after the commit (the kept ones not folded again, then this
        // transaction's folds), without copying it: while replaying only the oldest few leave, so the walk stops there
        int size = committed.size();
        for (UUID id : pending.keySet()) {
            if (!committed.containsKey(id)) {
                size++;
            }
        }
        int over = size - capacity;
        List<Kept> out = new ArrayList<>();
        for (Map.Entry<UUID, Kept> e : committed.entrySet()) {
            if (over <= 0 && !all) {
                return out;
            }
            if (!pending.containsKey(e.getKey())) {
                over = consider(e.getKey(), e.getValue(), over, all, out);
            }
        }
        for (Map.Entry<UUID, Kept> e : pending.entrySet()) {
            if (over <= 0 && !all) {
                return out;
            }
            over = consider(e.getKey(), e.getValue(), over, all, out);
        }
        return out;
    }

    /** One fact in the order above: it leaves while some must; its row is written if it leaves or all are. */
    private int consider(UUID id, Kept kept, int over, boolean all, List<Kept> out) {
        boolean leaves = over > 0;
        if (leaves) {
            leaving.add(id);
        }
        if ((leaves || all) && kept.dirty()) {
            out.add(kept);
            writing.add(id);
        }
        return over - 1;
    }

    void committed() {
        for (Map.Entry<UUID, Kept> e : pending.entrySet()) {
            committed.remove(e.getKey());
            committed.put(e.getKey(), e.getValue());
        }
        for (UUID id : writing) {
            Kept k = committed.get(id);
            if (k != null) {
                k.fact().newNotices.clear(); // written with the row
                committed.put(id, new Kept(k.fact(), List.copyOf(k.fact().steps), false, true));
            }
        }
        for (UUID id : leaving) {
            committed.remove(id);
            complete = false;
        }
        clearOpen();
    }

    /** The transaction did not commit: the kept facts stay the last commit's, as the tables do. */
    void rolledBack() {
        clearOpen();
    }

    private void clearOpen() {
        pending.clear();
        writing.clear();
        leaving.clear();
    }

    int size() {
        return committed.size();
    }

    /** How many kept facts are newer than their rows. */
    long dirty() {
        return committed.values().stream().filter(Kept::dirty).count();
    }
}
