package vn.motcua.duedate;

import java.time.Instant;
import java.time.LocalDate;

/** Outcome of a dossier compared with its due date. */
public enum Timeliness {
    EARLY, ON_TIME, LATE;

    /** Day-based deadlines compare dates: before the due date is early, on it on time, after it late. */
    public static Timeliness byDate(LocalDate completedOn, LocalDate dueDate) {
        return of(completedOn.compareTo(dueDate));
    }

    /** Office-time deadlines compare instants: before the due instant is early, at it on time, after it late. */
    public static Timeliness byInstant(Instant completedAt, Instant dueAt) {
        return of(completedAt.compareTo(dueAt));
    }

    private static Timeliness of(int cmp) {
        return cmp < 0 ? EARLY : cmp == 0 ? ON_TIME : LATE;
    }
}
