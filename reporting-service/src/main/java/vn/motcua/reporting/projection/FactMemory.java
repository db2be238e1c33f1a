package vn.motcua.reporting.projection;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.PrimitiveSink;
import vn.motcua.reporting.domain.DossierFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A rebuild's facts, folded in memory across its batches and written to its twin tables once rather than at every
 * batch: a fact is written when it leaves the memory and, for all that are left, when the rebuild has caught up. A
 * rebuild is its twin tables' only writer (one at a time, under a lock held across replicas), so the tables, the kept
 * facts and the checkpoint, all as of the last commit, are together the rebuild's state: a fact is either kept here
 * (newer than its row, if "dirty") or its row is current. The events carry microsecond instants, which the database
 * keeps as they are, so a fact folded from memory and one read back from its row are the same.
 *
 * <p>Two parts, in the order last folded: the newest {@code capacity} facts as objects, ready to fold; older ones,
 * up to {@code compactBytes}, as {@link FactBytes} (a few hundred bytes each instead of more than a kilobyte), so the
 * memory holds a dossier's whole life at a country's rate (weeks of receptions) in the heap of a few days'. A fact
 * leaves when the compact part is full, the oldest first; a fact whose row is read back from the tables is read, and
 * later merged, by PostgreSQL, which costs many times its decoding here. A dossier not kept is looked for in the
 * tables only if its fact may have left ({@link #mayHaveRow}).
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

    /** A kept fact in its compact form; the flags as {@link Kept}'s. */
    private record Compact(byte[] bytes, boolean dirty, boolean hasRow) {
        /** What it takes of the heap: its bytes, the array's header, this record and its entry in the map. */
        long size() {
            return bytes.length + 16 + 24 + 40;
        }
    }

    private final int capacity;
    private final long compactBytes;
    private final FactBytes codec = new FactBytes();
    /** As of the last commit: the newest facts, in the order last folded, the oldest first. */
    private final LinkedHashMap<UUID, Kept> committed = new LinkedHashMap<>();
    /** As of the last commit: facts older than all of {@link #committed}, compact, the oldest first. */
    private final LinkedHashMap<UUID, Compact> compact = new LinkedHashMap<>();
    private long compactSize;
    /** Folded by the open transaction. */
    private final LinkedHashMap<UUID, Kept> pending = new LinkedHashMap<>();
    /** Written by the open transaction (their rows are current once it commits), with the state written. */
    private final Map<UUID, DossierFact> writing = new HashMap<>();
    /** Let go by the open transaction, after their rows were written. */
    private final Set<UUID> leaving = new HashSet<>();
    /** Moved by the open transaction from the objects to the compact part (its newest end), in order. */
    private final LinkedHashMap<UUID, Compact> compacting = new LinkedHashMap<>();
    private boolean complete = true;
    /**
     * The dossiers whose facts have left the memory: only they can have a row that is not kept here. Bloom filters
     * of {@link #FILTERED} dossiers each (about 1.2 MB), one more when the last is full: a false "may" costs a
     * lookup that finds nothing, where without them every dossier not kept was looked for once any fact had left.
     */
    private final List<BloomFilter<UUID>> letGoIds = new ArrayList<>();
    private long inLastFilter;
    static final int FILTERED = 1_000_000;
    private long peakCompactSize;
    private long expanded;
    private long letGo;

    FactMemory(int capacity) {
        this(capacity, 0);
    }

    FactMemory(int capacity, long compactBytes) {
        this.capacity = capacity;
        this.compactBytes = compactBytes;
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
        if (k == null) {
            Compact c = compact.get(dossierId);
            return c == null ? null : expand(c);
        }
        return new Kept(k.fact().copy(), k.written(), k.dirty(), k.hasRow());
    }

    private Kept expand(Compact c) {
        expanded++;
        FactBytes.Decoded d = codec.decode(c.bytes());
        return new Kept(d.fact(), d.written(), c.dirty(), c.hasRow());
    }

    /** Whether every fact the twin tables hold is kept here: a dossier not kept then has no row. */
    boolean complete() {
        return complete;
    }

    /** Whether a dossier not kept here may have a row in the twin tables (false: it has none). */
    boolean mayHaveRow(UUID dossierId) {
        if (complete) {
            return false;
        }
        for (BloomFilter<UUID> f : letGoIds) {
            if (f.mightContain(dossierId)) {
                return true;
            }
        }
        return false;
    }

    private void letGo(UUID id) {
        if (letGoIds.isEmpty() || inLastFilter >= FILTERED) {
            letGoIds.add(BloomFilter.create((UUID u, PrimitiveSink into) -> into
                    .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()), FILTERED, 0.01));
            inLastFilter = 0;
        }
        letGoIds.get(letGoIds.size() - 1).put(id);
        inLastFilter++;
    }

    /** A fact the open transaction folded (or took and left as it was), with its row's steps, if it has a row. */
    void folded(DossierFact fact, List<DossierFact.Step> written, boolean dirty, boolean hasRow) {
        pending.remove(fact.dossierId); // to the end: folded last
        pending.put(fact.dossierId, new Kept(fact, written, dirty, hasRow));
    }

    /**
     * Before the open transaction commits: the facts whose rows it must write, newest state first taken from this
     * transaction's folds. All the dirty ones when {@code all} (the rebuild has caught up: its tables must be whole
     * before it swaps); otherwise the dirty ones among those that leave the memory to keep it within its bounds.
     * Also decides which objects become compact at the commit.
     */
    List<Kept> toWrite(boolean all) {
        // in the order the memory will hold them after the commit: the compact ones not folded again, the objects not
        // folded again, then this transaction's folds. The oldest objects over the capacity become compact; then
        // the oldest compact ones over the bytes leave. While replaying only the oldest few move, so the walks stop
        List<Kept> out = new ArrayList<>();
        int objects = committed.size();
        long compactAfter = compactSize;
        for (UUID id : pending.keySet()) {
            if (!committed.containsKey(id)) {
                objects++;
            }
            Compact c = compact.get(id);
            if (c != null) {
                compactAfter -= c.size(); // folded again: an object once more
            }
        }
        int over = objects - capacity;
        for (Map.Entry<UUID, Kept> e : committed.entrySet()) {
            if (over <= 0) {
                break;
            }
            if (!pending.containsKey(e.getKey())) {
                compactAfter += compacting(e.getKey(), e.getValue());
                over--;
            }
        }
        for (Map.Entry<UUID, Kept> e : pending.entrySet()) {
            if (over <= 0) {
                break;
            }
            compactAfter += compacting(e.getKey(), e.getValue());
            over--;
        }
        long excess = compactAfter - compactBytes;
        for (Map.Entry<UUID, Compact> e : compact.entrySet()) {
            if (excess <= 0) {
                break;
            }
            if (!pending.containsKey(e.getKey())) {
                excess -= e.getValue().size();
                leaves(e.getKey(), e.getValue().dirty() ? expand(e.getValue()) : null, out);
            }
        }
        for (var it = compacting.entrySet().iterator(); excess > 0 && it.hasNext(); ) {
            Map.Entry<UUID, Compact> e = it.next();
            excess -= e.getValue().size();
            it.remove();
            Kept k = pending.containsKey(e.getKey()) ? pending.get(e.getKey()) : committed.get(e.getKey());
            leaves(e.getKey(), k.dirty() ? k : null, out);
        }
        if (all) {
            for (Map.Entry<UUID, Compact> e : compact.entrySet()) {
                if (e.getValue().dirty() && !pending.containsKey(e.getKey()) && !leaving.contains(e.getKey())) {
                    write(e.getKey(), expand(e.getValue()), out);
                }
            }
            for (Map.Entry<UUID, Kept> e : committed.entrySet()) {
                if (e.getValue().dirty() && !pending.containsKey(e.getKey()) && !leaving.contains(e.getKey())) {
                    write(e.getKey(), e.getValue(), out);
                }
            }
            for (Map.Entry<UUID, Kept> e : pending.entrySet()) {
                if (e.getValue().dirty() && !leaving.contains(e.getKey())) {
                    write(e.getKey(), e.getValue(), out);
                }
            }
        }
        return out;
    }

    /** An object that becomes compact at the commit; returns what it will take of the compact part. */
    private long compacting(UUID id, Kept k) {
        Compact c = new Compact(codec.encode(k.fact(), k.written()), k.dirty(), k.hasRow());
        compacting.put(id, c);
        return c.size();
    }

    /** A fact that leaves at the commit; its row is written if it is newer (then {@code k} is given). */
    private void leaves(UUID id, Kept k, List<Kept> out) {
        leaving.add(id);
        if (k != null) {
            write(id, k, out);
        }
    }

    private void write(UUID id, Kept k, List<Kept> out) {
        out.add(k);
        writing.put(id, k.fact());
    }

    void committed() {
        for (Map.Entry<UUID, Kept> e : pending.entrySet()) {
            committed.remove(e.getKey());
            dropCompact(e.getKey());
            committed.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<UUID, Compact> e : compacting.entrySet()) {
            committed.remove(e.getKey());
            compact.put(e.getKey(), e.getValue());
            compactSize += e.getValue().size();
        }
        for (Map.Entry<UUID, DossierFact> e : writing.entrySet()) {
            UUID id = e.getKey();
            if (leaving.contains(id)) {
                continue; // gone at once
            }
            DossierFact f = e.getValue();
            f.newNotices.clear(); // written with the row
            List<DossierFact.Step> written = List.copyOf(f.steps);
            if (committed.containsKey(id)) {
                committed.put(id, new Kept(f, written, false, true));
            } else if (compact.containsKey(id)) {
                // its place in the order stays
                Compact c = new Compact(codec.encode(f, written), false, true);
                compactSize += c.size() - compact.put(id, c).size();
            }
        }
        for (UUID id : leaving) {
            committed.remove(id);
            dropCompact(id);
            letGo(id);
            complete = false;
        }
        letGo += leaving.size();
        peakCompactSize = Math.max(peakCompactSize, compactSize);
        clearOpen();
    }

    private void dropCompact(UUID id) {
        Compact c = compact.remove(id);
        if (c != null) {
            compactSize -= c.size();
        }
    }

    /** The transaction did not commit: the kept facts stay the last commit's, as the tables do. */
    void rolledBack() {
        clearOpen();
    }

    private void clearOpen() {
        pending.clear();
        writing.clear();
        leaving.clear();
        compacting.clear();
    }

    /** How many facts are kept, objects and compact. */
    int size() {
        return committed.size() + compact.size();
    }

    /** How many facts are kept compact, and what they take of the heap. */
    int compactCount() {
        return compact.size();
    }

    long compactSize() {
        return compactSize;
    }

    long peakCompactSize() {
        return peakCompactSize;
    }

    /** How many times a compact fact was expanded (to fold on, or to write its row). */
    long expanded() {
        return expanded;
    }

    /** How many facts left the memory (and are read back from the tables if their dossier has more events). */
    long letGo() {
        return letGo;
    }

    /** How many kept facts are newer than their rows. */
    long dirty() {
        return committed.values().stream().filter(Kept::dirty).count()
                + compact.values().stream().filter(Compact::dirty).count();
    }
}
