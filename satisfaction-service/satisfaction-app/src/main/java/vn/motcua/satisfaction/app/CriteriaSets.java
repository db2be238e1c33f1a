package vn.motcua.satisfaction.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.satisfaction.domain.CriteriaSet;
import vn.motcua.satisfaction.store.CatalogUnitEntity;
import vn.motcua.satisfaction.store.CriteriaSetEntity;
import vn.motcua.support.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Criteria sets as versioned data: read, chosen for a unit, and published as new versions. Call inside a session. */
@ApplicationScoped
public class CriteriaSets {
    private static final TypeReference<List<CriteriaSet.Criterion>> CRITERIA = new TypeReference<>() {
    };
    private final ObjectMapper json = new ObjectMapper();
    private final String defaultSet;

    public CriteriaSets(@ConfigProperty(name = "motcua.rating.default-criteria-set", defaultValue = "SIPAS") String defaultSet) {
        this.defaultSet = defaultSet;
    }

    public Uni<List<CriteriaSet>> all() {
        return CriteriaSetEntity.<CriteriaSetEntity>listAll().map(rows -> rows.stream().map(this::toDomain)
                .sorted(Comparator.comparing(CriteriaSet::code).thenComparingInt(CriteriaSet::version)).toList());
    }

    public Uni<List<CriteriaSet>> versions(String code) {
        return CriteriaSetEntity.<CriteriaSetEntity>list("key.code = ?1 order by key.version", code)
                .map(rows -> rows.stream().map(this::toDomain).toList());
    }

    /**
     * The set a rating is given against: the named code (and version, if given) or else the set for the competent
     * unit's type, in the version in force on {@code day}. Reads the (few) sets once.
     */
    public Uni<CriteriaSet> choose(String code, Integer version, String unitCode, LocalDate day) {
        Uni<String> unitType = code != null || unitCode == null ? Uni.createFrom().nullItem()
                : CatalogUnitEntity.<CatalogUnitEntity>findById(unitCode).map(u -> u == null ? null : u.unitType);
        return unitType.chain(type -> all().map(sets -> {
            String c = code != null ? code : sets.stream().filter(s -> type != null && s.unitTypes().contains(type))
                    .map(CriteriaSet::code).findFirst().orElse(defaultSet);
            List<CriteriaSet> versions = sets.stream().filter(s -> s.code().equals(c)).toList();
            if (versions.isEmpty()) {
                throw ProblemException.invalid("criteriaSet", "unknown criteria set " + c,
                        "không có bộ tiêu chí " + c);
            }
            if (version != null) {
                return versions.stream().filter(v -> v.version() == version).findFirst()
                        .orElseThrow(() -> ProblemException.invalid("criteriaSetVersion", "criteria set " + c
                                + " has no version " + version, "bộ tiêu chí " + c + " không có phiên bản " + version));
            }
            return CriteriaSet.inForce(versions, day).orElseThrow(() -> ProblemException.invalid("criteriaSet",
                    "no version of " + c + " is in force on " + day, "bộ tiêu chí " + c + " chưa có hiệu lực vào ngày " + day));
        }));
    }

    /** Publishes the next version of a set (the first, for a new code). Earlier versions stay as they were. */
    public Uni<CriteriaSet> publish(String code, String nameVi, String name, Set<String> unitTypes,
                                    LocalDate effectiveFrom, List<CriteriaSet.Criterion> criteria, Instant now) {
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            if (!codes.add(criteria.get(i).code())) {
                throw ProblemException.invalid("criteria[" + i + "].code", "is listed twice: " + criteria.get(i).code(),
                        "bị trùng: " + criteria.get(i).code());
            }
        }
        return versions(code).chain(versions -> {
            int next = versions.stream().mapToInt(CriteriaSet::version).max().orElse(0) + 1;
            CriteriaSetEntity row = new CriteriaSetEntity();
            row.key = new CriteriaSetEntity.Key(code, next);
            row.nameVi = nameVi;
            row.name = name;
            row.unitTypes = String.join(",", unitTypes);
            row.effectiveFrom = effectiveFrom;
            row.criteria = write(criteria);
            row.publishedAt = now;
            return row.persist().map(saved -> toDomain(row));
        });
    }

    CriteriaSet toDomain(CriteriaSetEntity row) {
        try {
            Set<String> types = Arrays.stream(row.unitTypes.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                    .collect(Collectors.toSet());
            return new CriteriaSet(row.key.code(), row.key.version(), row.nameVi, row.name, types, row.effectiveFrom,
                    json.readValue(row.criteria, CRITERIA));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable criteria of " + row.key, e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks answers against the set: known criteria, levels 1 to 5; every fault is named. */
    public static void checkAnswers(CriteriaSet set, Map<String, Integer> answers, String field) {
        List<ProblemException.Violation> bad = new java.util.ArrayList<>();
        new java.util.TreeMap<>(answers).forEach((criterion, level) -> {
            if (set.criterion(criterion).isEmpty()) {
                bad.add(new ProblemException.Violation(field + "." + criterion, "is not a criterion of " + set.code()
                        + " v" + set.version() + " " + set.criteria().stream().map(CriteriaSet.Criterion::code).toList(),
                        "không phải tiêu chí của bộ " + set.code()));
            } else if (level == null || level < 1 || level > 5) {
                bad.add(new ProblemException.Violation(field + "." + criterion, "must be a level from 1 to 5",
                        "phải là mức từ 1 đến 5"));
            }
        });
        if (!bad.isEmpty()) {
            throw ProblemException.invalid(bad);
        }
    }
}
