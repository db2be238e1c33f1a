package vn.motcua.dossier.app;

import vn.motcua.dossier.domain.DossierState;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.util.UUID;

/**
 * A dossier as a command left it or a read found it, for the REST layer to show.
 *
 * @param personal     whether the caller may see the applicant
 * @param timeliness   early, on time or late, once completed (null before)
 * @param asOf         the instant asked for, or null for now
 * @param lookupSecret the receipt's secret, only in the answer to a reception (shown once, stored as a hash)
 */
public record DossierSnapshot(UUID id, int version, DossierState state, boolean personal, Timeliness timeliness,
                              Instant asOf, String lookupSecret) {
}
