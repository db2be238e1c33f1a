package vn.motcua.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A projection of one or more topics into tables of the schema "reporting". It applies a batch of records inside
 * the caller's transaction, which also writes the checkpoint. A record it cannot apply makes it throw: the runner
 * then finds that record, parks and dead-letters it (with the rest of its stream) and applies the others. The same
 * code fills the live tables and, during a rebuild, their "_rebuild" twins.
 */
public interface Projection {

    /** The projection's name, also the checkpoint's name. */
    String name();

    List<String> topics();

    /** The tables this projection owns (without suffix): a rebuild recreates and swaps exactly these. */
    List<String> tables();

    /** Advisory lock id that makes the live projection single-writer across replicas. */
    long lockId();

    /**
     * Applies records in offset order per partition. {@code suffix} is "" for the live tables, "_rebuild" during a
     * rebuild. Throws for a record it cannot read or apply (malformed, refused by the database, out of order: see
     * {@link vn.motcua.consumer.Failure}); a transient database failure makes the runner retry the batch.
     */
    void apply(Connection c, String suffix, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException;

    /**
     * The work on a rebuild's batch that needs nothing but its records (decoding them): the runner does it on another
     * thread for the next batch while this one is folded and written, and gives the result to {@link #apply(Connection,
     * String, List, Object)}. Thread-safe; does not throw (a record it cannot read is apply's to report): null
     * when nothing was prepared.
     */
    default Object prepare(List<ConsumerRecord<byte[], byte[]>> records) {
        return null;
    }

    /** {@link #apply(Connection, String, List)} given what {@link #prepare} made of exactly these records, or null. */
    default void apply(Connection c, String suffix, List<ConsumerRecord<byte[], byte[]>> records, Object prepared)
            throws SQLException {
        apply(c, suffix, records);
    }

    /** Called after a live batch committed (for in-memory caches built from the tables). */
    default void afterCommit(List<ConsumerRecord<byte[], byte[]>> records) {
    }

    /**
     * Called in the transaction of a batch, after its records and before its checkpoint are written (for what a
     * projection keeps in memory between the batches of a rebuild). {@code caughtUp}: the batch did not fill up,
     * or nothing was left to read: the tables must then hold everything applied so far.
     */
    default void beforeCommit(Connection c, String suffix, boolean caughtUp) throws SQLException {
    }

    /**
     * Called when a transaction that applied records to the {@code suffix} tables has ended: committed, or rolled back
     * (for what a projection keeps in memory between the batches of a rebuild).
     */
    default void batchEnded(String suffix, boolean committed) {
    }

    /**
     * Thrown by a projection when its rebuild must start over from the beginning of its topics, with what it had
     * written thrown away (see {@link DossierProjection#beforeCommit}).
     */
    final class StartOver extends RuntimeException {
        public StartOver(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** Called when a rebuild's empty twin tables are created, and when the rebuild has ended (swapped or not). */
    default void rebuilding(boolean starts) {
    }
}
