package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.support.ProblemException.Violation;
import vn.motcua.catalog.domain.SearchText;
import vn.motcua.catalog.domain.Versioning;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.messaging.OutboxWriter;
import vn.motcua.catalog.store.FieldEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.catalog.store.ProcedureEntity;
import vn.motcua.catalog.store.ProcedureVersionEntity;
import vn.motcua.duedate.ProcessingTime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Procedures (thủ tục hành chính) and their versions in force: published, amended by a new version, abolished; each
 * change writes the rows and its event to the outbox in one transaction, a refused one writes nothing.
 */
@ApplicationScoped
public class Procedures {
    private final OutboxWriter outbox;
    private final Clock clock;

    public Procedures(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ProcedureSnapshot> publishProcedure(CatalogInputs.ProcedureInput in) {
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
    public Uni<ProcedureSnapshot> amendProcedure(String code, CatalogInputs.VersionInput in) {
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
    public Uni<ProcedureSnapshot> abolishProcedure(String code, CatalogInputs.AbolishInput in) {
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

    static Uni<ProcedureEntity> lockProcedure(String code) {
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

    private ProcedureVersionEntity version(String code, int number, CatalogInputs.VersionInput in) {
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

    static List<Violation> checkTime(CatalogInputs.TimeInput t, String field) {
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
}
