package vn.motcua.dossier.app;

import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types.Step;
import vn.motcua.support.ProblemException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is asking: an admin (every dossier), an officer (the dossiers of the unit in the token's {@code unit} claim), a
 * system (the units in its {@code units} claim), or an analyst (reads only).
 */
public record Caller(String name, Set<String> roles, Set<String> units) {
    public static final String ADMIN = "admin";
    public static final String OFFICER = "officer";
    public static final String SYSTEM = "system";
    public static final String ANALYST = "analyst";

    public Caller {
        roles = Set.copyOf(roles);
        units = Set.copyOf(units);
    }

    public boolean admin() {
        return roles.contains(ADMIN);
    }

    public boolean readsEverything() {
        return admin() || roles.contains(ANALYST);
    }

    public boolean mayActFor(String unit) {
        return admin() || (roles.contains(OFFICER) || roles.contains(SYSTEM)) && units.contains(unit);
    }

    /** The units a dossier belongs to: where it was received, who is competent, and every unit it passed through. */
    public static Set<String> unitsOf(DossierState s) {
        Set<String> all = new HashSet<>();
        add(all, s.receivingUnit());
        add(all, s.competentUnit());
        add(all, s.currentUnit());
        for (Step step : s.steps()) {
            add(all, step.unitCode());
        }
        return all;
    }

    public boolean maySee(DossierState s) {
        return readsEverything() || unitsOf(s).stream().anyMatch(this::mayActFor);
    }

    public boolean mayActOn(DossierState s) {
        return admin() || unitsOf(s).stream().anyMatch(this::mayActFor);
    }

    /** Refuses a dossier outside the caller's units as not found: its existence is not the caller's business. */
    public void requireSee(DossierState s, String ref) {
        if (!maySee(s)) {
            throw notFound(ref);
        }
    }

    public void requireActOn(DossierState s, String ref) {
        requireSee(s, ref);
        if (!mayActOn(s)) {
            throw forbidden("this dossier belongs to units " + List.copyOf(unitsOf(s)),
                    "hồ sơ không thuộc đơn vị của bạn");
        }
    }

    /**
     * A decision on the merits (the result, a refusal after appraisal) belongs to the competent unit, or to the unit it
     * handed the dossier to; the desk that received a dossier for another unit cannot decide it.
     */
    public boolean mayDecideOn(DossierState s) {
        return admin() || mayActFor(s.competentUnit())
                || s.currentUnit() != null && !s.currentUnit().equals(s.receivingUnit()) && mayActFor(s.currentUnit());
    }

    public void requireDecideOn(DossierState s) {
        if (!mayDecideOn(s)) {
            throw new ProblemException(403, "not-competent", "Only the competent unit " + s.competentUnit()
                    + " (or the unit holding the dossier for it) decides this dossier",
                    "Chỉ đơn vị có thẩm quyền " + s.competentUnit() + " (hoặc đơn vị đang xử lý hồ sơ) được quyết định",
                    List.of());
        }
    }

    public void requireActFor(String unit, String field) {
        if (!mayActFor(unit)) {
            throw new ProblemException(403, "unit-not-allowed", "You may not act for unit " + unit,
                    "Bạn không được thao tác thay cho đơn vị " + unit,
                    List.of(new ProblemException.Violation(field, "is not a unit of your token",
                            "không phải đơn vị của bạn")));
        }
    }

    public static ProblemException notFound(String ref) {
        return ProblemException.notFound("Dossier", ref, "Hồ sơ");
    }

    private static ProblemException forbidden(String reason, String reasonVi) {
        return new ProblemException(403, "forbidden", "Forbidden: " + reason, "Không có quyền: " + reasonVi, List.of());
    }

    private static void add(Set<String> all, String unit) {
        if (unit != null) {
            all.add(unit);
        }
    }
}
