package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.motcua.testinfra.Sql;
import vn.motcua.testinfra.TopicReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What must agree across the whole system once it is quiet: the dossier event store (the source of truth), the
 * dossier topic, satisfaction-service's dossier view, reporting-service's dossier facts, and the ratings from
 * satisfaction-service's table through its topic to reporting-service's rating facts. Read as the database
 * superuser and as a plain Kafka consumer, never through the services.
 */
final class Reconciliation {
    static final String DOSSIER_TOPIC = "motcua.dossier.events.v1";
    static final String SATISFACTION_TOPIC = "motcua.satisfaction.events.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One snapshot of every side. */
    record Snapshot(Map<String, Long> storeLastVersion, long storeEvents, Set<String> storeEventKeys,
                    Set<String> topicEventKeys, long topicRecords, Map<String, Long> satisfactionLastVersion,
                    Map<String, Long> reportingLastVersion, long dossierOutboxPending, Set<String> keptRatings,
                    Set<String> topicRatings, Set<String> reportedRatings, long satisfactionOutboxPending,
                    long pendingRatings) {

        /** Every difference, in words; empty when the system reconciles. */
        List<String> differences() {
            List<String> d = new java.util.ArrayList<>();
            diff(d, "events in the store but not on the topic", storeEventKeys, topicEventKeys);
            diff(d, "events on the topic but not in the store", topicEventKeys, storeEventKeys);
            if (dossierOutboxPending != 0) {
                d.add(dossierOutboxPending + " dossier outbox rows not yet published");
            }
            compare(d, "satisfaction-service's dossier view", storeLastVersion, satisfactionLastVersion);
            compare(d, "reporting-service's dossier facts", storeLastVersion, reportingLastVersion);
            diff(d, "kept ratings not on the topic", keptRatings, topicRatings);
            diff(d, "rating events on the topic not kept", topicRatings, keptRatings);
            diff(d, "rating events not in reporting", topicRatings, reportedRatings);
            diff(d, "reporting ratings with no event", reportedRatings, topicRatings);
            if (satisfactionOutboxPending != 0) {
                d.add(satisfactionOutboxPending + " satisfaction outbox rows not yet published");
            }
            return d;
        }

        /** Records on the topic beyond one per stored event: redeliveries the consumers must absorb. */
        long topicDuplicates() {
            return topicRecords - topicEventKeys.size();
        }

        private static void compare(List<String> d, String side, Map<String, Long> truth, Map<String, Long> view) {
            Map<String, String> wrong = new TreeMap<>();
            truth.forEach((id, v) -> {
                Long seen = view.get(id);
                if (!v.equals(seen)) {
                    wrong.put(id, "store " + v + ", view " + seen);
                }
            });
            view.keySet().stream().filter(id -> !truth.containsKey(id)).forEach(id -> wrong.put(id, "not in the store"));
            if (!wrong.isEmpty()) {
                d.add(side + " differs for " + wrong.size() + " dossiers, e.g. " + first(wrong));
            }
        }

        private static void diff(List<String> d, String what, Set<String> a, Set<String> b) {
            Set<String> missing = new HashSet<>(a);
            missing.removeAll(b);
            if (!missing.isEmpty()) {
                d.add(missing.size() + " " + what + ", e.g. " + missing.stream().sorted().limit(3).toList());
            }
        }

        private static String first(Map<String, String> m) {
            return m.entrySet().stream().limit(3).map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    static Snapshot take(MotcuaSystem system) {
        var pg = system.postgres;
        String db = MotcuaSystem.DATABASE;
        Map<String, Long> store = versions(Sql.rows(pg, db,
                "select dossier_id::text as id, max(version) as v from dossier.dossier_event group by dossier_id"));
        long storeEvents = Sql.count(pg, db, "select count(*) from dossier.dossier_event");
        Set<String> storeKeys = Sql.rows(pg, db, "select dossier_id::text || '/' || version as k from dossier.dossier_event")
                .stream().map(r -> (String) r.get("k")).collect(Collectors.toSet());
        // the poison records a test put on the topics (keys "poison-...") are no one's events
        List<TopicReader.Message> dossierRecords = TopicReader.readAll(system.kafka.bootstrapServers(), DOSSIER_TOPIC)
                .stream().filter(Reconciliation::notPoison).toList();
        Set<String> topicKeys = dossierRecords.stream().map(m -> {
            JsonNode e = read(m.value());
            return e.path("dossierId").asText() + "/" + e.path("version").asLong();
        }).collect(Collectors.toSet());
        Map<String, Long> satisfaction = versions(Sql.rows(pg, db,
                "select dossier_id::text as id, last_version as v from satisfaction.dossier_view"));
        Map<String, Long> reporting = versions(Sql.rows(pg, db,
                "select dossier_id::text as id, last_version as v from reporting.dossier_fact"));
        long dossierPending = Sql.count(pg, db, "select count(*) from dossier.outbox where published_at is null");
        Set<String> kept = ids(Sql.rows(pg, db,
                "select id::text as id from satisfaction.rating where status <> 'PENDING'"));
        Set<String> topicRatings = TopicReader.readAll(system.kafka.bootstrapServers(), SATISFACTION_TOPIC).stream()
                .filter(Reconciliation::notPoison).map(m -> read(m.value()))
                .filter(e -> e.path("type").asText().equals("RatingRecorded") || e.path("type").asText().equals("BallotInvalid"))
                .map(e -> e.path("data").path("ratingId").asText()).collect(Collectors.toSet());
        Set<String> reported = ids(Sql.rows(pg, db, "select rating_id::text as id from reporting.rating_fact"));
        long satisfactionPending = Sql.count(pg, db, "select count(*) from satisfaction.outbox where published_at is null");
        long pendingRatings = Sql.count(pg, db, "select count(*) from satisfaction.rating where status = 'PENDING'");
        return new Snapshot(store, storeEvents, storeKeys, topicKeys, dossierRecords.size(), satisfaction, reporting,
                dossierPending, kept, topicRatings, reported, satisfactionPending, pendingRatings);
    }

    static boolean notPoison(TopicReader.Message m) {
        return m.key() == null || !m.key().startsWith("poison-");
    }

    private static Map<String, Long> versions(List<Map<String, Object>> rows) {
        Map<String, Long> m = new HashMap<>();
        rows.forEach(r -> m.put((String) r.get("id"), ((Number) r.get("v")).longValue()));
        return m;
    }

    private static Set<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
