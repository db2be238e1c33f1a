package vn.motcua.duedate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of counting a processing time.
 *
 * @param receivedAt          the instant the dossier was actually received
 * @param countingStartsAt    the reception instant after normalization to office time
 * @param receptionDay        the day of reception (date of {@code countingStartsAt})
 * @param dueAt               the due instant; empty for NO_DEADLINE. For CALENDAR_DAYS ending on a
 *                            working day it is 00:00 of the day after the last day (exclusive end)
 * @param dueDate             the date used to classify day-based units; empty for NO_DEADLINE
 * @param skippedDays         non-working days passed over (not counted) between the reception day and
 *                            the due date, inclusive. For CALENDAR_DAYS days off inside the period are
 *                            counted, so only the days off that pushed the end to a working day appear
 * @param explanation         short English sentences, one per counting step
 * @param calendarDataMissing true when a year between reception and due date has no calendar data
 */
public record DueDate(Instant receivedAt, ZonedDateTime countingStartsAt, LocalDate receptionDay, ProcessingTime time,
                      Optional<ZonedDateTime> dueAt, Optional<LocalDate> dueDate, List<SkippedDay> skippedDays,
                      List<String> explanation, boolean calendarDataMissing) {

    public DueDate {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(countingStartsAt, "countingStartsAt");
        Objects.requireNonNull(receptionDay, "receptionDay");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(dueDate, "dueDate");
        skippedDays = List.copyOf(skippedDays);
        explanation = List.copyOf(explanation);
    }

    /** True when the procedure has no deadline. */
    public boolean hasDeadline() {
        return dueAt.isPresent();
    }
}
