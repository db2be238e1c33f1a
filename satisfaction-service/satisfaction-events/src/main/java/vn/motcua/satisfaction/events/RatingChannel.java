package vn.motcua.satisfaction.events;

/** How a rating reached the service. */
public enum RatingChannel {
    /** The QR code on the receipt, or the SMS link: by rating link token, no login. */
    QR,
    /** The kiosk at the unit's desk. */
    KIOSK,
    /** The online portal, after an online dossier. */
    ONLINE,
    /** A paper ballot typed in by an officer, with the ballot's number. */
    PAPER,
    /** An SMS answer entered by an officer. */
    SMS,
    /** A phone call, answers entered by an officer. */
    PHONE;

    /** Channels whose answers an officer enters for the citizen. */
    public boolean enteredByOfficer() {
        return this == PAPER || this == SMS || this == PHONE;
    }
}
