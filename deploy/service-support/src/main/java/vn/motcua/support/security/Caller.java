package vn.motcua.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.motcua.support.ProblemException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Who is asking, in every service: the token's subject, its roles (the {@code groups} claim) and the units it acts
 * for. An officer or a leader names one unit ({@code unit} claim); a system such as a kiosk or the online portal may
 * name several ({@code units}). Admins act for every unit; analysts read every unit and change nothing. What a role
 * may do to a particular dossier, rating or report is each service's decision, written over this record.
 *
 * @param unit  the token's own unit ({@code unit} claim), or null
 * @param units every unit the token acts for: {@code unit} and {@code units} together
 */
public record Caller(String name, Set<String> roles, String unit, Set<String> units) {
    public static final String ADMIN = "admin";
    public static final String OFFICER = "officer";
    public static final String SYSTEM = "system";
    public static final String ANALYST = "analyst";
    public static final String LEADER = "leader";

    public Caller {
        roles = Set.copyOf(roles);
        Set<String> all = new HashSet<>(units);
        if (unit != null) {
            all.add(unit);
        }
        units = Set.copyOf(all);
    }

    /**
     * The caller of the current request. Roles come from the security identity (for the dashboard's sign-in those of
     * the access token), the units from the token's claims; an anonymous request is a caller with no role.
     */
    public static Caller of(SecurityIdentity identity, JsonWebToken jwt) {
        boolean anonymous = identity == null || identity.isAnonymous();
        String name = anonymous ? null : identity.getPrincipal().getName();
        Set<String> roles = anonymous ? Set.of() : identity.getRoles();
        String unit = jwt == null ? null : claimText(jwt.getClaim("unit"));
        Set<String> units = new HashSet<>();
        if (jwt != null && jwt.getClaim("units") instanceof Iterable<?> many) {
            many.forEach(u -> {
                String code = claimText(u);
                if (code != null) {
                    units.add(code);
                }
            });
        }
        return new Caller(name, roles, unit, units);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean admin() {
        return has(ADMIN);
    }

    public boolean officer() {
        return has(OFFICER);
    }

    public boolean system() {
        return has(SYSTEM);
    }

    /** Admins and analysts read every unit. */
    public boolean readsEverything() {
        return admin() || has(ANALYST);
    }

    /** Admins act for every unit; officers and systems for the units of their token. */
    public boolean mayActFor(String code) {
        return code != null && (admin() || (officer() || system()) && units.contains(code));
    }

    public boolean mayRead(String code) {
        return readsEverything() || mayActFor(code);
    }

    public void requireActFor(String code, String field) {
        if (!mayActFor(code)) {
            throw new ProblemException(403, "unit-not-allowed", "You may not act for unit " + code,
                    "Bạn không được thao tác thay cho đơn vị " + code,
                    List.of(new ProblemException.Violation(field, "is not a unit of your token",
                            "không phải đơn vị của bạn")));
        }
    }

    public void requireRead(String code, String field) {
        if (!mayRead(code)) {
            requireActFor(code, field);
        }
    }

    /** Refuses (403) a caller that reads by its own unit but whose token names none: such a token reads nothing. */
    public Caller requireUnitClaim(String field) {
        if (!readsEverything() && unit == null) {
            throw new ProblemException(403, "no-unit",
                    "Your token names no unit (claim unit): a leader reads the figures of a unit and the units under it",
                    "Mã truy cập của bạn không gắn với đơn vị nào (claim unit): lãnh đạo chỉ xem số liệu của đơn vị mình",
                    List.of(new ProblemException.Violation(field, "your token names no unit",
                            "mã truy cập không gắn với đơn vị")));
        }
        return this;
    }

    /**
     * Whether {@code code} is the caller's own unit or under it, following {@code parentOf} up the unit tree (a loop
     * in the tree ends the walk). A token without a unit has no subtree.
     */
    public boolean subtreeContains(String code, UnaryOperator<String> parentOf) {
        if (unit == null) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (String c = code; c != null && seen.add(c); c = parentOf.apply(c)) {
            if (c.equals(unit)) {
                return true;
            }
        }
        return false;
    }

    private static String claimText(Object claim) {
        if (claim == null) {
            return null;
        }
        String text = claim.toString().replace("\"", "").trim();
        return text.isEmpty() ? null : text;
    }
}
