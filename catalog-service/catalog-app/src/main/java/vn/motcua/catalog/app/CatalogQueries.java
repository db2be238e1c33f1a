package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.domain.CatalogException;
import vn.motcua.catalog.domain.SearchText;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.CommitmentEntity;
import vn.motcua.catalog.store.FieldEntity;
import vn.motcua.catalog.store.ProcedureEntity;
import vn.motcua.catalog.store.ProcedureVersionEntity;
import vn.motcua.catalog.store.UnitEntity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Read side of the catalog: filtered, paginated lists and lookups by code and date. */
@ApplicationScoped
public class CatalogQueries {

    public record PageOf<T>(List<T> items, int page, int size, long total) {
    }

    public record UnitFilter(UnitType type, String parentCode, LocalDate activeOn, String q) {
    }

    public record ProcedureFilter(String q, String fieldCode, ProcedureLevel level, OnlineLevel onlineLevel,
                                  String unitCode, LocalDate on) {
    }

    /** A procedure as in force on one date, with the version that applies then. */
    public record ProcedureOnDate(ProcedureSnapshot procedure, LocalDate on,
                                  vn.motcua.catalog.events.ProcedureVersionSnapshot versionInForce) {
    }

    @WithSession
    public Uni<List<FieldEntity>> fields() {
        return FieldEntity.listAll(io.quarkus.panache.common.Sort.by("code"));
    }

