package vn.motcua.satisfaction.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What satisfaction-service publishes: the {@code data} of a {@link SatisfactionEventEnvelope}. Codes that may grow
 * (channel, status, reason, timeliness) are text on the wire, so a consumer never fails on a value added later; the
 * producer writes them from {@link RatingChannel}, {@link BallotStatus}, {@link InvalidReason}.
 */
public sealed interface SatisfactionEvent {

    /** When it happened: the instant the citizen answered, or the complaint was opened or resolved. */
    Instant at();

    /** One criterion's answer on the 5-level scale (1 very unsatisfied … 5 very satisfied). */
    record Answer(String criterion, int level) {
    }

    /** The criteria set a rating was given against, by code and version (criteria sets are versioned data). */
    record CriteriaSetRef(String code, int version) {
    }

    /** A deadline: the instant, and the date that day-based comparisons use (Vietnam time). */
    record Due(Instant at, LocalDate date) {
    }

    /**
     * A valid rating, the one that counts for its dossier.
     *
     * @param satisfied   overall level 4 (satisfied) or 5 (very satisfied): what the satisfaction rate counts
     * @param withComment the citizen wrote a comment (the text stays in satisfaction-service)
     * @param complaint   the citizen flagged a complaint; a {@link ComplaintOpened} follows
     * @param ballotNumber the paper ballot's number, null for other channels
     * @param collectedAt when the citizen answered (the rating instant)
     * @param returnedAt  when the dossier's result was returned
     */
    record RatingRecorded(UUID ratingId, String channel, CriteriaSetRef criteriaSet, List<Answer> answers,
                          int overall, boolean satisfied, boolean withComment, boolean complaint, String ballotNumber,
                          Instant collectedAt, Instant returnedAt) implements SatisfactionEvent {
        public RatingRecorded {
            answers = answers == null ? List.of() : List.copyOf(answers);
        }

        @Override
        public Instant at() {
            return collectedAt;
        }
    }

    /**
     * A ballot that does not count as a valid rating, kept with its reason: {@code status} INVALID (counted as an
     * invalid response), DUPLICATE (another ballot for an already rated dossier, not counted twice) or REFUSED (the
     * dossier was not known, not returned or out of the rating window).
     */
    record BallotInvalid(UUID ratingId, String channel, String status, String reason, String reasonText,
                         String ballotNumber, Instant collectedAt) implements SatisfactionEvent {
        @Override
        public Instant at() {
            return collectedAt;
        }
    }

    /** A complaint from a rating, with its handling deadline (15 working days by default). */
    record ComplaintOpened(UUID complaintId, UUID ratingId, String channel, Instant openedAt, Due due,
                           boolean calendarDataMissing) implements SatisfactionEvent {
        @Override
        public Instant at() {
            return openedAt;
        }
    }

    /** A complaint handled: {@code timeliness} EARLY, ON_TIME or LATE against its deadline. */
    record ComplaintResolved(UUID complaintId, UUID ratingId, Instant openedAt, Instant resolvedAt, Due due,
                             String timeliness, boolean onTime) implements SatisfactionEvent {
        public ComplaintResolved {
            Objects.requireNonNull(resolvedAt, "resolvedAt");
        }

        @Override
        public Instant at() {
            return resolvedAt;
        }
    }
}
