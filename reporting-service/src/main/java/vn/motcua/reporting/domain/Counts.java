package vn.motcua.reporting.domain;

import java.math.BigDecimal;

/**
 * The counts behind a unit's (or procedure's, or field's) figures for one period, as the SQL of
 * {@code FigureQueries} adds them up. Every rate is derived from these, so every rate can be drilled down.
 *
 * @param received                 received in the period (by reception instant)
 * @param receivedOnline           of which online
 * @param receivedPostal           of which by post
 * @param receivedFullyOnlineProc  received for procedures whose online level is fully online
 * @param receivedOnlineFullyOnlineProc of which online
 * @param refusedAtReception       refused at reception in the period (counted apart from every timeliness figure)
 * @param withdrawn                withdrawn in the period (counted apart)
 * @param completed                completed in the period: processed, refused after appraisal or stopped
 * @param early                    completed before the due of record (date or instant, DOMAIN.md section 6)
 * @param onTime                   completed on the due of record
 * @param late                     completed after the due of record
 * @param inProgress               received, not completed nor withdrawn at period end (as it was then)
 * @param overdueOpen              in progress at period end and overdue by then
 * @param nationalOnTimeCompleted  completed in the period on or before the national due, at most one supplement
 * @param nationalNotDueInProgress in progress at period end, not past the national due then, at most one supplement
 * @param returned                 results returned in the period
 * @param returnedPostal           of which by post
 * @param lateOrOverdue            completed late in the period or overdue at period end (apology coverage base)
 * @param apologizedInTime         of which apologized at least the lead time before the due of record
 * @param usedRatioSum             sum over completed dossiers of time used ÷ legal time
 * @param usedRatioCount           completed dossiers that have a legal time to compare with
 * @param ratings                  valid ratings in the period (by rating instant)
 * @param satisfied                of which overall level 4 or 5
 * @param dislikedOrComplained     of which overall level 1 or 2, or with a complaint
 * @param invalidBallots           invalid, duplicate or refused ballots (counted apart)
 * @param procedures               procedures in force at period end that the units handle
 * @param proceduresCommitted      of which with a shorter time committed, in force at period end
 * @param apologizedInformed       of {@code apologizedInTime}, the applicant told of the apology by period end
 * @param noticesSent              notices to applicants whose last attempt fell in the period (DOMAIN.md §8)
 * @param noticesDelivered         of which delivered (accepted by the mail server or the SMS gateway)
 */
public record Counts(long received, long receivedOnline, long receivedPostal, long receivedFullyOnlineProc,
                     long receivedOnlineFullyOnlineProc, long refusedAtReception, long withdrawn, long completed,
                     long early, long onTime, long late, long inProgress, long overdueOpen,
                     long nationalOnTimeCompleted, long nationalNotDueInProgress, long returned, long returnedPostal,
                     long lateOrOverdue, long apologizedInTime, BigDecimal usedRatioSum, long usedRatioCount,
                     long ratings, long satisfied, long dislikedOrComplained, long invalidBallots, long procedures,
                     long proceduresCommitted, long apologizedInformed, long noticesSent, long noticesDelivered) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Counts withRatings(long ratings, long satisfied, long disliked, long invalid) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied, disliked, invalid,
                procedures, proceduresCommitted, apologizedInformed, noticesSent, noticesDelivered);
    }

    public Counts withProcedures(long procedures, long committed) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied,
                dislikedOrComplained, invalidBallots, procedures, committed, apologizedInformed, noticesSent,
                noticesDelivered);
    }

    public Counts withNotices(long sent, long delivered) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied,
                dislikedOrComplained, invalidBallots, procedures, proceduresCommitted, apologizedInformed, sent,
                delivered);
    }
}
