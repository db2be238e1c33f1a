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
            List<Map<String, Object>> parked = Sql.rows(infra, "select stream, cause, reason from " + schema
                    + ".consumer_parked where stream = any(?::text[])", ids);
            if (!parked.isEmpty()) {
                throw new AssertionError("records parked instead of applied: " + parked);
            }
            applied = Sql.rows(infra, "select dossier_id::text as id, last_version as v from " + schema + "." + table
                            + " where dossier_id::text = any(?::text[])", ids).stream()
                    .collect(Collectors.toMap(r -> (String) r.get("id"), r -> ((Number) r.get("v")).intValue()));
            if (applied.equals(expectedVersions)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("after 60 s, applied " + applied.size() + " of " + expectedVersions.size()
                + " dossiers at their versions: " + applied + " expected " + expectedVersions);
    }
}
