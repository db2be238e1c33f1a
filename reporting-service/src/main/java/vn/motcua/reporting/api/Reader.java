package vn.motcua.reporting.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.motcua.reporting.query.FigureQueries;
import vn.motcua.reporting.query.Reports;
import vn.motcua.support.ProblemException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who reads the figures, and which units. Analysts and administrators read the whole province. A leader reads the
 * subtree of the unit in the access token's {@code unit} claim (as an officer's token names the officer's unit):
 * every report, drill-down, export and dashboard page of a unit outside it is refused with 403, and a leader's token
 * without a unit reads nothing. A ranking lists the units directly under a parent, so a leader may ask for the
 * ranking under any unit of the subtree (every unit listed is then in it); the leader's own place among the units
 * beside it is on the unit's scorecard ({@code rank}: position, of how many, its own score), without their figures.
 *
 * @param unit the leader's unit, or null for a reader of the whole province
 */
public record Reader(String name, boolean provinceWide, String unit) {

    /** The caller of the current request; for the dashboard's sign-in the claims are the access token's. */
    static Reader of(SecurityIdentity identity, JsonWebToken jwt) {
        String name = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        if (identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.ANALYST)) {
            return new Reader(name, true, null);
        }
        Object claim = jwt == null ? null : jwt.getClaim("unit");
        String unit = claim == null ? null : claim.toString().replace("\"", "").trim();
        return new Reader(name, false, unit == null || unit.isEmpty() ? null : unit);
    }

    /** Refuses (403) a leader whose token names no unit: such a token reads nothing. */
    Reader requireUnitClaim(String field) {
        if (!provinceWide && unit == null) {
            throw noUnit(field);
        }
        return this;
    }

    /**
     * Completes when this reader may read {@code code} (the unit named by {@code field}); an unknown unit is a 404 as
     * for everyone, a unit outside a leader's subtree a 403. Readers of the whole province read the tree not at all.
     */
    Uni<Void> requireRead(Reports reports, String code, String field) {
        if (provinceWide) {
            return Uni.createFrom().voidItem();
        }
        if (unit == null) {
            return Uni.createFrom().failure(noUnit(field));
        }
        return reports.units().map(tree -> {
            Reports.require(tree, code);
            if (!within(tree, code, unit)) {
                throw new ProblemException(403, "unit-not-allowed",
                        "You may not read unit " + code + ": a leader reads the units of " + unit + " only",
                        "Bạn không được xem số liệu của đơn vị " + code + ": lãnh đạo chỉ xem đơn vị " + unit
                                + " và các đơn vị trực thuộc",
                        List.of(new ProblemException.Violation(field, "is outside the units your token may read",
                                "ngoài phạm vi đơn vị bạn được xem")));
            }
            return null;
        }).replaceWithVoid();
    }

    /** Whether {@code code} is {@code root} or under it (following parents; a loop in the tree ends the walk). */
    static boolean within(Map<String, FigureQueries.UnitNode> tree, String code, String root) {
        Set<String> seen = new HashSet<>();
        for (String c = code; c != null && seen.add(c); ) {
            if (c.equals(root)) {
                return true;
            }
            FigureQueries.UnitNode n = tree.get(c);
            c = n == null ? null : n.parentCode();
        }
        return false;
    }

    private static ProblemException noUnit(String field) {
        return new ProblemException(403, "no-unit",
                "Your token names no unit (claim unit): a leader reads the figures of a unit and the units under it",
                "Mã truy cập của bạn không gắn với đơn vị nào (claim unit): lãnh đạo chỉ xem số liệu của đơn vị mình",
                List.of(new ProblemException.Violation(field, "your token names no unit",
                        "mã truy cập không gắn với đơn vị")));
    }
}
