package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.motcua.catalog.api.Dtos;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.support.ProblemException.Violation;
import vn.motcua.catalog.domain.SearchText;
import vn.motcua.catalog.domain.UnitRules;
import vn.motcua.catalog.domain.Versioning;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.messaging.OutboxWriter;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.CommitmentEntity;
import vn.motcua.catalog.store.FieldEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.catalog.store.ProcedureEntity;
import vn.motcua.catalog.store.ProcedureVersionEntity;
import vn.motcua.catalog.store.UnitEntity;
import vn.motcua.duedate.CalendarViolation;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.OfficePeriod;
import vn.motcua.duedate.ProcessingTime;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Every change to the catalog. Each method runs in one transaction that checks the rules, writes the change and
 * appends its event to the outbox; a refused change writes nothing.
 */
@ApplicationScoped
public class CatalogService {
    private static final long DEFAULT_OFFICE_DAY_MINUTES = CalendarYear.standard(2025).officeDayMinutes();

    private final OutboxWriter outbox;
    private final Clock clock;

    public CatalogService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- fields

    @WithTransaction
    public Uni<FieldEntity> upsertField(Dtos.FieldInput in) {
        return FieldEntity.<FieldEntity>findById(in.code()).onItem().transformToUni(existing -> {
            FieldEntity f = existing != null ? existing : new FieldEntity();
            f.code = in.code();
            f.nameVi = in.nameVi().strip();
            f.nameEn = in.nameEn();
            return existing != null ? Uni.createFrom().item(f) : f.<FieldEntity>persist();
        });
    }

    // ---------------------------------------------------------------- units

    @WithTransaction
    public Uni<UnitSnapshot> registerUnit(Dtos.UnitInput in) {
        return UnitEntity.<UnitEntity>findById(in.code()).onItem().transformToUni(existing -> {
            if (existing != null) {
                throw CatalogException.conflict("code", "unit " + in.code() + " already exists",
                        "đơn vị " + in.code() + " đã tồn tại");
            }
            return checkUnit(in).onItem().transformToUni(ignored -> {
                UnitEntity u = new UnitEntity();
                apply(u, in);
                return u.persist().chain(() -> outbox.append(new CatalogEvent.UnitRegistered(
                        UUID.randomUUID(), clock.instant(), CatalogEvent.SCHEMA_VERSION, u.snapshot())))
                        .replaceWith(u.snapshot());
            });
        });
    }

    @WithTransaction
    public Uni<UnitSnapshot> updateUnit(String code, Dtos.UnitInput in) {
        if (!code.equals(in.code())) {
            throw CatalogException.invalid("code", "must equal the code in the path (" + code + ")",
                    "phải trùng với mã trên đường dẫn (" + code + ")");
        }
        return UnitEntity.<UnitEntity>findById(code).onItem().transformToUni(existing -> {
            if (existing == null) {
                throw CatalogException.notFound("Unit", code, "Đơn vị");
            }
            return checkUnit(in).chain(() -> checkNoCycle(code, in.parentCode())).onItem().transformToUni(x -> {
                UnitSnapshot before = existing.snapshot();
                apply(existing, in);
                if (before.equals(existing.snapshot())) {
                    return Uni.createFrom().item(before); // no change, no event
                }
                return outbox.append(new CatalogEvent.UnitUpdated(UUID.randomUUID(), clock.instant(),
                        CatalogEvent.SCHEMA_VERSION, existing.snapshot())).replaceWith(existing.snapshot());
            });
        });
    }

    private void apply(UnitEntity u, Dtos.UnitInput in) {
        u.code = in.code();
        u.nameVi = in.nameVi().strip();
        u.type = in.type();
        u.parentCode = blankToNull(in.parentCode());
        u.validFrom = in.validFrom();
        u.validTo = in.validTo();
        u.searchText = SearchText.index(in.code(), in.nameVi());
        u.updatedAt = clock.instant();
    }

