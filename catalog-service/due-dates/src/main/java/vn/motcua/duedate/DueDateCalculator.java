package vn.motcua.duedate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts processing times the way motcua documents them (Civil Code 2015 Art. 147-148):
 * a dossier received outside office time counts as received at the next office period start, and
 * that day is the day of reception. Immutable and thread-safe.
 */
public final class DueDateCalculator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    // Longer lists of counted days are shortened in the explanation to keep it readable.
    private static final int MAX_LISTED_DAYS = 10;
    private static final int MAX_LISTED_SKIPPED_DAYS = 31;

    private final WorkingCalendar calendar;
    private final CountingRules rules;

    public DueDateCalculator(WorkingCalendar calendar, CountingRules rules) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public CountingRules rules() {
        return rules;
    }

    public DueDate compute(Instant receivedAt, ProcessingTime time) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(time, "time");
        ZonedDateTime received = receivedAt.atZone(calendar.zone());
        ZonedDateTime start = calendar.startOfNextWorkingPeriod(receivedAt);
        LocalDate receptionDay = start.toLocalDate();
        List<String> explanation = new ArrayList<>();
        explainReception(explanation, received, start);

        ZonedDateTime dueAt = null;
        LocalDate dueDate = null;
        LocalDate firstSkippable = receptionDay;
        switch (time.unit()) {
            case WORKING_DAYS -> {
                dueDate = calendar.addWorkingDays(receptionDay, time.amount());
                dueAt = calendar.closeOfOffice(dueDate);
                explainWorkingDays(explanation, receptionDay, time.amount(), dueAt);
            }
            case WORKING_HOURS, WORKING_MINUTES -> {
                dueAt = calendar.addOfficeTime(start.toInstant(), time.officeDuration()).atZone(calendar.zone());
                dueDate = dueAt.toLocalDate();
                explainOfficeTime(explanation, time, start, dueAt);
            }
            case CALENDAR_DAYS -> {
                LocalDate lastDay = receptionDay.plusDays(time.amount());
                explanation.add("The day of reception, " + day(receptionDay) + ", is not counted; "
                        + time.amount() + " calendar day(s), days off included, end on " + day(lastDay) + ".");
                DayStatus last = calendar.status(lastDay);
                // Days off inside the period are counted, so only days after the last day can be passed over.
                firstSkippable = lastDay;
                if (last.working()) {
                    dueDate = lastDay;
                    dueAt = lastDay.plusDays(1).atStartOfDay(calendar.zone());
                    explanation.add("The last day is a working day, so the period ends at the end of that day"
                            + " (due before " + instant(dueAt) + ").");
                } else {
                    dueDate = calendar.nextWorkingDay(lastDay);
                    dueAt = calendar.closeOfOffice(dueDate);
                    explanation.add("The last day is a non-working day (" + last.reasonEn() + "), so the period"
                            + " ends at the close of office hours of the next working day: " + instant(dueAt) + ".");
                }
            }
            case IMMEDIATE -> {
                if (start.toLocalTime().isAfter(rules.immediateCutoff())) {
                    dueDate = calendar.nextWorkingDay(receptionDay);
                    dueAt = calendar.closeOfOffice(dueDate);
                    explanation.add("Immediate processing: received after the " + rules.immediateCutoff()
                            + " cut-off, so the result is due at the close of office hours of the next working day: "
                            + instant(dueAt) + ".");
                } else {
                    dueDate = receptionDay;
                    dueAt = calendar.closeOfOffice(dueDate);
                    explanation.add("Immediate processing: received by the " + rules.immediateCutoff()
                            + " cut-off, so the result is due at the close of office hours of the day of reception: "
                            + instant(dueAt) + ".");
                }
            }
            case NO_DEADLINE -> explanation.add("The procedure has no deadline; no due date is computed.");
        }

        List<SkippedDay> skipped = new ArrayList<>();
        if (dueDate != null) {
            for (LocalDate d = firstSkippable; !d.isAfter(dueDate); d = d.plusDays(1)) {
                DayStatus s = calendar.status(d);
                if (!s.working()) {
                    skipped.add(SkippedDay.of(s));
                }
            }
        }
        if (!skipped.isEmpty()) {
            String listed = skipped.stream().limit(MAX_LISTED_SKIPPED_DAYS)
                    .map(s -> s.date() + " (" + s.reasonEn() + ")").collect(Collectors.joining(", "));
            int more = skipped.size() - MAX_LISTED_SKIPPED_DAYS;
            explanation.add("Non-working days passed over: " + listed
                    + (more > 0 ? " and " + more + " more (see skippedDays)." : "."));
        }

        LocalDate lastRelevant = dueDate != null ? dueDate : receptionDay;
        Set<Integer> missing = calendar.missingYears(received.toLocalDate(), lastRelevant);
        if (!missing.isEmpty()) {
            explanation.add("No calendar data for year(s) " + missing.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ": only weekends were treated as days off, with the"
                    + " office hours of the nearest known year (or the defaults); holidays are not taken into account.");
        }
        return new DueDate(receivedAt, start, receptionDay, time, Optional.ofNullable(dueAt),
                Optional.ofNullable(dueDate), skipped, explanation, !missing.isEmpty());
    }

    /**
     * Step deadline for handing a paper dossier to the processing unit (the "15:00 rule"): close of
     * office hours of the day of reception, or, when received strictly after the cut-off, the start of
     * office hours of the next working day.
     */
    public ZonedDateTime paperTransferDeadline(Instant receivedAt) {
        ZonedDateTime start = calendar.startOfNextWorkingPeriod(receivedAt);
        LocalDate day = start.toLocalDate();
        if (start.toLocalTime().isAfter(rules.paperTransferCutoff())) {
            return calendar.startOfOffice(calendar.nextWorkingDay(day));
        }
        return calendar.closeOfOffice(day);
    }

    /**
     * Day-based units compare dates in the calendar's zone, office-time units compare instants.
     * A procedure without deadline is always {@link Timeliness#ON_TIME}: it cannot be late, and
     * "early" has no meaning without a due date.
     */
    public Timeliness classify(Instant completedAt, DueDate due) {
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(due, "due");
        return Timeliness.classify(completedAt, due.dueAt().map(java.time.ZonedDateTime::toInstant).orElse(null),
                due.dueDate().orElse(null), due.time(), calendar.zone());
    }

    private void explainReception(List<String> out, ZonedDateTime received, ZonedDateTime start) {
        DayStatus receivedDay = calendar.status(received.toLocalDate());
        if (!receivedDay.working()) {
            out.add("Received at " + instant(received) + ", a non-working day (" + receivedDay.reasonEn()
                    + "); it counts as received at the start of the next office period, " + instant(start)
                    + ", and " + day(start.toLocalDate()) + " is the day of reception.");
        } else if (!start.toInstant().equals(received.toInstant())) {
            out.add("Received at " + instant(received) + ", outside office hours; it counts as received at the"
                    + " start of the next office period, " + instant(start) + ", and " + day(start.toLocalDate())
                    + " is the day of reception.");
        } else {
            out.add("Received at " + instant(received) + ", during office hours; counting starts at that instant.");
        }
    }

    private void explainWorkingDays(List<String> out, LocalDate receptionDay, int n, ZonedDateTime dueAt) {
        LocalDate first = calendar.nextWorkingDay(receptionDay);
        out.add("The day of reception, " + day(receptionDay) + ", is not counted; counting starts on the next"
                + " working day, " + day(first) + ".");
        if (n <= MAX_LISTED_DAYS) {
            List<String> counted = new ArrayList<>(n);
            for (LocalDate d = first; counted.size() < n; d = calendar.nextWorkingDay(d)) {
                counted.add(d.toString());
            }
            out.add("Counted " + n + " working day(s): " + String.join(", ", counted) + ".");
        } else {
            out.add("Counted " + n + " working days, from " + first + " to " + dueAt.toLocalDate() + ".");
        }
        out.add("The period ends at the close of office hours of the " + ordinal(n) + " working day: "
                + instant(dueAt) + ".");
    }

    private void explainOfficeTime(List<String> out, ProcessingTime time, ZonedDateTime start, ZonedDateTime dueAt) {
        out.add("Counted " + time + " of office time from " + instant(start)
                + ", skipping lunch breaks, nights and non-working days.");
        boolean atPeriodEnd = calendar.officePeriods(dueAt.toLocalDate()).stream()
                .anyMatch(p -> p.end().equals(dueAt.toLocalTime()));
        if (atPeriodEnd) {
            out.add("The count ends exactly at the end of an office period, so the due instant is that period end: "
                    + instant(dueAt) + ".");
        } else {
            out.add("Due at " + instant(dueAt) + ".");
        }
    }

    private static String instant(ZonedDateTime t) {
        DateTimeFormatter f = t.getSecond() == 0 && t.getNano() == 0 ? TIME : TIME_WITH_SECONDS;
        return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + t.format(f);
    }

    private static String day(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + d;
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
