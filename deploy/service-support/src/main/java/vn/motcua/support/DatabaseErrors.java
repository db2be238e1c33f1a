package vn.motcua.support;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds PostgreSQL's SQL state in a failure, whichever layer reported it: the reactive driver's PgException, or the
 * plain SQLException (state and message, no cause) that Hibernate Reactive wraps it in.
 */
public final class DatabaseErrors {
    public static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    public record DatabaseError(String sqlState, String message) {
    }

    public static Optional<DatabaseError> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg && pg.getSqlState() != null) {
                String constraint = pg.getConstraint() == null ? "" : " constraint " + pg.getConstraint();
                return Optional.of(new DatabaseError(pg.getSqlState(), pg.getMessage() + constraint));
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(new DatabaseError(sql.getSQLState(), String.valueOf(sql.getMessage())));
            }
        }
        return Optional.empty();
    }

    /** A unique-key violation, of the named constraint when {@code constraint} is not null. */
    public static boolean uniqueViolation(Throwable t, String constraint) {
        return find(t).filter(e -> UNIQUE_VIOLATION.equals(e.sqlState())
                && (constraint == null || e.message().contains(constraint))).isPresent();
    }
}
