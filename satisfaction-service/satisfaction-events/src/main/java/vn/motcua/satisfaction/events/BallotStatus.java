package vn.motcua.satisfaction.events;

/** The state of a submitted rating. Only VALID counts; every other state is kept with its reason. */
public enum BallotStatus {
    /** Waiting until the service sees the dossier's returned result (see the early-rating rule). */
    PENDING,
    /** The one rating that counts for its dossier. */
    VALID,
    /** A ballot whose content is not usable (blank, several marks, unreadable): counted as an invalid response. */
    INVALID,
    /** Another ballot for a dossier that already has a valid rating: flagged, not counted twice. */
    DUPLICATE,
    /** The dossier is unknown, was not returned, or the rating window had closed. */
    REFUSED
}
