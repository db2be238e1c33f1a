package vn.motcua.satisfaction.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What this service knows of a dossier from its events.
 *
 * @param competentUnit    the unit a rating counts for; null until the reception event was seen
 * @param receptionChannel COUNTER, ONLINE or POSTAL; null until the reception event was seen
 * @param returnedAt       set once the result was returned
 */
public record DossierInfo(UUID dossierId, String dossierCode, String receivingUnit, String competentUnit,
                          String receptionChannel, State state, Instant returnedAt) {

    public enum State {
        /** Received (or only heard of), no result returned yet. */
        OPEN,
        /** The result was handed over: the dossier may be rated. */
        RETURNED,
        /** Refused at reception, withdrawn or stopped: there will be no result to rate. */
        CLOSED
    }

    public boolean online() {
        return "ONLINE".equals(receptionChannel);
    }
}
