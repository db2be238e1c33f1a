package vn.motcua.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain statements on the connection of the current Hibernate Reactive session, so inside its transaction, with no
 * entity, no flush and no query translation. For the statements a service runs on every command or record: a
 * Hibernate native query with a result type puts a new entry in the query plan cache each time it runs (the
 * entries do not compare equal, and all share the statement's hash), and the lookups walking those entries took
 * over half of a consumer's CPU.
 */
public final class SessionConnection {
    private SessionConnection() {
    }

    /** Runs a statement ({@code $1}, {@code $2} … parameters) and gives its rows as the driver's values. */
    public static Uni<List<Object[]>> select(String sql, Object... params) {
        return Panache.getSession().chain(session -> {
            ReactiveConnection connection = connection(session);
            return Uni.createFrom().completionStage(() -> connection.select(sql, params));
        }).map(result -> {
            List<Object[]> rows = new ArrayList<>();
            result.forEachRemaining(rows::add);
            return rows;
        });
    }

    /**
     * The session's own connection. Quarkus opens Hibernate Reactive sessions as MutinySessionImpl, whose connection
     * accessor is public but not on the Mutiny.Session interface; anything else is a configuration this code was not
     * written for, and says so at the first statement rather than writing outside the transaction.
     */
    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl s) {
            return s.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive Mutiny session: " + session.getClass().getName());
    }
}
