package vn.motcua.duedate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Outcome of a dossier compared with its due date. */
public enum Timeliness {
    EARLY, ON_TIME, LATE;

    /**
     * The classification every service uses (DOMAIN.md §6): the time that set the due (the applied time: the unit's
     * commitment when shorter, else the legal time) decides how to compare. Day-based: the completion date (in
     * {@code zone}) against the due date; hour- and minute-based: the instants. Without a due, a dossier cannot be
     * late. A day-based procedure that a unit committed to do in 180 minutes is judged by the instant.
     */
    public static Timeliness classify(Instant completedAt, Instant dueAt, LocalDate dueDate, ProcessingTime appliedTime,
                                      ZoneId zone) {
        java.util.Objects.requireNonNull(completedAt, "completedAt");
        if (dueAt == null || dueDate == null) {
            return ON_TIME;
        }
        return appliedTime.isDayBased() ? byDate(completedAt.atZone(zone).toLocalDate(), dueDate)
                : byInstant(completedAt, dueAt);
    }

    /** Day-based deadlines compare dates: before the due date is early, on it on time, after it late. */
    public static Timeliness byDate(LocalDate completedOn, LocalDate dueDate) {
        return compared(completedOn.compareTo(dueDate));
    }

    /** Office-time deadlines compare instants: before the due instant is early, at it on time, after it late. */
    public static Timeliness byInstant(Instant completedAt, Instant dueAt) {
        return compared(completedAt.compareTo(dueAt));
    }

    private static Timeliness compared(int cmp) {
        return cmp < 0 ? EARLY : cmp == 0 ? ON_TIME : LATE;
    }
}
