package vn.motcua.satisfaction.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in Vietnam time: a month (2026-11), a quarter (2026-Q4) or a year (2026), from its first day
 * 00:00 to its last day 24:00 local time.
 */
public record Period(String label, LocalDate firstDay, LocalDate lastDay) {
    public static final ZoneId VIETNAM = vn.motcua.duedate.WorkingCalendar.VIETNAM;
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = MONTH.matcher(text);
        if (m.matches()) {
            LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            return Optional.of(new Period(text, first, first.plusMonths(1).minusDays(1)));
        }
        m = QUARTER.matcher(text);
        if (m.matches()) {
            LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
            return Optional.of(new Period(text, first, first.plusMonths(3).minusDays(1)));
        }
        m = YEAR.matcher(text);
        if (m.matches()) {
            LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
            return Optional.of(new Period(text, first, first.plusYears(1).minusDays(1)));
        }
        return Optional.empty();
    }

    public Instant start() {
        return firstDay.atStartOfDay(VIETNAM).toInstant();
    }

    /** Exclusive: 24:00 of the last day. */
    public Instant end() {
        return lastDay.plusDays(1).atStartOfDay(VIETNAM).toInstant();
    }
}