    private Uni<Void> checkUnit(Dtos.UnitInput in) {
        List<Violation> violations = new ArrayList<>();
        if (in.validTo() != null && in.validTo().isBefore(in.validFrom())) {
            violations.add(new Violation("validTo", "is before validFrom", "trước ngày bắt đầu"));
        }
        if (in.type() == vn.motcua.catalog.events.UnitType.DISTRICT
                && (in.validTo() == null || in.validTo().isAfter(UnitRules.LAST_DAY_OF_DISTRICTS))) {
            violations.add(new Violation("validTo", "districts ceased on " + UnitRules.LAST_DAY_OF_DISTRICTS
                    + " (two-level local government): validTo must be on or before it",
                    "cấp huyện chấm dứt hoạt động từ 01/7/2025: ngày hết hiệu lực phải từ 30/6/2025 trở về trước"));
        }
        String parent = blankToNull(in.parentCode());
        if (parent == null) {
            if (!UnitRules.allowedParents(in.type()).isEmpty()) {
                violations.add(new Violation("parentCode", "is required for a unit of type " + in.type(),
                        "là bắt buộc với đơn vị loại " + in.type()));
            }
            if (!violations.isEmpty()) {
                throw CatalogException.invalid(violations);
            }
            return Uni.createFrom().voidItem();
        }
        if (parent.equals(in.code())) {
            violations.add(new Violation("parentCode", "cannot be the unit itself", "không thể là chính đơn vị"));
            throw CatalogException.invalid(violations);
        }
        return UnitEntity.<UnitEntity>findById(parent).map(p -> {
            if (p == null) {
                violations.add(new Violation("parentCode", "unknown unit " + parent, "không có đơn vị " + parent));
            } else {
                if (!UnitRules.parentAllowed(in.type(), p.type)) {
                    violations.add(new Violation("parentCode", "a " + in.type() + " cannot be under a " + p.type
                            + " (allowed: " + UnitRules.allowedParents(in.type()) + ")",
                            "đơn vị loại " + in.type() + " không thể trực thuộc đơn vị loại " + p.type));
                }
                if (in.validFrom().isBefore(p.validFrom)
                        || (p.validTo != null && (in.validTo() == null || in.validTo().isAfter(p.validTo)))) {
                    violations.add(new Violation("validFrom", "the unit must exist only while its parent "
                            + parent + " exists (" + p.validFrom + " to " + (p.validTo == null ? "open" : p.validTo) + ")",
                            "thời gian hoạt động phải nằm trong thời gian của đơn vị cấp trên " + parent));
                }
            }
            if (!violations.isEmpty()) {
                throw CatalogException.invalid(violations);
            }
            return null;
        });
    }

    private Uni<Void> checkNoCycle(String code, String parentCode) {
        String parent = blankToNull(parentCode);
        if (parent == null) {
            return Uni.createFrom().voidItem();
        }
        return UnitEntity.<UnitEntity>findById(parent).onItem().transformToUni(p -> {
            if (p == null || p.parentCode == null) {
                return Uni.createFrom().voidItem();
            }
            if (p.parentCode.equals(code)) {
                throw CatalogException.invalid("parentCode", "would make the unit tree a cycle",
                        "tạo thành vòng lặp trong cây đơn vị");
            }
            return checkNoCycle(code, p.parentCode);
        });
    }

    // ---------------------------------------------------------------- procedures

    @WithTransaction
    public Uni<ProcedureSnapshot> publishProcedure(Dtos.ProcedureInput in) {
        List<Violation> violations = new ArrayList<>(Versioning.check(in.versions().stream()
                .map(v -> new Versioning.Span(v.effectiveFrom(), v.effectiveTo())).toList(), "versions"));
        for (int i = 0; i < in.versions().size(); i++) {
            violations.addAll(checkTime(in.versions().get(i).legalTime(), "versions[" + i + "].legalTime"));
        }
        if (!violations.isEmpty()) {
            throw CatalogException.invalid(violations);
        }
        return ProcedureEntity.<ProcedureEntity>findById(in.code()).onItem().transformToUni(existing -> {
            if (existing != null) {
                throw CatalogException.conflict("code", "procedure " + in.code() + " already exists; amend it instead",
                        "thủ tục " + in.code() + " đã tồn tại; hãy sửa đổi bằng phiên bản mới");
            }
            return FieldEntity.<FieldEntity>findById(in.fieldCode());
        }).onItem().transformToUni(field -> {
            if (field == null) {
                throw CatalogException.invalid("fieldCode", "unknown field " + in.fieldCode(),
                        "không có lĩnh vực " + in.fieldCode());
            }
            ProcedureEntity p = new ProcedureEntity();
            p.code = in.code();
            p.nameVi = in.nameVi().strip();
            p.fieldCode = in.fieldCode();
            p.level = in.level();
            p.unitTypes(in.competentUnitTypes());
            p.searchText = SearchText.index(in.code(), in.nameVi(), field.nameVi);
            p.updatedAt = clock.instant();
            List<ProcedureVersionEntity> versions = new ArrayList<>();
            for (int i = 0; i < in.versions().size(); i++) {
                versions.add(version(p.code, i + 1, in.versions().get(i)));
            }
            // An open version followed by a later one is closed the day before the later one starts.
            for (int i = 0; i + 1 < versions.size(); i++) {
                if (versions.get(i).effectiveTo == null) {
                    versions.get(i).effectiveTo = versions.get(i + 1).effectiveFrom.minusDays(1);
                }
            }
            Uni<?> chain = p.persist();
            for (ProcedureVersionEntity v : versions) {
                chain = chain.chain(v::persist);
            }
            ProcedureSnapshot snapshot = snapshot(p, field, versions);
            return chain.chain(() -> outbox.append(new CatalogEvent.ProcedurePublished(UUID.randomUUID(),
                    clock.instant(), CatalogEvent.SCHEMA_VERSION, snapshot))).replaceWith(snapshot);
        });
    }

