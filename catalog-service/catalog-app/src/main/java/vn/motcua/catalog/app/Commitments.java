package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.support.ProblemException.Violation;
import vn.motcua.catalog.domain.Versioning;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.messaging.OutboxWriter;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.CommitmentEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.catalog.store.ProcedureVersionEntity;
import vn.motcua.catalog.store.UnitEntity;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.ProcessingTime;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A unit's commitment to a shorter processing time than the law's, period by period; set and withdrawn with their
 * events in one transaction.
 */
@ApplicationScoped
public class Commitments {
    private static final long DEFAULT_OFFICE_DAY_MINUTES = CalendarYear.standard(2025).officeDayMinutes();

    private final OutboxWriter outbox;
    private final Clock clock;

    public Commitments(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CommitmentSnapshot> setCommitment(String unitCode, String procedureCode, CatalogInputs.CommitmentInput in) {
        List<Violation> timeViolations = Procedures.checkTime(in.committedTime(), "committedTime");
        if (!timeViolations.isEmpty()) {
            throw CatalogException.invalid(timeViolations);
        }
        ProcessingTime committed = new ProcessingTime(in.committedTime().amount(), in.committedTime().unit());
        return UnitEntity.<UnitEntity>findById(unitCode).onItem().transformToUni(unit -> {
            if (unit == null) {
                throw CatalogException.notFound("Unit", unitCode, "Đơn vị");
            }
            return Procedures.lockProcedure(procedureCode).onItem().transformToUni(p -> Procedures.versions(procedureCode)
                    .onItem().transformToUni(versions -> officeDayMinutes(in.effectiveFrom().getYear())
                            .onItem().transformToUni(dayMinutes -> {
                                if (!p.unitTypes().contains(unit.type)) {
                                    throw CatalogException.invalid("unitCode", "a " + unit.type
                                                    + " is not competent for this procedure (" + p.unitTypes() + ")",
                                            "đơn vị loại " + unit.type + " không có thẩm quyền giải quyết thủ tục này");
                                }
                                if (!unit.activeOn(in.effectiveFrom())) {
                                    throw CatalogException.invalid("effectiveFrom", "the unit does not exist on "
                                            + in.effectiveFrom(), "đơn vị không hoạt động vào ngày " + in.effectiveFrom());
                                }
                                ProcedureVersionEntity inForce = versions.stream()
                                        .filter(v -> v.inForceOn(in.effectiveFrom())).findFirst()
                                        .orElseThrow(() -> CatalogException.invalid("effectiveFrom",
                                                "no version of the procedure is in force on " + in.effectiveFrom(),
                                                "không có phiên bản thủ tục có hiệu lực vào ngày " + in.effectiveFrom()));
                                if (!committed.isShorterThan(inForce.legalTime(), dayMinutes)) {
                                    throw CatalogException.invalid("committedTime", "must be shorter than the legal time "
                                                    + inForce.legalTime().amount() + " " + inForce.legalTime().unit(),
                                            "phải ngắn hơn thời hạn theo quy định " + inForce.legalTime().amount() + " "
                                                    + inForce.legalTime().unit());
                                }
                                return commitments(unitCode, procedureCode).onItem().transformToUni(periods -> {
                                    if (!periods.isEmpty()) {
                                        CommitmentEntity latest = periods.get(periods.size() - 1);
                                        latest.effectiveTo = Versioning.closeLatestFor(new Versioning.Span(
                                                latest.effectiveFrom, latest.effectiveTo), in.effectiveFrom(),
                                                "effectiveFrom");
                                    }
                                    CommitmentEntity c = new CommitmentEntity();
                                    c.unitCode = unitCode;
                                    c.procedureCode = procedureCode;
                                    c.amount = committed.amount();
                                    c.timeUnit = committed.unit();
                                    c.effectiveFrom = in.effectiveFrom();
                                    c.note = in.note();
                                    periods.add(c);
                                    CommitmentSnapshot snapshot = new CommitmentSnapshot(unitCode, procedureCode,
                                            periods.stream().map(CommitmentEntity::period).toList());
                                    return c.persist().chain(() -> outbox.append(new CatalogEvent.CommitmentSet(
                                            UUID.randomUUID(), clock.instant(), CatalogEvent.SCHEMA_VERSION, snapshot)))
                                            .replaceWith(snapshot);
                                });
                            })));
        });
    }

    @WithTransaction
    public Uni<CommitmentSnapshot> withdrawCommitment(String unitCode, String procedureCode, LocalDate lastDay) {
        return Procedures.lockProcedure(procedureCode).chain(() -> commitments(unitCode, procedureCode)).onItem()
                .transformToUni(periods -> {
                    CommitmentEntity open = periods.isEmpty() ? null : periods.get(periods.size() - 1);
                    if (open == null || open.effectiveTo != null) {
                        throw CatalogException.notFound("Open commitment", unitCode + "/" + procedureCode,
                                "Cam kết đang hiệu lực");
                    }
                    if (lastDay.isBefore(open.effectiveFrom)) {
                        throw CatalogException.invalid("lastDay", "is before the commitment started ("
                                + open.effectiveFrom + ")", "trước ngày cam kết bắt đầu (" + open.effectiveFrom + ")");
                    }
                    open.effectiveTo = lastDay;
                    CommitmentSnapshot snapshot = new CommitmentSnapshot(unitCode, procedureCode,
                            periods.stream().map(CommitmentEntity::period).toList());
                    return outbox.append(new CatalogEvent.CommitmentWithdrawn(UUID.randomUUID(), clock.instant(),
                            CatalogEvent.SCHEMA_VERSION, snapshot)).replaceWith(snapshot);
                });
    }

    static Uni<List<CommitmentEntity>> commitments(String unitCode, String procedureCode) {
        return CommitmentEntity.<CommitmentEntity>list(
                "unitCode = ?1 and procedureCode = ?2 order by effectiveFrom", unitCode, procedureCode)
                .map(ArrayList::new);
    }

    private Uni<Long> officeDayMinutes(int year) {
        return CalendarYearEntity.<CalendarYearEntity>findById(year).map(c -> c == null ? DEFAULT_OFFICE_DAY_MINUTES
                : Json.read(c.document, CalendarYear.class).officeDayMinutes());
    }
}
