package vn.motcua.satisfaction.events;

import java.util.Map;

/**
 * The Kafka topic of satisfaction-service. One topic for every satisfaction event, keyed by dossier (see
 * {@link SatisfactionEventEnvelope#key()}), so the ratings, ballots and complaints of one dossier share a partition and
 * arrive in the order they were published. The topic is an event log, not a current-state feed: it is never
 * compacted and never expires, so reporting can recompute every satisfaction figure by replaying it from offset 0.
 */
public final class SatisfactionTopics {
    public static final String EVENTS = "motcua.satisfaction.events.v1";

    /** Settings the topic is created with: plain deletion policy, and infinite retention. */
    public static final Map<String, String> TOPIC_CONFIG = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1");

    private SatisfactionTopics() {
    }
}
