package vn.motcua.catalog.events;

import java.util.List;

/**
 * Kafka topics of catalog-service. Each is a compacted current-state feed: every event carries the whole current
 * state of its entity and is keyed by it, so a consumer that starts from scratch still receives the whole catalog.
 */
public final class CatalogTopics {
    public static final String UNITS = "motcua.catalog.units.v1";
    public static final String PROCEDURES = "motcua.catalog.procedures.v1";
    public static final String COMMITMENTS = "motcua.catalog.commitments.v1";
    public static final String CALENDARS = "motcua.catalog.calendars.v1";

    public static final List<String> ALL = List.of(UNITS, PROCEDURES, COMMITMENTS, CALENDARS);

    private CatalogTopics() {
    }
}