    @WithSession
    public Uni<PageOf<UnitSnapshot>> units(UnitFilter f, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.type() != null) {
            where.append(" and type = :type");
            params.put("type", f.type());
        }
        if (f.parentCode() != null) {
            where.append(" and parentCode = :parent");
            params.put("parent", f.parentCode());
        }
        if (f.activeOn() != null) {
            where.append(" and validFrom <= :on and (validTo is null or validTo >= :on)");
            params.put("on", f.activeOn());
        }
        appendTerms(where, params, f.q());
        var query = UnitEntity.<UnitEntity>find(where + " order by code", params);
        return query.page(Page.of(page, size)).list().onItem().transformToUni(items -> query.count()
                .map(total -> new PageOf<>(items.stream().map(UnitEntity::snapshot).toList(), page, size, total)));
    }

    @WithSession
    public Uni<UnitSnapshot> unit(String code) {
        return UnitEntity.<UnitEntity>findById(code).map(u -> {
            if (u == null) {
                throw CatalogException.notFound("Unit", code, "Đơn vị");
            }
            return u.snapshot();
        });
    }

    @WithSession
    public Uni<PageOf<ProcedureOnDate>> procedures(ProcedureFilter f, int page, int size) {
        Uni<UnitEntity> unit = f.unitCode() == null ? Uni.createFrom().nullItem()
                : UnitEntity.<UnitEntity>findById(f.unitCode()).map(u -> {
                    if (u == null) {
                        throw CatalogException.invalid("unit", "unknown unit " + f.unitCode(),
                                "không có đơn vị " + f.unitCode());
                    }
                    return u;
                });
        return unit.onItem().transformToUni(u -> {
            StringBuilder where = new StringBuilder("1 = 1");
            Map<String, Object> params = new HashMap<>();
            where.append(" and exists (select 1 from ProcedureVersionEntity v where v.procedureCode = p.code"
                    + " and v.effectiveFrom <= :on and (v.effectiveTo is null or v.effectiveTo >= :on)");
            params.put("on", f.on());
            if (f.onlineLevel() != null) {
                where.append(" and v.onlineLevel = :online");
                params.put("online", f.onlineLevel());
            }
            where.append(")");
            if (f.fieldCode() != null) {
                where.append(" and p.fieldCode = :field");
                params.put("field", f.fieldCode());
            }
            if (f.level() != null) {
                where.append(" and p.level = :level");
                params.put("level", f.level());
            }
            if (u != null) {
                where.append(" and p.competentUnitTypes like :unitType");
                params.put("unitType", "%," + u.type.name() + ",%");
            }
            appendTerms(where, params, f.q(), "p.");
            var query = ProcedureEntity.<ProcedureEntity>find("from ProcedureEntity p where " + where
                    + " order by p.code", params);
            return query.page(Page.of(page, size)).list().onItem().transformToUni(items -> query.count()
                    .onItem().transformToUni(total -> withVersions(items, f.on())
                            .map(list -> new PageOf<>(list, page, size, total))));
        });
    }

    @WithSession
    public Uni<ProcedureOnDate> procedure(String code, LocalDate on) {
        return ProcedureEntity.<ProcedureEntity>findById(code).onItem().transformToUni(p -> {
            if (p == null) {
                throw CatalogException.notFound("Procedure", code, "Thủ tục");
            }
            return withVersions(List.of(p), on).map(list -> list.get(0));
        });
    }

    private Uni<List<ProcedureOnDate>> withVersions(List<ProcedureEntity> procedures, LocalDate on) {
        if (procedures.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> codes = procedures.stream().map(p -> p.code).toList();
        List<String> fieldCodes = procedures.stream().map(p -> p.fieldCode).distinct().toList();
        return ProcedureVersionEntity.<ProcedureVersionEntity>list(
                        "procedureCode in ?1 order by procedureCode, version", codes)
                .onItem().transformToUni(versions -> FieldEntity.<FieldEntity>list("code in ?1", fieldCodes)
                        .map(fields -> {
                            Map<String, FieldEntity> fieldByCode = fields.stream()
                                    .collect(Collectors.toMap(fe -> fe.code, fe -> fe));
                            Map<String, List<ProcedureVersionEntity>> byCode = new LinkedHashMap<>();
                            versions.forEach(v -> byCode.computeIfAbsent(v.procedureCode, k -> new ArrayList<>()).add(v));
                            List<ProcedureOnDate> out = new ArrayList<>();
                            for (ProcedureEntity p : procedures) {
                                List<ProcedureVersionEntity> vs = byCode.getOrDefault(p.code, List.of());
                                ProcedureSnapshot snap = Procedures.snapshot(p, fieldByCode.get(p.fieldCode), vs);
                                var inForce = vs.stream().filter(v -> v.inForceOn(on)).findFirst()
                                        .map(ProcedureVersionEntity::snapshot).orElse(null);
                                out.add(new ProcedureOnDate(snap, on, inForce));
                            }
                            return out;
                        }));
    }

    @WithSession
    public Uni<List<CommitmentSnapshot>> commitments(String unitCode, String procedureCode) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (unitCode != null) {
            where.append(" and unitCode = :unit");
            params.put("unit", unitCode);
        }
        if (procedureCode != null) {
            where.append(" and procedureCode = :procedure");
            params.put("procedure", procedureCode);
        }
        return CommitmentEntity.<CommitmentEntity>list(where + " order by unitCode, procedureCode, effectiveFrom",
                params).map(rows -> {
                    Map<String, List<CommitmentEntity>> grouped = new LinkedHashMap<>();
                    rows.forEach(r -> grouped.computeIfAbsent(r.unitCode + "/" + r.procedureCode,
                            k -> new ArrayList<>()).add(r));
                    return grouped.values().stream().map(list -> new CommitmentSnapshot(list.get(0).unitCode,
                            list.get(0).procedureCode, list.stream().map(CommitmentEntity::period).toList())).toList();
                });
    }

    @WithSession
    public Uni<CalendarYearEntity> calendar(int year) {
        return CalendarYearEntity.<CalendarYearEntity>findById(year).map(c -> {
            if (c == null) {
                throw CatalogException.notFound("Calendar of year", String.valueOf(year), "Lịch làm việc năm");
            }
            return c;
        });
    }

    @WithSession
    public Uni<List<CalendarYearEntity>> calendars() {
        return CalendarYearEntity.listAll(io.quarkus.panache.common.Sort.by("year"));
    }

    private static void appendTerms(StringBuilder where, Map<String, Object> params, String q) {
        appendTerms(where, params, q, "");
    }

    private static void appendTerms(StringBuilder where, Map<String, Object> params, String q, String alias) {
        List<String> terms = SearchText.terms(q);
        for (int i = 0; i < terms.size(); i++) {
            // Word-prefix match on the folded text: "can cuoc" matches "căn cước" but "an" does not match "căn".
            where.append(" and ").append(alias).append("searchText like :t").append(i);
            params.put("t" + i, "% " + terms.get(i).replace("%", "").replace("_", "") + "%");
        }
    }
}
