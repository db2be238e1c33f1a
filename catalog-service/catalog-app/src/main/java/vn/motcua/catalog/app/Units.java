package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.support.ProblemException.Violation;
import vn.motcua.catalog.domain.SearchText;
import vn.motcua.catalog.domain.UnitRules;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.messaging.OutboxWriter;
import vn.motcua.catalog.store.UnitEntity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tree of units (đơn vị): registered and changed within the rules of the two-level local government; each change
 * writes the unit and its event to the outbox in one transaction, a refused one writes nothing.
 */
@ApplicationScoped
public class Units {
    private final OutboxWriter outbox;
    private final Clock clock;

    public Units(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<UnitSnapshot> registerUnit(CatalogInputs.UnitInput in) {
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
    public Uni<UnitSnapshot> updateUnit(String code, CatalogInputs.UnitInput in) {
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

    private void apply(UnitEntity u, CatalogInputs.UnitInput in) {
        u.code = in.code();
        u.nameVi = in.nameVi().strip();
        u.type = in.type();
        u.parentCode = blankToNull(in.parentCode());
        u.validFrom = in.validFrom();
        u.validTo = in.validTo();
        u.searchText = SearchText.index(in.code(), in.nameVi());
        u.updatedAt = clock.instant();
    }

    private Uni<Void> checkUnit(CatalogInputs.UnitInput in) {
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
