package vn.motcua.satisfaction.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.duedate.CountingRules;
import vn.motcua.duedate.DueDate;
import vn.motcua.duedate.DueDateCalculator;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.Timeliness;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.store.ComplaintEntity;
import vn.motcua.satisfaction.store.Outbox;
import vn.motcua.satisfaction.store.RatingEntity;
import vn.motcua.support.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Complaints raised with ratings: the handling deadline is counted with the shared due-date rules (working days,
 * the day of reception not counted, ending at the close of office hours) on the catalog's working calendar; the
 * resolution is classified early, on time or late against it.
 */
@ApplicationScoped
public class Complaints {
    private final Calendars calendars;
    private final Outbox outbox;
    private final Clock clock;
    private final ProcessingTime handlingTime;

    public Complaints(Calendars calendars, Outbox outbox, Clock clock,
                      @ConfigProperty(name = "motcua.complaint.handling-working-days", defaultValue = "15") int days) {
        this.calendars = calendars;
        this.outbox = outbox;
        this.clock = clock;
        this.handlingTime = ProcessingTime.workingDays(days);
    }

    /** Opens the complaint of a rating, received when the citizen answered. Call inside the rating's transaction. */
    Uni<Void> open(RatingEntity r, Instant now) {
        return calendars.current().chain(calendar -> {
            DueDate due = new DueDateCalculator(calendar, CountingRules.defaults()).compute(r.collectedAt, handlingTime);
            ComplaintEntity c = new ComplaintEntity();
            c.id = UUID.randomUUID();
            c.ratingId = r.id;
            c.dossierId = r.dossierId;
            c.dossierCode = r.dossierCode;
            c.unitCode = r.unitCode;
            c.channel = r.channel;
            c.text = r.complaintText;
            c.openedAt = r.collectedAt;
            c.dueAt = due.dueAt().orElseThrow().toInstant();
            c.dueDate = due.dueDate().orElseThrow();
            c.calendarDataMissing = due.calendarDataMissing();
            return c.persist().chain(() -> outbox.add(c.dossierId, c.dossierCode, c.unitCode,
                    new SatisfactionEvent.ComplaintOpened(c.id, r.id, c.channel, c.openedAt,
                            new SatisfactionEvent.Due(c.dueAt, c.dueDate), c.calendarDataMissing), now));
        });
    }

    /**
     * Working-day deadlines compare dates (DOMAIN.md's counting convention): answered before the due date is early,
     * on it on time, after it late. The due stored at opening is the one of record, even if the calendar changes.
     */
    static Timeliness classify(Instant resolvedAt, ComplaintEntity c) {
        return Timeliness.byDate(resolvedAt.atZone(Ratings.VIETNAM).toLocalDate(), c.dueDate);
    }

    /** Records the answer to a complaint; {@code check} sees the complaint first (the caller's unit). */
    public Uni<ComplaintEntity> resolve(UUID id, String resolution, Instant resolvedAt, String by,
                                        java.util.function.Consumer<ComplaintEntity> check) {
        Instant now = clock.instant();
        Instant at = resolvedAt == null ? now : resolvedAt;
        return Panache.withTransaction(() -> ComplaintEntity.<ComplaintEntity>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .chain(c -> {
                    if (c == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("Complaint", id.toString(), "Phản ánh"));
                    }
                    check.accept(c);
                    if (c.resolvedAt != null) {
                        return Uni.createFrom().failure(new ProblemException(409, "complaint-already-resolved",
                                "The complaint was already resolved on " + c.resolvedAt,
                                "Phản ánh đã được giải quyết trước đó", List.of()));
                    }
                    if (at.isAfter(now)) {
                        return Uni.createFrom().failure(ProblemException.invalid("resolvedAt", "must not be in the future",
                                "không được ở thời điểm tương lai"));
                    }
                    if (at.isBefore(c.openedAt)) {
                        return Uni.createFrom().failure(ProblemException.invalid("resolvedAt",
                                "must not be before the complaint was opened (" + c.openedAt + ")",
                                "không được trước thời điểm nhận phản ánh"));
                    }
                    Timeliness t = classify(at, c);
                    c.resolvedAt = at;
                    c.resolution = resolution.strip();
                    c.resolvedBy = by;
                    c.timeliness = t.name();
                    return outbox.add(c.dossierId, c.dossierCode, c.unitCode,
                            new SatisfactionEvent.ComplaintResolved(c.id, c.ratingId, c.openedAt, at,
                                    new SatisfactionEvent.Due(c.dueAt, c.dueDate), t.name(), t != Timeliness.LATE),
                            now).replaceWith(c);
                }));
    }
}
