package vn.motcua.satisfaction.app;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.PublishedCalendar;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.satisfaction.store.CalendarYearEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The working calendar the catalog published, parsed again only when a year was added or revised. */
@ApplicationScoped
public class Calendars {
    private final CatalogEventCodec codec = new CatalogEventCodec();
    private final PublishedCalendar cache = new PublishedCalendar();

    /** Call inside a session. Years without data count weekends only (and the due date says so). */
    public Uni<WorkingCalendar> current() {
        return CalendarYearEntity.<CalendarYearEntity>listAll().map(rows -> {
            String fingerprint = rows.stream().sorted(java.util.Comparator.comparing(r -> r.year))
                    .map(r -> r.year + ":" + r.eventId).collect(Collectors.joining(","));
            java.util.Optional<WorkingCalendar> unchanged = cache.ifUnchanged(fingerprint);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
            List<CalendarYear> years = rows.stream().map(r -> codec.read(r.payload.getBytes(StandardCharsets.UTF_8))
                            .map(e -> ((CatalogEvent.CalendarYearPublished) e).calendar())
                            .orElseThrow(() -> new IllegalStateException("calendar row " + r.year + " unreadable")))
                    .toList();
            return cache.build(fingerprint, years);
        });
    }
}
