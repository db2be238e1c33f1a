package vn.motcua.dossier.events;

import java.util.Map;

/**
 * The Kafka topic of dossier-service. One topic for every dossier event, keyed by dossier id, so all events of a
 * dossier share a partition and arrive in the order they were recorded. The topic is an event log, not a
 * current-state feed: it is never compacted and never expires, so a consumer can rebuild its projections from
 * offset 0.
 */
public final class DossierTopics {
    public static final String EVENTS = "motcua.dossier.events.v1";

    /** Topic settings the topic is created with: plain deletion policy, and infinite retention. */
    public static final Map<String, String> TOPIC_CONFIG = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1");

    private DossierTopics() {
    }
}
