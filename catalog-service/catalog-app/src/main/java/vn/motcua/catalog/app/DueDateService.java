package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.CommitmentEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.catalog.store.ProcedureEntity;
import vn.motcua.catalog.store.ProcedureVersionEntity;
import vn.motcua.catalog.store.UnitEntity;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.CountingRules;
import vn.motcua.duedate.DueDate;
import vn.motcua.duedate.DueDateCalculator;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Computes a dossier's due date from the catalog: procedure version in force, unit commitment, calendar. */
@ApplicationScoped
public class DueDateService {

    public enum Channel { COUNTER, ONLINE, POSTAL }

    public record Result(String procedureCode, int procedureVersion, String unitCode, Channel channel,
                         ProcessingTime legalTime, ProcessingTime committedTime, ProcessingTime appliedTime,
                         String appliedTimeSource, DueDate dueDate, ZonedDateTime paperTransferDeadline) {
    }

    private final CountingRules rules;
    /** The parsed calendar, rebuilt only when a year is added or revised (not on every request). */
    private final AtomicReference<CachedCalendar> cache = new AtomicReference<>();

    private record CachedCalendar(String key, List<CalendarYear> years, WorkingCalendar calendar) {
    }

    private CachedCalendar calendar(List<CalendarYearEntity> calendars) {
        String key = calendars.stream().sorted(java.util.Comparator.comparing(c -> c.year))
                .map(c -> c.year + ":" + c.revision).collect(java.util.stream.Collectors.joining(","));
        CachedCalendar current = cache.get();
        if (current != null && current.key().equals(key)) {
            return current;
        }
        List<CalendarYear> years = calendars.stream().map(c -> Json.read(c.document, CalendarYear.class)).toList();
        CachedCalendar built = new CachedCalendar(key, years, WorkingCalendar.of(years));
        cache.set(built);
        return built;
    }

    public DueDateService(@ConfigProperty(name = "motcua.rules.immediate-cutoff", defaultValue = "15:00") LocalTime immediateCutoff,
                          @ConfigProperty(name = "motcua.rules.paper-transfer-cutoff", defaultValue = "15:00") LocalTime paperCutoff) {
        this.rules = new CountingRules(immediateCutoff, paperCutoff);
    }

    @WithSession
    public Uni<Result> compute(String procedureCode, String unitCode, Instant receivedAt, Channel channel) {
        LocalDate day = receivedAt.atZone(WorkingCalendar.VIETNAM).toLocalDate();
        return ProcedureEntity.<ProcedureEntity>findById(procedureCode).onItem().transformToUni(p -> {
            if (p == null) {
                throw CatalogException.invalid("procedureCode", "unknown procedure " + procedureCode,
                        "không có thủ tục " + procedureCode);
            }
            return UnitEntity.<UnitEntity>findById(unitCode).onItem().transformToUni(u -> {
                if (u == null) {
                    throw CatalogException.invalid("unitCode", "unknown unit " + unitCode, "không có đơn vị " + unitCode);
                }
                if (!p.unitTypes().contains(u.type)) {
                    throw CatalogException.invalid("unitCode", "a " + u.type + " is not competent for "
                            + procedureCode, "đơn vị loại " + u.type + " không có thẩm quyền giải quyết thủ tục này");
                }
                return Procedures.versions(procedureCode).onItem().transformToUni(versions -> {
                    ProcedureVersionEntity version = versions.stream().filter(v -> v.inForceOn(day)).findFirst()
                            .orElseThrow(() -> CatalogException.invalid("receivedAt",
                                    "no version of " + procedureCode + " is in force on " + day,
                                    "thủ tục không có hiệu lực vào ngày " + day));
                    return Commitments.commitments(unitCode, procedureCode).onItem().transformToUni(commitments ->
                            CalendarYearEntity.<CalendarYearEntity>listAll().map(calendars ->
                                    compute(p, version, u, commitments, calendars, receivedAt, day, channel)));
                });
            });
        });
    }

    private Result compute(ProcedureEntity p, ProcedureVersionEntity version, UnitEntity unit,
                           List<CommitmentEntity> commitments, List<CalendarYearEntity> calendars, Instant receivedAt,
                           LocalDate day, Channel channel) {
        CachedCalendar cached = calendar(calendars);
        List<CalendarYear> years = cached.years();
        DueDateCalculator calculator = new DueDateCalculator(cached.calendar(), rules);
        ProcessingTime legal = version.legalTime();
        long dayMinutes = years.stream().filter(y -> y.year() == day.getYear()).findFirst()
                .map(CalendarYear::officeDayMinutes).orElse(CalendarYear.standard(day.getYear()).officeDayMinutes());
        Optional<ProcessingTime> committed = commitments.stream().filter(c -> c.inForceOn(day)).findFirst()
                .map(CommitmentEntity::committedTime);
        // A commitment applies only while it is shorter than the law (the law may have been cut below it since).
        ProcessingTime applied = committed.filter(c -> c.isShorterThan(legal, dayMinutes)).orElse(legal);
        String source = applied == legal ? "LEGAL" : "UNIT_COMMITMENT";
        DueDate due = calculator.compute(receivedAt, applied);
        ZonedDateTime transfer = channel == Channel.ONLINE ? null : calculator.paperTransferDeadline(receivedAt);
        return new Result(p.code, version.version, unit.code, channel, legal, committed.orElse(null), applied, source,
                due, transfer);
    }
}
