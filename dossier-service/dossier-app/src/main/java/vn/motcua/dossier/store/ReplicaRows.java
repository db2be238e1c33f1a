package vn.motcua.dossier.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The catalog replica as every command reads it: rows, not entities (nothing for the session to track or a flush
 * to check), on the current session's connection. The replica consumer still writes it through its entity.
 */
@ApplicationScoped
public class ReplicaRows {

    /** The latest snapshot of a key, unmanaged; null when the replica does not hold it. */
    public Uni<ReplicaEntity> find(String topic, String key) {
        return SessionSql.query("select record_key, event_id, event_type, payload from catalog_replica "
                + "where topic = $1 and record_key = $2", topic, key)
                .map(rows -> rows.isEmpty() ? null : entity(topic, rows.get(0)));
    }

    /** Every snapshot of a topic, unmanaged. */
    public Uni<List<ReplicaEntity>> all(String topic) {
        return SessionSql.query("select record_key, event_id, event_type, payload from catalog_replica "
                + "where topic = $1 order by record_key", topic)
                .map(rows -> rows.stream().map(r -> entity(topic, r)).toList());
    }

    /** What a topic holds, as "key:event id" joined by commas in key order: it changes when any snapshot does. */
    public Uni<String> fingerprint(String topic) {
        return SessionSql.query("select coalesce(string_agg(record_key || ':' || event_id, ',' order by record_key), '') "
                + "from catalog_replica where topic = $1", topic).map(rows -> (String) rows.get(0)[0]);
    }

    private static ReplicaEntity entity(String topic, Object[] r) {
        ReplicaEntity e = new ReplicaEntity();
        e.topic = topic;
        e.recordKey = (String) r[0];
        e.eventId = (UUID) r[1];
        e.eventType = (String) r[2];
        e.payload = (String) r[3];
        return e;
    }
}
