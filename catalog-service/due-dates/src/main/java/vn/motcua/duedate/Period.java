package vn.motcua.duedate;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a day, month, quarter or year of Vietnam time, from its first day 00:00 to its last day
 * 24:00 local time (DOMAIN.md section 6). The one period grammar: reporting-service and satisfaction-service both parse
 * with it. Written as {@code 2026-10-05}, {@code 2026-10}, {@code 2026-Q4} or
 * {@code 2026}.
 */
public record Period(Granularity granularity, LocalDate firstDay) {

    public static final ZoneId VIETNAM = WorkingCalendar.VIETNAM;

    public enum Granularity { DAY, MONTH, QUARTER, YEAR }

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** @throws IllegalArgumentException when the text is not a period */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a period is required (2026-10-05, 2026-10, 2026-Q4 or 2026)");
        }
        String t = text.trim();
        try {
            Matcher m;
            if ((m = DAY.matcher(t)).matches()) {
                return new Period(Granularity.DAY, LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                return new Period(Granularity.MONTH, LocalDate.of(num(m, 1), num(m, 2), 1));
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                return new Period(Granularity.QUARTER, LocalDate.of(num(m, 1), (num(m, 2) - 1) * 3 + 1, 1));
            }
            if ((m = YEAR.matcher(t)).matches()) {
                return new Period(Granularity.YEAR, LocalDate.of(num(m, 1), 1, 1));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid date: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + t + "' is not a period (2026-10-05, 2026-10, 2026-Q4 or 2026)");
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** The period of this granularity that contains a day. */
    public static Period containing(Granularity granularity, LocalDate day) {
        return switch (granularity) {
            case DAY -> new Period(granularity, day);
            case MONTH -> new Period(granularity, day.withDayOfMonth(1));
            case QUARTER -> new Period(granularity, LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1));
            case YEAR -> new Period(granularity, LocalDate.of(day.getYear(), 1, 1));
        };
    }

    /** The first day after the period. */
    public LocalDate endExclusive() {
        return switch (granularity) {
            case DAY -> firstDay.plusDays(1);
            case MONTH -> firstDay.plusMonths(1);
            case QUARTER -> firstDay.plusMonths(3);
            case YEAR -> firstDay.plusYears(1);
        };
    }

    public LocalDate lastDay() {
        return endExclusive().minusDays(1);
    }

    public Instant start() {
        return firstDay.atStartOfDay(VIETNAM).toInstant();
    }

    /** The period's end, 24:00 of its last day: the instant "at period end" figures are taken at. */
    public Instant end() {
        return endExclusive().atStartOfDay(VIETNAM).toInstant();
    }

    public Period next() {
        return new Period(granularity, endExclusive());
    }

    /** Periods from this one to {@code last} inclusive, of this granularity; at most {@code max}. */
    public List<Period> through(Period last, int max) {
        if (last.granularity != granularity) {
            throw new IllegalArgumentException("from and to must be periods of the same kind");
        }
        if (last.firstDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        List<Period> out = new ArrayList<>();
        for (Period p = this; !p.firstDay.isAfter(last.firstDay); p = p.next()) {
            if (out.size() == max) {
                throw new IllegalArgumentException("at most " + max + " periods per request");
            }
            out.add(p);
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (granularity) {
            case DAY -> firstDay.toString();
            case MONTH -> String.format("%04d-%02d", firstDay.getYear(), firstDay.getMonthValue());
            case QUARTER -> firstDay.getYear() + "-Q" + ((firstDay.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(firstDay.getYear());
        };
    }
}
