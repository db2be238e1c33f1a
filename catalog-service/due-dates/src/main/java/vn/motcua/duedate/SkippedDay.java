package vn.motcua.duedate;

import java.time.LocalDate;

/** A non-working day that a count passed over, with the reason it is off. */
public record SkippedDay(LocalDate date, String reasonCode, String reasonVi, String reasonEn) {

    static SkippedDay of(DayStatus status) {
        return new SkippedDay(status.date(), status.reasonCode(), status.reasonVi(), status.reasonEn());
    }
}
