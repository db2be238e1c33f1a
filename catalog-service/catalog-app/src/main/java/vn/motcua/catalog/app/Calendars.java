package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.support.ProblemException.Violation;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.messaging.OutboxWriter;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.duedate.CalendarViolation;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.OfficePeriod;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The working calendar of each year (lịch làm việc): published as a whole, a new revision when it changes. */
@ApplicationScoped
public class Calendars {
    private final OutboxWriter outbox;
    private final Clock clock;

    public Calendars(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CalendarYearEntity> putCalendar(int year, CatalogInputs.CalendarInput in) {
        if (in.year() != year) {
            throw CatalogException.invalid("year", "must equal the year in the path (" + year + ")",
                    "phải trùng với năm trên đường dẫn (" + year + ")");
        }
        CalendarYear calendar = new CalendarYear(year,
                in.officeHours().stream().map(p -> new OfficePeriod(p.start(), p.end())).toList(),
                Set.copyOf(in.weekendDays()),
                in.daysOff().stream().map(d -> new DayOff(d.date(), d.kind(), d.nameVi(), d.nameEn())).toList(),
                in.extraWorkingDays().stream().map(d -> new ExtraWorkingDay(d.date(), d.nameVi(), d.nameEn())).toList());
        List<CalendarViolation> problems = calendar.validate();
        if (!problems.isEmpty()) {
            throw CatalogException.invalid(problems.stream()
                    .map(v -> new Violation(v.field(), v.reason(), vietnamese(v.reason()))).toList());
        }
        boolean provisional = Boolean.TRUE.equals(in.provisional());
        String document = Json.write(calendar);
        return CalendarYearEntity.<CalendarYearEntity>findById(year).onItem().transformToUni(existing -> {
            if (existing != null && existing.document.equals(document) && existing.provisional == provisional) {
                return Uni.createFrom().item(existing); // same calendar again: nothing changed, nothing published
            }
            CalendarYearEntity c = existing != null ? existing : new CalendarYearEntity();
            c.year = year;
            c.revision = existing == null ? 1 : existing.revision + 1;
            c.document = document;
            c.provisional = provisional;
            c.source = in.source();
            c.updatedAt = clock.instant();
            Uni<CalendarYearEntity> saved = existing != null ? Uni.createFrom().item(c) : c.persist();
            return saved.chain(() -> outbox.append(new CatalogEvent.CalendarYearPublished(UUID.randomUUID(),
                    clock.instant(), CatalogEvent.SCHEMA_VERSION, c.revision, calendar))).replaceWith(c);
        });
    }

    /** The calendar library reports in English; officials also get a Vietnamese gloss. */
    private static String vietnamese(String reason) {
        String r = reason.toLowerCase();
        if (r.contains("outside")) {
            return "ngày không thuộc năm dương lịch của lịch làm việc";
        }
        if (r.contains("twice") || r.contains("duplicate")) {
            return "ngày bị khai báo trùng";
        }
        if (r.contains("weekend")) {
            return "ngày làm bù phải là ngày nghỉ cuối tuần";
        }
        if (r.contains("overlap") || r.contains("order") || r.contains("sorted")) {
            return "các khung giờ làm việc bị chồng lấn hoặc sai thứ tự";
        }
        if (r.contains("before") || r.contains("start")) {
            return "giờ bắt đầu phải trước giờ kết thúc";
        }
        if (r.contains("both")) {
            return "một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù";
        }
        return "không hợp lệ";
    }
}
