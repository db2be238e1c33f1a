package vn.motcua.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of DOMAIN.md section 6 derived from {@link Counts}. A rate is a percentage with two decimals, or null
 * when its denominator is zero ("no data", never 0%).
 */
public record Figures(
        BigDecimal onTimeRate, BigDecimal earlyRate, BigDecimal lateRate,
        BigDecimal nationalOnTimeRate, BigDecimal apologyCoverage,
        BigDecimal onlineRate, BigDecimal fullyOnlineRate, BigDecimal postalReceivedRate,
        BigDecimal postalReturnedRate, BigDecimal satisfactionRate, BigDecimal committedShorterShare,
        BigDecimal averageTimeUsedOfLegal, BigDecimal circular01Score,
        BigDecimal apologyInformedCoverage, BigDecimal noticeDeliveryRate,
        BigDecimal onlinePaymentRate, BigDecimal digitisedRate, BigDecimal electronicResultRate,
        BigDecimal portalSyncRate) {

    public static Figures of(Counts c) {
        return new Figures(
                pct(c.early() + c.onTime(), c.completed()),
                pct(c.early(), c.completed()),
                pct(c.late(), c.completed()),
                pct(c.nationalOnTimeCompleted() + c.nationalNotDueInProgress(), c.completed() + c.inProgress()),
                pct(c.apologizedInTime(), c.lateOrOverdue()),
                pct(c.receivedOnline(), c.received()),
                pct(c.receivedOnlineFullyOnlineProc(), c.receivedFullyOnlineProc()),
                pct(c.receivedPostal(), c.received()),
                pct(c.returnedPostal(), c.returned()),
                pct(c.satisfied(), c.ratings()),
                pct(c.proceduresCommitted(), c.procedures()),
                c.usedRatioCount() == 0 ? null : c.usedRatioSum().multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(c.usedRatioCount()), 2, RoundingMode.HALF_UP),
                circular01(c),
                // beside apology coverage: apologized in time and the applicant told of it (DOMAIN.md §8)
                pct(c.apologizedInformed(), c.lateOrOverdue()),
                pct(c.noticesDelivered(), c.noticesSent()),
                // Decision 766 (DOMAIN.md §7, §9): null, "not measured", where no dossier said
                pct(c.portal().paidOnline(), c.portal().paid()),
                pct(c.portal().digitised(), c.portal().digitisationRecorded()),
                pct(c.portal().resultsElectronic(), c.portal().resultsRecorded()),
                syncRate(c));
    }

    /** Indicator 1.4: synchronised ÷ received, where measured. */
    static BigDecimal syncRate(Counts c) {
        return c.portal().syncMeasured() ? pct(c.portal().synced(), c.received()) : null;
    }

    /** Circular 01/2018: early 2, on time 1, late 0 per completed dossier; the mean, rounded to one decimal. */
    static BigDecimal circular01(Counts c) {
        if (c.completed() == 0) {
            return null;
        }
        return BigDecimal.valueOf(2 * c.early() + c.onTime())
                .divide(BigDecimal.valueOf(c.completed()), 1, RoundingMode.HALF_UP);
    }

    /** numerator ÷ denominator as a percentage with two decimals; null without denominator. */
    public static BigDecimal pct(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }
}
