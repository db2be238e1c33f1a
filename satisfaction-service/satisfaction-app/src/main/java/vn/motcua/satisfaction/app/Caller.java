package vn.motcua.satisfaction.app;

import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.motcua.support.ProblemException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is asking: an admin, an officer (of the unit in the token's {@code unit} claim), a system such as a kiosk or
 * the online portal (for the units in its {@code units} claim), or an analyst (reads only).
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

    public static Caller of(JsonWebToken jwt) {
        Set<String> units = new HashSet<>();
        Object unit = jwt.getClaim("unit");
        if (unit != null) {
            units.add(unit.toString().replace("\"", ""));
        }
        if (jwt.getClaim("units") instanceof Iterable<?> many) {
            many.forEach(u -> units.add(u.toString().replace("\"", "")));
        }
        return new Caller(jwt.getName(), jwt.getGroups(), units);
    }

    public boolean admin() {
        return roles.contains(ADMIN);
    }

    public boolean officer() {
        return roles.contains(OFFICER);
    }

    public boolean system() {
        return roles.contains(SYSTEM);
    }

    public boolean readsEverything() {
        return admin() || roles.contains(ANALYST);
    }

    public boolean mayActFor(String unit) {
        return unit != null && (admin() || (officer() || system()) && units.contains(unit));
    }

    public boolean mayRead(String unit) {
        return readsEverything() || mayActFor(unit);
    }

    public void requireActFor(String unit, String field) {
        if (!mayActFor(unit)) {
            throw new ProblemException(403, "unit-not-allowed", "You may not act for unit " + unit,
                    "Bạn không được thao tác thay cho đơn vị " + unit,
                    List.of(new ProblemException.Violation(field, "is not a unit of your token",
                            "không phải đơn vị của bạn")));
        }
    }

    public void requireRead(String unit, String field) {
        if (!mayRead(unit)) {
            requireActFor(unit, field);
        }
    }
}
