package vn.motcua.dossier.app;

import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types.Step;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may see, act on and decide a dossier: dossier-service's decisions over the shared {@link Caller}. An admin
 * every dossier, an officer or a system the dossiers of its units, an analyst reads only.
 */
public final class DossierAccess {
    private DossierAccess() {
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

    public static boolean maySee(Caller caller, DossierState s) {
        return caller.readsEverything() || mayActOn(caller, s);
    }

    public static boolean mayActOn(Caller caller, DossierState s) {
        return caller.admin() || unitsOf(s).stream().anyMatch(caller::mayActFor);
    }

    /** Refuses a dossier outside the caller's units as not found: its existence is not the caller's business. */
    public static void requireSee(Caller caller, DossierState s, String ref) {
        if (!maySee(caller, s)) {
            throw notFound(ref);
        }
    }

    public static void requireActOn(Caller caller, DossierState s, String ref) {
        requireSee(caller, s, ref);
        if (!mayActOn(caller, s)) {
            throw new ProblemException(403, "forbidden", "Forbidden: this dossier belongs to units "
                    + List.copyOf(unitsOf(s)), "Không có quyền: hồ sơ không thuộc đơn vị của bạn", List.of());
        }
    }

    /**
     * A decision on the merits (the result, a refusal after appraisal) belongs to the competent unit, or to the unit it
     * handed the dossier to; the desk that received a dossier for another unit cannot decide it.
     */
    public static boolean mayDecideOn(Caller caller, DossierState s) {
        return caller.admin() || caller.mayActFor(s.competentUnit())
                || s.currentUnit() != null && !s.currentUnit().equals(s.receivingUnit())
                && caller.mayActFor(s.currentUnit());
    }

    public static void requireDecideOn(Caller caller, DossierState s) {
        if (!mayDecideOn(caller, s)) {
            throw new ProblemException(403, "not-competent", "Only the competent unit " + s.competentUnit()
                    + " (or the unit holding the dossier for it) decides this dossier",
                    "Chỉ đơn vị có thẩm quyền " + s.competentUnit() + " (hoặc đơn vị đang xử lý hồ sơ) được quyết định",
                    List.of());
        }
    }

    /** Applicant data only for the dossier's own units and admins; analysts get the rest. */
    public static boolean seesPersonalData(Caller caller, DossierState s) {
        return mayActOn(caller, s);
    }

    public static ProblemException notFound(String ref) {
        return ProblemException.notFound("Dossier", ref, "Hồ sơ");
    }

    private static void add(Set<String> all, String unit) {
        if (unit != null) {
            all.add(unit);
        }
    }
}
