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

    /**
     * The database rolled the whole transaction back because of another one (serialization failure, deadlock, lock
     * not available): nothing of it was written, and the same request run again may well succeed.
     */
    public static boolean lostToAnotherTransaction(Throwable t) {
        String state = find(t).map(DatabaseError::sqlState).orElse("");
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
    }

    /**
     * Whether a failure means the database could not be reached (refused or lost connection, server shutting down or
     * starting): a moment's outage the caller may retry, not a fault of the request. Mutiny's composite failures and
     * suppressed exceptions are searched too, since a failed rollback is reported beside the original failure.
     */
    public static boolean unavailable(Throwable t) {
        return unavailable(t, 0);
    }

    private static boolean unavailable(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        // refused, reset or closed connections (ConnectException is a SocketException); a write to a connection the
        // server closed (the JDK reports "Broken pipe" as a plain IOException, unlike an unreadable record's), and
        // the statements pipelined behind it, which the client refuses on the closed connection
        if (t instanceof java.net.SocketException || t instanceof java.nio.channels.ClosedChannelException
                || t instanceof io.vertx.sqlclient.ClosedConnectionException
                || t instanceof java.io.IOException io && brokenConnection(io.getMessage())
                || String.valueOf(t.getMessage()).startsWith("Connection is not active now")) {
            return true;
        }
        String state = t instanceof PgException pg ? pg.getSqlState() : t instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        if (t instanceof io.smallrye.mutiny.CompositeException c) {
            for (Throwable x : c.getCauses()) {
                if (unavailable(x, depth + 1)) {
                    return true;
                }
            }
        }
        for (Throwable x : t.getSuppressed()) {
            if (unavailable(x, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && unavailable(t.getCause(), depth + 1);
    }

    private static boolean brokenConnection(String message) {
        return message != null && (message.contains("Broken pipe") || message.contains("Connection reset"));
    }

    /** A unique-key violation, of the named constraint when {@code constraint} is not null. */
    public static boolean uniqueViolation(Throwable t, String constraint) {
        return find(t).filter(e -> UNIQUE_VIOLATION.equals(e.sqlState())
                && (constraint == null || e.message().contains(constraint))).isPresent();
    }
}
