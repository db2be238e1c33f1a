package vn.motcua.dossier.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import vn.motcua.consumer.SessionConnection;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain statements on the connection of the current Hibernate Reactive session, so inside its transaction, with no
 * entity, no flush and no query translation: the command's hot path. Rows come back as the reactive driver's values
 * (UUID, OffsetDateTime, Buffer for bytea), parameters go in as it takes them ({@link #param}).
 */
final class SessionSql {
    private SessionSql() {
    }

    /** Runs a statement (a query, or a write with RETURNING) and gives its rows. */
    static Uni<List<Object[]>> query(Sql sql, Map<String, Object> params) {
        return query(sql.text(), sql.bind(params));
    }

    static Uni<List<Object[]>> query(String sql, Object... params) {
        return SessionConnection.select(sql, params);
    }

    // ------------------------------------------------------------------ values to and from the driver

    /** An instant as the driver takes it for timestamptz. */
    static OffsetDateTime param(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Buffer param(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Buffer b ? b.getBytes() : (byte[]) value;
    }

    /**
     * A statement written with named parameters ({@code :name}; {@code ::type} casts are left alone), turned into
     * the driver's {@code $n} once, so one statement text is prepared and cached however it is called.
     */
    record Sql(String text, List<String> names) {
        private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-z][a-z0-9_]*)");

        static Sql of(String named) {
            Matcher m = NAME.matcher(named);
            Map<String, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int n = index.computeIfAbsent(m.group(1), k -> {
                    names.add(k);
                    return names.size();
                });
                m.appendReplacement(out, "\\$" + n);
            }
            m.appendTail(out);
            return new Sql(out.toString(), List.copyOf(names));
        }

        Object[] bind(Map<String, Object> values) {
            Object[] params = new Object[names.size()];
            for (int i = 0; i < params.length; i++) {
                if (!values.containsKey(names.get(i))) {
                    throw new IllegalArgumentException("no value for :" + names.get(i));
                }
                params[i] = values.get(names.get(i));
            }
            return params;
        }
    }
}
