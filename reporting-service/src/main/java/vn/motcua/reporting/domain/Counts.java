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
 * @param portal                   what Decision 766's online payment, digitisation and sync indicators count
 */
public record Counts(long received, long receivedOnline, long receivedPostal, long receivedFullyOnlineProc,
                     long receivedOnlineFullyOnlineProc, long refusedAtReception, long withdrawn, long completed,
                     long early, long onTime, long late, long inProgress, long overdueOpen,
                     long nationalOnTimeCompleted, long nationalNotDueInProgress, long returned, long returnedPostal,
                     long lateOrOverdue, long apologizedInTime, BigDecimal usedRatioSum, long usedRatioCount,
                     long ratings, long satisfied, long dislikedOrComplained, long invalidBallots, long procedures,
                     long proceduresCommitted, long apologizedInformed, long noticesSent, long noticesDelivered,
                     Indicators portal) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Indicators.NONE);

    /**
     * The counts behind Decision 766's online payment, digitisation and national-portal sync indicators (DOMAIN.md
     * §7, §9). Only dossiers whose events said so are counted: a dossier that did not say is in no numerator and no
     * denominator, so a unit or period without the data stays "not measured".
     *
     * @param paid                  dossiers whose first payment with a channel fell in the period
     * @param paidOnline            of which through the national portal or the province's gateway
     * @param digitisationRecorded  received in the period, the reception saying which components were digitised
     * @param digitised             of which every submitted component (reception and supplements) digitised
     * @param resultsRecorded       results (processed, granted or denied) in the period that said how they were issued
     * @param resultsElectronic     of which issued electronically
     * @param syncAnswered          received in the period that the national portal has answered (accepted or refused)
     * @param synced                received in the period whose latest answer from the portal is an acceptance
     */
    public record Indicators(long paid, long paidOnline, long digitisationRecorded, long digitised,
                             long resultsRecorded, long resultsElectronic, long syncAnswered, long synced) {
        public static final Indicators NONE = new Indicators(0, 0, 0, 0, 0, 0, 0, 0);

        /**
         * Indicator 1.4 is measured once the portal has answered for a dossier received in the period; before
         * that (no sync running, or history from before it) it is not measured, not 0%.
         */
        public boolean syncMeasured() {
            return syncAnswered > 0;
        }
    }

    /** Counts without the portal, payment and digitisation indicators (none said). */
    public Counts(long received, long receivedOnline, long receivedPostal, long receivedFullyOnlineProc,
                  long receivedOnlineFullyOnlineProc, long refusedAtReception, long withdrawn, long completed,
                  long early, long onTime, long late, long inProgress, long overdueOpen,
                  long nationalOnTimeCompleted, long nationalNotDueInProgress, long returned, long returnedPostal,
                  long lateOrOverdue, long apologizedInTime, BigDecimal usedRatioSum, long usedRatioCount,
                  long ratings, long satisfied, long dislikedOrComplained, long invalidBallots, long procedures,
                  long proceduresCommitted, long apologizedInformed, long noticesSent, long noticesDelivered) {
        this(received, receivedOnline, receivedPostal, receivedFullyOnlineProc, receivedOnlineFullyOnlineProc,
                refusedAtReception, withdrawn, completed, early, onTime, late, inProgress, overdueOpen,
                nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal, lateOrOverdue,
                apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied, dislikedOrComplained,
                invalidBallots, procedures, proceduresCommitted, apologizedInformed, noticesSent, noticesDelivered,
                Indicators.NONE);
    }

    public Counts withRatings(long ratings, long satisfied, long disliked, long invalid) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied, disliked, invalid,
                procedures, proceduresCommitted, apologizedInformed, noticesSent, noticesDelivered, portal);
    }

    public Counts withProcedures(long procedures, long committed) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied,
                dislikedOrComplained, invalidBallots, procedures, committed, apologizedInformed, noticesSent,
                noticesDelivered, portal);
    }

    public Counts withNotices(long sent, long delivered) {
        return new Counts(received, receivedOnline, receivedPostal, receivedFullyOnlineProc,
                receivedOnlineFullyOnlineProc, refusedAtReception, withdrawn, completed, early, onTime, late,
                inProgress, overdueOpen, nationalOnTimeCompleted, nationalNotDueInProgress, returned, returnedPostal,
                lateOrOverdue, apologizedInTime, usedRatioSum, usedRatioCount, ratings, satisfied,
                dislikedOrComplained, invalidBallots, procedures, proceduresCommitted, apologizedInformed, sent,
                delivered, portal);
    }
}