    @WithTransaction
    public Uni<ProcedureSnapshot> amendProcedure(String code, Dtos.VersionInput in) {
        List<Violation> timeViolations = checkTime(in.legalTime(), "legalTime");
        if (!timeViolations.isEmpty()) {
            throw CatalogException.invalid(timeViolations);
        }
        if (in.effectiveTo() != null && in.effectiveTo().isBefore(in.effectiveFrom())) {
            throw CatalogException.invalid("effectiveTo", "is before effectiveFrom", "trước ngày bắt đầu hiệu lực");
        }
        return lockProcedure(code).onItem().transformToUni(p -> versions(code).onItem().transformToUni(versions -> {
            if (p.abolishedOn != null && !in.effectiveFrom().isBefore(p.abolishedOn)) {
                throw CatalogException.invalid("effectiveFrom", "the procedure is abolished from " + p.abolishedOn,
                        "thủ tục đã bị bãi bỏ từ ngày " + p.abolishedOn);
            }
            ProcedureVersionEntity latest = versions.get(versions.size() - 1);
            latest.effectiveTo = Versioning.closeLatestFor(
                    new Versioning.Span(latest.effectiveFrom, latest.effectiveTo), in.effectiveFrom(), "effectiveFrom");
            ProcedureVersionEntity next = version(code, latest.version + 1, in);
            versions.add(next);
            p.updatedAt = clock.instant();
            return next.persist().chain(() -> FieldEntity.<FieldEntity>findById(p.fieldCode)).onItem()
                    .transformToUni(field -> {
                        ProcedureSnapshot snapshot = snapshot(p, field, versions);
                        return outbox.append(new CatalogEvent.ProcedureAmended(UUID.randomUUID(), clock.instant(),
                                CatalogEvent.SCHEMA_VERSION, next.version, snapshot)).replaceWith(snapshot);
                    });
        }));
    }

    @WithTransaction
    public Uni<ProcedureSnapshot> abolishProcedure(String code, Dtos.AbolishInput in) {
        return lockProcedure(code).onItem().transformToUni(p -> versions(code).onItem().transformToUni(versions -> {
            if (p.abolishedOn != null) {
                throw CatalogException.conflict("code", "the procedure was already abolished from " + p.abolishedOn,
                        "thủ tục đã bị bãi bỏ từ ngày " + p.abolishedOn);
            }
            ProcedureVersionEntity latest = versions.get(versions.size() - 1);
            if (!in.effectiveDate().isAfter(versions.get(0).effectiveFrom)) {
                throw CatalogException.invalid("effectiveDate", "must be after the first version's start "
                        + versions.get(0).effectiveFrom, "phải sau ngày có hiệu lực đầu tiên " + versions.get(0).effectiveFrom);
            }
            if (!in.effectiveDate().isAfter(latest.effectiveFrom)) {
                throw CatalogException.invalid("effectiveDate", "a version starts on or after it ("
                        + latest.effectiveFrom + "); abolish after the last version starts",
                        "có phiên bản bắt đầu từ ngày " + latest.effectiveFrom + " trở đi");
            }
            if (latest.effectiveTo == null || !latest.effectiveTo.isBefore(in.effectiveDate())) {
                latest.effectiveTo = in.effectiveDate().minusDays(1);
            }
            p.abolishedOn = in.effectiveDate();
            p.abolishDecision = in.decision();
            p.updatedAt = clock.instant();
            return FieldEntity.<FieldEntity>findById(p.fieldCode).onItem().transformToUni(field -> {
                ProcedureSnapshot snapshot = snapshot(p, field, versions);
                return outbox.append(new CatalogEvent.ProcedureAbolished(UUID.randomUUID(), clock.instant(),
                        CatalogEvent.SCHEMA_VERSION, in.decision(), snapshot)).replaceWith(snapshot);
            });
        }));
    }

