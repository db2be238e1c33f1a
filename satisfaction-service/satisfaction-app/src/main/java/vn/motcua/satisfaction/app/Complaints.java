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
import vn.motcua.satisfaction.store.ComplaintBallotEntity;
import vn.motcua.satisfaction.store.ComplaintEntity;
import vn.motcua.satisfaction.store.Outbox;
import vn.motcua.satisfaction.store.RatingEntity;
import vn.motcua.support.ProblemException;

import java.time.Clock;
import java.time.Duration;
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
    private final Duration backdating;
    private final Duration clockSkew;

    public Complaints(Calendars calendars, Outbox outbox, Clock clock,
                      @ConfigProperty(name = "motcua.complaint.handling-working-days", defaultValue = "15") int days,
                      @ConfigProperty(name = "motcua.complaint.resolution-backdating", defaultValue = "PT24H") Duration backdating,
                      @ConfigProperty(name = "motcua.claimed-instant.clock-skew", defaultValue = "PT5M") Duration clockSkew) {
        this.backdating = backdating;
        this.clockSkew = clockSkew;
        this.calendars = calendars;
        this.outbox = outbox;
        this.clock = clock;
        this.handlingTime = ProcessingTime.workingDays(days);
    }

    /**
     * The complaint of a rating, received when the citizen answered. A dossier has at most one open complaint: a
     * complaint ballot while one is open attaches to it (no new complaint, no event); once it is answered, the next
     * complaint ballot opens a new one. Call inside the rating's transaction, under the dossier's lock.
     */
    Uni<Void> open(RatingEntity r, Instant now) {
        // locked: an answer being recorded at this moment is waited for, and then the ballot opens a new complaint
        return ComplaintEntity.<ComplaintEntity>find("dossierCode = ?1 and resolvedAt is null order by openedAt",
                        r.dossierCode).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(open -> open != null
                ? ComplaintBallotEntity.of(r.id, open.id, now).persist().replaceWithVoid()
                : openNew(r, now));
    }

    private Uni<Void> openNew(RatingEntity r, Instant now) {
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
            return c.persist()
                    .chain(() -> ComplaintBallotEntity.of(r.id, c.id, now).persist())
                    .chain(() -> outbox.add(c.dossierId, c.dossierCode, c.unitCode,
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

    /** The instant a timeliness is decided on: the claimed one, or the one the service recorded. */
    public enum Basis {
        CLAIMED, RECORDED
    }

    /**
     * The instant the on-time/late decision uses. The claimed instant counts only when it is on the same Vietnam
     * date as the recording: an answer recorded after its due date cannot be made on time by dating it back a day.
     */
    static Basis basis(Instant claimed, Instant recorded) {
        return claimed.atZone(Ratings.VIETNAM).toLocalDate().equals(recorded.atZone(Ratings.VIETNAM).toLocalDate())
                ? Basis.CLAIMED : Basis.RECORDED;
    }

    /**
     * Records the answer to a complaint; {@code check} sees the complaint first (the caller's unit). A claimed
     * {@code resolvedAt} must lie between the complaint's opening and now (a small clock skew allowed), and at most
     * {@code motcua.complaint.resolution-backdating} (24 h) before now; it is stored beside the recorded instant.
     */
    public Uni<ComplaintEntity> resolve(UUID id, String resolution, Instant resolvedAt, String by,
                                        java.util.function.Consumer<ComplaintEntity> check) {
        Instant now = clock.instant();
        // a claimed instant within the skew ahead of this clock is taken as now
        Instant at = resolvedAt == null || resolvedAt.isAfter(now) && !resolvedAt.isAfter(now.plus(clockSkew))
                ? now : resolvedAt;
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
                    if (at.isBefore(now.minus(backdating))) {
                        return Uni.createFrom().failure(ProblemException.invalid("resolvedAt",
                                "must not be more than " + backdating.toHours() + " hours before the answer is recorded",
                                "không được sớm hơn quá " + backdating.toHours() + " giờ so với thời điểm ghi nhận"));
                    }
                    Basis basis = basis(at, now);
                    Timeliness t = classify(basis == Basis.CLAIMED ? at : now, c);
                    c.resolvedAt = at;
                    c.resolutionRecordedAt = now;
                    c.timelinessBasis = basis.name();
                    c.resolution = resolution.strip();
                    c.resolvedBy = by;
                    c.timeliness = t.name();
                    // the event's resolvedAt is the instant the timeliness was decided on, so consumers that
                    // recount on-time answers agree with this service
                    return outbox.add(c.dossierId, c.dossierCode, c.unitCode,
                            new SatisfactionEvent.ComplaintResolved(c.id, c.ratingId, c.openedAt,
                                    basis == Basis.CLAIMED ? at : now,
                                    new SatisfactionEvent.Due(c.dueAt, c.dueDate), t.name(), t != Timeliness.LATE),
                            now).replaceWith(c);
                }));
    }
}
