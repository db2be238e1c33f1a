package vn.motcua.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's database as the superuser, for tests that check what was stored. Instants bind as timestamptz
 * and come back as {@link Instant}.
 */
public final class Sql {
    private Sql() {
    }

    /** A statement that returns no rows (DDL, for example), as the superuser. */
    public static void execute(MotcuaTestInfra.Handles infra, String sql) {
        execute(infra.postgres(), infra.database(), sql);
    }

    /** A statement that returns no rows, on one database of a server, as the superuser. */
    public static void execute(PostgresServer server, String database, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), PostgresServer.SUPERUSER, "");
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a number (a count). */
    public static long count(MotcuaTestInfra.Handles infra, String sql, Object... params) {
        List<Map<String, Object>> rows = rows(infra, sql, params);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    /** Every row, as column-label maps in column order. */
    public static List<Map<String, Object>> rows(MotcuaTestInfra.Handles infra, String sql, Object... params) {
        return rows(infra.postgres(), infra.database(), sql, params);
    }

    /** The first column of the first row of a query on one database of a server, as a number. */
    public static long count(PostgresServer server, String database, String sql, Object... params) {
        List<Map<String, Object>> rows = rows(server, database, sql, params);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    /** Every row of a query on one database of a server. */
    public static List<Map<String, Object>> rows(PostgresServer server, String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), PostgresServer.SUPERUSER, "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(md.getColumnLabel(i), value instanceof java.sql.Timestamp t ? t.toInstant() : value);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where each of {@code needles} stands in clear: every table of every schema of the database (the system catalogs
     * aside) read row by row as text, the superuser's view of a copy of the database. Answers "schema.table" per needle
     * found, for tests that personal data and secrets are only where they must be.
     */
    public static Map<String, List<String>> whereInClear(PostgresServer server, String database, List<String> needles) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Map<String, Object> t : rows(server, database, "select table_schema, table_name from information_schema.tables "
                + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') "
                + "order by 1, 2")) {
            String table = "\"" + t.get("table_schema") + "\".\"" + t.get("table_name") + "\"";
            for (String needle : needles) {
                long hits = count(server, database, "select count(*) from " + table + " t where strpos(t::text, ?) > 0",
                        needle);
                if (hits > 0) {
                    found.computeIfAbsent(needle, n -> new ArrayList<>()).add(t.get("table_schema") + "." + t.get("table_name"));
                }
            }
        }
        return found;
    }
}
