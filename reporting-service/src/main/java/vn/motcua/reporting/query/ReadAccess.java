package vn.motcua.reporting.query;

import io.smallrye.mutiny.Uni;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.util.List;

/**
 * Which units' figures a caller reads: reporting-service's decision over the shared {@link Caller}. Analysts and
 * administrators read the whole province. A leader reads the subtree of the unit in the access token's {@code unit}
 * claim: every report, drill-down, export and dashboard page of a unit outside it is refused with 403, and a leader's
 * token without a unit reads nothing. A ranking lists the units directly under a parent, so a leader may ask for the
 * ranking under any unit of the subtree (every unit listed is then in it); the leader's own place among the units
 * beside it is on the unit's scorecard ({@code rank}: position, of how many, its own score), without their figures.
 */
public final class ReadAccess {
    private ReadAccess() {
    }

    /**
     * Completes when {@code caller} may read {@code code} (the unit named by {@code field}); an unknown unit is a 404
     * as for everyone, a unit outside a leader's subtree a 403. Readers of the whole province read the tree not at all.
     */
    public static Uni<Void> requireRead(Caller caller, Reports reports, String code, String field) {
        if (caller.readsEverything()) {
            return Uni.createFrom().voidItem();
        }
        try {
            caller.requireUnitClaim(field);
        } catch (ProblemException noUnit) {
            return Uni.createFrom().failure(noUnit);
        }
        return reports.units().map(tree -> {
            Reports.require(tree, code);
            if (!caller.subtreeContains(code, c -> {
                FigureQueries.UnitNode n = tree.get(c);
                return n == null ? null : n.parentCode();
            })) {
                throw new ProblemException(403, "unit-not-allowed",
                        "You may not read unit " + code + ": a leader reads the units of " + caller.unit() + " only",
                        "Bạn không được xem số liệu của đơn vị " + code + ": lãnh đạo chỉ xem đơn vị " + caller.unit()
                                + " và các đơn vị trực thuộc",
                        List.of(new ProblemException.Violation(field, "is outside the units your token may read",
                                "ngoài phạm vi đơn vị bạn được xem")));
            }
            return null;
        }).replaceWithVoid();
    }
}
