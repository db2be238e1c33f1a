package vn.motcua.dossier.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rule parameters in force from a date. A dossier is judged by the rule set in force on its day of reception.
 * The values of Decree 118/2025 are uncertain, so they are configuration; defaults equal Decree 61/2018 as amended.
 *
 * @param apologyLeadWorkingDays   an apology must be sent at least this many working days before the due date
 * @param maxReschedules           how many times a dossier may get a new appointment date
 * @param supplementWindowWorkingDays a supplement may be requested within this many working days of reception
 *                                 (or of the last complete supplement, which restarts the count)
 * @param maxSupplementsAtReception how many supplement requests the desk may make before processing starts
 * @param paperTransferCutoff      paper dossiers received after this time reach processing the next working day
 * @param restartOnSupplement      true: a complete supplement restarts the processing time (the law);
 *                                 false: the waiting interval is subtracted instead
 * @param maxExtensionWorkingDays  an apology's new appointment may be at most this many working days after the
 *                                 appointment it replaces (the law sets no bound; motcua's plausibility default)
 * @param exactPayment             true: a payment must equal the amount requested; false: any positive amount up to it
 *                                 settles the request
 */
public record RuleSet(String id, LocalDate effectiveFrom, int apologyLeadWorkingDays, int maxReschedules,
                      int supplementWindowWorkingDays, int maxSupplementsAtReception, LocalTime paperTransferCutoff,
                      boolean restartOnSupplement, int maxExtensionWorkingDays, boolean exactPayment) {

    public RuleSet {
        Objects.requireNonNull(id);
        Objects.requireNonNull(effectiveFrom);
        Objects.requireNonNull(paperTransferCutoff);
        if (maxExtensionWorkingDays < 1) {
            throw new IllegalArgumentException("maxExtensionWorkingDays must be at least 1");
        }
    }

    public static RuleSet decree61(LocalDate from) {
        return new RuleSet("ND61-2018", from, 1, 1, 3, 1, LocalTime.of(15, 0), true, 30, true);
    }

    public static RuleSet decree118(LocalDate from) {
        return new RuleSet("ND118-2025", from, 1, 1, 3, 1, LocalTime.of(15, 0), true, 30, true);
    }

    /** The defaults: Decree 61/2018 (as amended) until 30 June 2025, Decree 118/2025 from 1 July 2025. */
    public static List<RuleSet> defaults() {
        return List.of(decree61(LocalDate.of(2018, 6, 21)), decree118(LocalDate.of(2025, 7, 1)));
    }

    /** The rule set in force on a day. */
    public static RuleSet inForce(List<RuleSet> sets, LocalDate day) {
        return sets.stream().filter(r -> !r.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(RuleSet::effectiveFrom))
                .orElseThrow(() -> new IllegalArgumentException("no rule set in force on " + day));
    }
}
