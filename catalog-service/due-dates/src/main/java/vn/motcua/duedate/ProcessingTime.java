package vn.motcua.duedate;

import java.time.Duration;
import java.util.Objects;

/**
 * A processing time such as "3 working days" or "180 working minutes".
 *
 * @param amount number of units; at least 1 for counted units, exactly 0 for
 *               {@link ProcessingTimeUnit#IMMEDIATE} and {@link ProcessingTimeUnit#NO_DEADLINE}
 * @param unit   the unit, never null
 */
public record ProcessingTime(int amount, ProcessingTimeUnit unit) {

    public ProcessingTime {
        if (unit == null) {
            throw new IllegalArgumentException("Processing time unit must not be null");
        }
        boolean uncounted = unit == ProcessingTimeUnit.IMMEDIATE || unit == ProcessingTimeUnit.NO_DEADLINE;
        if (uncounted && amount != 0) {
            throw new IllegalArgumentException(
                    "Processing time amount must be 0 for unit " + unit + ", got " + amount);
        }
        if (!uncounted && amount < 1) {
            throw new IllegalArgumentException(
                    "Processing time amount must be at least 1 for unit " + unit + ", got " + amount);
        }
    }

    public static ProcessingTime workingDays(int n) {
        return new ProcessingTime(n, ProcessingTimeUnit.WORKING_DAYS);
    }

    public static ProcessingTime workingHours(int n) {
        return new ProcessingTime(n, ProcessingTimeUnit.WORKING_HOURS);
    }

    public static ProcessingTime workingMinutes(int n) {
        return new ProcessingTime(n, ProcessingTimeUnit.WORKING_MINUTES);
    }

    public static ProcessingTime calendarDays(int n) {
        return new ProcessingTime(n, ProcessingTimeUnit.CALENDAR_DAYS);
    }

    public static ProcessingTime immediate() {
        return new ProcessingTime(0, ProcessingTimeUnit.IMMEDIATE);
    }

    public static ProcessingTime noDeadline() {
        return new ProcessingTime(0, ProcessingTimeUnit.NO_DEADLINE);
    }

    /** True for units whose outcome is judged by date rather than by instant. */
    public boolean isDayBased() {
        return unit == ProcessingTimeUnit.WORKING_DAYS
                || unit == ProcessingTimeUnit.CALENDAR_DAYS
                || unit == ProcessingTimeUnit.IMMEDIATE;
    }

    /** True for units counted in office time (hours or minutes). */
    public boolean isOfficeTimeBased() {
        return unit == ProcessingTimeUnit.WORKING_HOURS || unit == ProcessingTimeUnit.WORKING_MINUTES;
    }

    /**
     * Office time to count for {@link ProcessingTimeUnit#WORKING_HOURS} and
     * {@link ProcessingTimeUnit#WORKING_MINUTES}.
     *
     * @throws IllegalStateException for any other unit
     */
    public Duration officeDuration() {
        return switch (unit) {
            case WORKING_HOURS -> Duration.ofHours(amount);
            case WORKING_MINUTES -> Duration.ofMinutes(amount);
            default -> throw new IllegalStateException(unit + " is not counted in office time");
        };
    }

    /**
     * Nominal length in office minutes, used only to compare a committed time with the legal time.
     * A working day is one office day; a calendar day is 5/7 of an office day because a week holds
     * five working days for seven calendar days (the total is rounded down once, not per day).
     * IMMEDIATE is 0 and NO_DEADLINE is {@link Long#MAX_VALUE}.
     *
     * @param officeDayMinutes office minutes in one working day (e.g. 450 for the default hours)
     */
    public long nominalOfficeMinutes(long officeDayMinutes) {
        if (officeDayMinutes < 0) {
            throw new IllegalArgumentException("officeDayMinutes must not be negative, got " + officeDayMinutes);
        }
        return switch (unit) {
            case WORKING_DAYS -> Math.multiplyExact(amount, officeDayMinutes);
            case WORKING_HOURS -> Math.multiplyExact(amount, 60L);
            case WORKING_MINUTES -> amount;
            case CALENDAR_DAYS -> Math.multiplyExact(Math.multiplyExact(amount, officeDayMinutes), 5L) / 7L;
            case IMMEDIATE -> 0L;
            case NO_DEADLINE -> Long.MAX_VALUE;
        };
    }

    /** True when this time is strictly shorter than {@code other} by nominal office minutes. */
    public boolean isShorterThan(ProcessingTime other, long officeDayMinutes) {
        Objects.requireNonNull(other, "other");
        return nominalOfficeMinutes(officeDayMinutes) < other.nominalOfficeMinutes(officeDayMinutes);
    }

    @Override
    public String toString() {
        return switch (unit) {
            case IMMEDIATE -> "immediate";
            case NO_DEADLINE -> "no deadline";
            default -> amount + " " + unit.name().toLowerCase().replace('_', ' ');
        };
    }
}
