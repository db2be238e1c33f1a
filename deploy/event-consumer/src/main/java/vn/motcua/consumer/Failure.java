package vn.motcua.consumer;

import vn.motcua.support.DatabaseErrors;

import java.util.Set;

/**
 * Why a record could not be applied, and whether trying again can help. The one classification every consumer uses:
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: the database or the broker is away or busy (refused or lost connection, server
 *   shutting down or starting, serialization failure, deadlock, lock timeout, too many connections, a timeout): the
 *   same record is tried again after a bounded backoff;</li>
 *   <li>{@link Kind#DETERMINISTIC}: the record itself cannot be applied (malformed or schema-invalid, a data or
 *   constraint error such as not-null, value too long or a check violation, or an apply that throws): trying again
 *   gives the same answer, so it goes to the dead-letter topic and the consumer goes on;</li>
 *   <li>{@link Kind#OUT_OF_ORDER}: a version before it has not been applied: it is parked, not applied.</li>
 * </ul>
 *
 * @param sqlState PostgreSQL's SQL state where the database refused, else null
 * @param errorClass the class of the failure that decided (the innermost database error, else the failure itself)
 */
public record Failure(Kind kind, String reason, String sqlState, String errorClass) {

    public enum Kind { TRANSIENT, DETERMINISTIC, OUT_OF_ORDER }

    /** SQL states that mean "try again": class 08 connection, 40001 serialization, 40P01 deadlock, 53 resources, 55P03 lock not available, 57P shutdown or starting, 57014 cancelled (statement timeout). */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014");

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    public static boolean isTransient(Throwable t) {
        return of(t).isTransient();
    }

    public static Failure of(Throwable t) {
        OutOfOrderEvent gap = find(t, OutOfOrderEvent.class);
        if (gap != null) {
            return new Failure(Kind.OUT_OF_ORDER, gap.getMessage(), null, OutOfOrderEvent.class.getName());
        }
        if (DatabaseErrors.unavailable(t) || transientTransport(t, 0)) {
            return new Failure(Kind.TRANSIENT, describe(t), DatabaseErrors.find(t).map(DatabaseErrors.DatabaseError::sqlState)
                    .orElse(null), innermost(t).getClass().getName());
        }
        var db = DatabaseErrors.find(t);
        if (db.isPresent()) {
            String state = db.get().sqlState();
            Kind kind = TRANSIENT_STATES.contains(state) || state.startsWith("53") || state.startsWith("08")
                    || state.startsWith("57P") ? Kind.TRANSIENT : Kind.DETERMINISTIC;
            return new Failure(kind, db.get().message(), state, databaseErrorClass(t));
        }
        return new Failure(Kind.DETERMINISTIC, describe(t), null, innermost(t).getClass().getName());
    }

    /** Timeouts and broker unavailability, wherever they sit in the cause chain. */
    private static boolean transientTransport(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        // not every IOException: a JSON parse error is one, and it is the record's fault
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                || t instanceof java.net.UnknownHostException
                || t instanceof org.apache.kafka.common.errors.RetriableException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t instanceof io.vertx.core.impl.NoStackTraceThrowable && String.valueOf(t.getMessage()).contains("Timeout")) {
            return true;
        }
        return t.getCause() != t && transientTransport(t.getCause(), depth + 1);
    }

    private static String databaseErrorClass(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException || c instanceof java.sql.SQLException) {
                return c.getClass().getName();
            }
        }
        return t.getClass().getName();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        Throwable inner = innermost(t);
        String message = inner.getMessage() != null ? inner.getMessage() : t.getMessage();
        String text = message == null ? inner.getClass().getSimpleName() : message;
        // a reason is read by people and travels in a header: keep it short
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
