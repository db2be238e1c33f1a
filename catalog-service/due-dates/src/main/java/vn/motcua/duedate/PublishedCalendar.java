package vn.motcua.duedate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working calendar a service built from the years the catalog published, kept until that set changes. The caller
 * names the set by a fingerprint (each year with the id of the event that published it): the same fingerprint gives
 * the calendar built before, another one asks for the years again.
 */
public final class PublishedCalendar {
    private final AtomicReference<Built> last = new AtomicReference<>();

    private record Built(String fingerprint, WorkingCalendar calendar) {
    }

    /** The calendar built for this fingerprint, if it is the last one built. */
    public Optional<WorkingCalendar> ifUnchanged(String fingerprint) {
        Built b = last.get();
        return b != null && b.fingerprint().equals(fingerprint) ? Optional.of(b.calendar()) : Optional.empty();
    }

    /** Builds the calendar of these years and keeps it under the fingerprint. */
    public WorkingCalendar build(String fingerprint, List<CalendarYear> years) {
        WorkingCalendar calendar = WorkingCalendar.of(years);
        last.set(new Built(fingerprint, calendar));
        return calendar;
    }
}