    private Uni<ProcedureEntity> lockProcedure(String code) {
        // The row lock serialises concurrent amendments of one procedure, so two can never both pass the overlap check.
        return ProcedureEntity.<ProcedureEntity>findById(code, LockModeType.PESSIMISTIC_WRITE).map(p -> {
            if (p == null) {
                throw CatalogException.notFound("Procedure", code, "Thủ tục");
            }
            return p;
        });
    }

    static Uni<List<ProcedureVersionEntity>> versions(String code) {
        return ProcedureVersionEntity.<ProcedureVersionEntity>list("procedureCode = ?1 order by version", code)
                .map(ArrayList::new);
    }

    static ProcedureSnapshot snapshot(ProcedureEntity p, FieldEntity field, List<ProcedureVersionEntity> versions) {
        return new ProcedureSnapshot(p.code, p.nameVi, p.fieldCode, field == null ? null : field.nameVi, p.level,
                p.unitTypes(), p.abolishedOn, versions.stream().map(ProcedureVersionEntity::snapshot).toList());
    }

    private ProcedureVersionEntity version(String code, int number, Dtos.VersionInput in) {
        ProcedureVersionEntity v = new ProcedureVersionEntity();
        v.procedureCode = code;
        v.version = number;
        v.effectiveFrom = in.effectiveFrom();
        v.effectiveTo = in.effectiveTo();
        v.legalAmount = in.legalTime().amount();
        v.legalUnit = in.legalTime().unit();
        v.feeVnd = in.feeVnd();
        v.feeNote = in.feeNote();
        v.onlineLevel = in.onlineLevel();
        v.postalReception = in.postalReception();
        v.postalReturn = in.postalReturn();
        v.requiredDocuments = Json.write(in.requiredDocuments().stream().map(String::strip).toList());
        v.legalBasis = in.legalBasis();
        v.decision = in.decision();
        return v;
    }

    static List<Violation> checkTime(Dtos.TimeInput t, String field) {
        try {
            new ProcessingTime(t.amount(), t.unit());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new Violation(field + ".amount", e.getMessage(),
                    t.unit().name().equals("IMMEDIATE") || t.unit().name().equals("NO_DEADLINE")
                            ? "phải bằng 0 với loại thời hạn " + t.unit()
                            : "phải lớn hơn 0 (thời hạn giải quyết không được âm hoặc bằng 0)"));
        }
    }

    // ---------------------------------------------------------------- commitments

    @WithTransaction
    public Uni<CommitmentSnapshot> setCommitment(String unitCode, String procedureCode, Dtos.CommitmentInput in) {
        List<Violation> timeViolations = checkTime(in.committedTime(), "committedTime");
        if (!timeViolations.isEmpty()) {
            throw CatalogException.invalid(timeViolations);
        }
        ProcessingTime committed = new ProcessingTime(in.committedTime().amount(), in.committedTime().unit());
        return UnitEntity.<UnitEntity>findById(unitCode).onItem().transformToUni(unit -> {
            if (unit == null) {
                throw CatalogException.notFound("Unit", unitCode, "Đơn vị");
            }
            return lockProcedure(procedureCode).onItem().transformToUni(p -> versions(procedureCode)
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
        return lockProcedure(procedureCode).chain(() -> commitments(unitCode, procedureCode)).onItem()
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

    // ---------------------------------------------------------------- calendar

    @WithTransaction
    public Uni<CalendarYearEntity> putCalendar(int year, Dtos.CalendarInput in) {
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
