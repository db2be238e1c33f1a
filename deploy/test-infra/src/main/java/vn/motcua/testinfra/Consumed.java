package vn.motcua.testinfra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a consumer's tables say about records a test fed it. */
public final class Consumed {
    private Consumed() {
    }

    /**
     * Waits until every dossier is at its expected version in {@code schema.table} (a {@code dossier_id},
     * {@code last_version} table), failing at once with the reasons if any of them was parked instead.
     */
    public static void awaitAppliedNoneParked(MotcuaTestInfra.Handles infra, String schema, String table,
                                              Map<String, Integer> expectedVersions) {
        Object ids = expectedVersions.keySet().toArray(new String[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Integer> applied = Map.of();
        while (System.nanoTime() < deadline) {
            failIfParked(infra, schema, ids);
            applied = Sql.rows(infra, "select dossier_id::text as id, last_version as v from " + schema + "." + table
                            + " where dossier_id::text = any(?::text[])", ids).stream()
                    .collect(Collectors.toMap(r -> (String) r.get("id"), r -> ((Number) r.get("v")).intValue()));
            if (applied.equals(expectedVersions)) {
                return;
            }
            pause();
        }
        throw new AssertionError("after 60 s, applied " + applied.size() + " of " + expectedVersions.size()
                + " dossiers at their versions: " + applied + " expected " + expectedVersions);
    }

    /**
     * Waits until {@code keysQuery} (one text column, one {@code ?} for the keys as a text array) finds every key,
     * failing at once with the reasons if any record of those keys was parked in {@code schema} instead.
     */
    public static void awaitKeysNoneParked(MotcuaTestInfra.Handles infra, String schema, String keysQuery,
                                           java.util.Set<String> keys) {
        Object array = keys.toArray(new String[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.util.Set<String> found = java.util.Set.of();
        while (System.nanoTime() < deadline) {
            failIfParked(infra, schema, array);
            found = Sql.rows(infra, keysQuery, array).stream().map(r -> String.valueOf(r.values().iterator().next()))
                    .collect(Collectors.toSet());
            if (found.equals(keys)) {
                return;
            }
            pause();
        }
        java.util.Set<String> missing = new java.util.TreeSet<>(keys);
        missing.removeAll(found);
        throw new AssertionError("after 60 s, " + missing.size() + " of " + keys.size() + " keys missing: " + missing);
    }

    private static void failIfParked(MotcuaTestInfra.Handles infra, String schema, Object streams) {
        List<Map<String, Object>> parked = Sql.rows(infra, "select consumer, stream, cause, reason from " + schema
                + ".consumer_parked where stream = any(?::text[])", streams);
        if (!parked.isEmpty()) {
            throw new AssertionError("records parked instead of applied: " + parked);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
