package vn.motcua.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A projection of one or more topics into tables of the schema "reporting". It applies a batch of records inside
 * the caller's transaction, which also writes the checkpoint; a record it cannot read goes to the dead-letter topic
 * and is skipped. The same code fills the live tables and, during a rebuild, their "_rebuild" twins.
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
     * rebuild. Throws SQLException only for database failures (the batch is retried).
     */
    void apply(Connection c, String suffix, List<ConsumerRecord<byte[], byte[]>> records, DeadLetters deadLetters)
            throws SQLException;

    /** Called after a live batch committed (for in-memory caches built from the tables). */
    default void afterCommit(List<ConsumerRecord<byte[], byte[]>> records) {
    }
}
