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

    /** The latest snapshots of many (topic, key) pairs in one query, unmanaged; a pair the replica lacks is absent. */
    public Uni<java.util.Map<java.util.Map.Entry<String, String>, ReplicaEntity>> findAll(
            java.util.Collection<java.util.Map.Entry<String, String>> keys) {
        String[] topics = keys.stream().map(java.util.Map.Entry::getKey).toArray(String[]::new);
        String[] recordKeys = keys.stream().map(java.util.Map.Entry::getValue).toArray(String[]::new);
        return SessionSql.query("select r.record_key, r.event_id, r.event_type, r.payload, r.topic "
                + "from catalog_replica r join unnest($1::text[], $2::text[]) as k(topic, record_key) "
                + "on r.topic = k.topic and r.record_key = k.record_key", topics, recordKeys).map(rows -> {
                    java.util.Map<java.util.Map.Entry<String, String>, ReplicaEntity> found = new java.util.HashMap<>();
                    for (Object[] r : rows) {
                        String topic = (String) r[4];
                        found.put(java.util.Map.entry(topic, (String) r[0]), entity(topic, r));
                    }
                    return found;
                });
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
