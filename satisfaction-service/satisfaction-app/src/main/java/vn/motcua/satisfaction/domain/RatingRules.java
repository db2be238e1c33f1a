package vn.motcua.satisfaction.domain;

import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.events.RatingChannel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Decides what becomes of a rating, from what this service knows of its dossier. Pure: the same facts give the same
 * outcome, whether the rating was just submitted or has waited for the dossier's returned event.
 *
 * <ul>
 *   <li>A paper ballot whose content is unusable is INVALID, whatever state its dossier is in: it is counted as an
 *       invalid response of the dossier's unit.</li>
 *   <li>A dossier not seen as returned (unknown, or still open) may be returned this very moment, its event still on
 *       its way: the rating waits (PENDING) until the event arrives, and is refused only when the grace period ends
 *       without it. This is the early-rating rule; nothing is refused because this service is behind.</li>
 *   <li>Once returned: one valid rating per dossier, within the rating window after the return, not given before
 *       the return, and the online channel only for dossiers submitted online.</li>
 *   <li>Paper ballots, and ratings that already waited, are always kept: a refusal becomes a stored REFUSED or
 *       DUPLICATE ballot. Anything else submitted now is refused to the caller and nothing is stored.</li>
 * </ul>
 */
public final class RatingRules {
    private static final ZoneId VIETNAM = vn.motcua.duedate.WorkingCalendar.VIETNAM;

    private final Duration window;
    private final Duration pendingGrace;
    private final Duration earlyTolerance;

    public RatingRules(Duration window, Duration pendingGrace, Duration earlyTolerance) {
        this.window = Objects.requireNonNull(window, "window");
        this.pendingGrace = Objects.requireNonNull(pendingGrace, "pendingGrace");
        this.earlyTolerance = Objects.requireNonNull(earlyTolerance, "earlyTolerance");
    }

    /** The outcome of a decision. */
    public sealed interface Outcome {
        /** The dossier's one valid rating. */
        record Valid() implements Outcome {
        }

        /** Kept, not counted as valid: INVALID, DUPLICATE or REFUSED with the reason. */
        record Kept(InvalidReason reason) implements Outcome {
            public BallotStatus status() {
                return reason.status();
            }
        }

        /** Waits for the dossier's returned event until {@code until}. */
        record Pending(Instant until) implements Outcome {
        }

        /** Refused to the caller; nothing is stored. */
        record Refused(InvalidReason reason) implements Outcome {
        }
    }

    /**
     * A rating submitted now.
     *
     * @param dossier        the dossier as known here, null when unknown
     * @param alreadyRated   the dossier has a valid rating
     * @param contentProblem why a paper ballot's content cannot count, null when it can (or for other channels)
     */
    public Outcome submit(DossierInfo dossier, boolean alreadyRated, RatingChannel channel, Instant collectedAt,
                          InvalidReason contentProblem, Instant now) {
        if (dossier == null) {
            // even an unusable ballot waits: it counts as invalid for the dossier's unit once the dossier is known
            return new Outcome.Pending(now.plus(pendingGrace));
        }
        boolean keep = channel == RatingChannel.PAPER;
        if (keep && contentProblem != null) {
            return new Outcome.Kept(contentProblem);
        }
        if (dossier.state() == DossierInfo.State.OPEN) {
            return new Outcome.Pending(now.plus(pendingGrace));
        }
        return decideKnown(dossier, alreadyRated, channel, collectedAt, keep);
    }

    /**
     * A rating that waited: decided as soon as the dossier is returned or closed, refused once its grace period is
     * over; until then it keeps waiting. Never refuses to a caller: the outcome is always kept.
     */
    public Outcome resolve(DossierInfo dossier, boolean alreadyRated, RatingChannel channel, Instant collectedAt,
                           InvalidReason contentProblem, Instant pendingUntil, Instant now) {
        if (dossier != null && contentProblem != null) {
            return new Outcome.Kept(contentProblem);
        }
        if (dossier == null || dossier.state() == DossierInfo.State.OPEN) {
            if (now.isBefore(pendingUntil)) {
                return new Outcome.Pending(pendingUntil);
            }
            return new Outcome.Kept(dossier == null ? InvalidReason.DOSSIER_UNKNOWN : InvalidReason.NOT_RETURNED);
        }
        return decideKnown(dossier, alreadyRated, channel, collectedAt, true);
    }

    private Outcome decideKnown(DossierInfo dossier, boolean alreadyRated, RatingChannel channel, Instant collectedAt,
                                boolean keep) {
        InvalidReason refusal = refusal(dossier, alreadyRated, channel, collectedAt);
        if (refusal == null) {
            return new Outcome.Valid();
        }
        return keep ? new Outcome.Kept(refusal) : new Outcome.Refused(refusal);
    }

    private InvalidReason refusal(DossierInfo dossier, boolean alreadyRated, RatingChannel channel,
                                  Instant collectedAt) {
        if (dossier.state() == DossierInfo.State.CLOSED) {
            return InvalidReason.CLOSED_WITHOUT_RESULT;
        }
        if (channel == RatingChannel.ONLINE && !dossier.online()) {
            return InvalidReason.NOT_ONLINE_DOSSIER;
        }
        if (beforeReturn(dossier.returnedAt(), channel, collectedAt)) {
            return InvalidReason.NOT_RETURNED;
        }
        if (collectedAt.isAfter(dossier.returnedAt().plus(window))) {
            return InvalidReason.WINDOW_CLOSED;
        }
        if (alreadyRated) {
            return InvalidReason.DUPLICATE;
        }
        return null;
    }

    /**
     * Answers an officer enters carry the day they were given (a ballot shows a date, not a minute): compared by
     * date. Digital answers carry their instant, allowed a small tolerance before the recorded return.
     */
    private boolean beforeReturn(Instant returnedAt, RatingChannel channel, Instant collectedAt) {
        if (channel.enteredByOfficer()) {
            return collectedAt.atZone(VIETNAM).toLocalDate().isBefore(returnedAt.atZone(VIETNAM).toLocalDate());
        }
        return collectedAt.isBefore(returnedAt.minus(earlyTolerance));
    }

    /** When the window to rate a returned dossier closes. */
    public Instant windowEnds(Instant returnedAt) {
        return returnedAt.plus(window);
    }
}
