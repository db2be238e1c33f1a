package vn.motcua.catalog.events;

/** Online public service level: fully online (toàn trình), partly online (một phần), or none. */
public enum OnlineLevel {
    FULLY_ONLINE,
    PARTLY_ONLINE,
    NONE
}
