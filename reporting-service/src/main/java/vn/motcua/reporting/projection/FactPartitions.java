package vn.motcua.reporting.projection;

import vn.motcua.duedate.Period;
import vn.motcua.reporting.domain.DossierFact;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts' partitions (V11): one per reception year of Vietnam time ({@link Period}, the reporting periods' own
 * year) for 2000-2099, and two edge partitions for any other year, so that no claimed instant makes a table per
 * year. A partition is created the first time a fact of its year is written, in that write's transaction: a
 * rollback takes it back with the rows, and a fact never lands in a partition that is not its year's.
 */
final class FactPartitions {
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2099;

    private FactPartitions() {
    }

    /** Creates, in the caller's transaction, the partitions of {@code table} the facts' years need and lack. */
    static void ensure(Connection c, String table, Collection<DossierFact> facts) throws SQLException {
        Map<String, String> needed = new LinkedHashMap<>();
        for (DossierFact f : facts) {
            if (f.enteredAt == null) {
                continue; // a stream that began without a reception: the write refuses it (not null) and it is parked
            }
            int year = f.enteredAt.atZone(Period.VIETNAM).getYear();
            needed.computeIfAbsent(name(table, year), n -> bounds(year));
        }
        if (needed.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        Array names = c.createArrayOf("text", needed.keySet().toArray());
        // to_regclass takes no lock: a batch whose years all exist (nearly all of them) changes no catalog
        try (PreparedStatement ps = c.prepareStatement("select n from unnest(?::text[]) n where to_regclass(n) is null")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : missing) {
                s.execute("create table " + name + " partition of " + table + " for values " + needed.get(name));
            }
        }
    }

    /** The partition of {@code table} that holds the facts received in {@code year} (Vietnam time). */
    static String name(String table, int year) {
        if (year < FIRST_YEAR) {
            return table + "_before_" + FIRST_YEAR;
        }
        if (year > LAST_YEAR) {
            return table + "_from_" + (LAST_YEAR + 1);
        }
        return table + "_y" + year;
    }

    /** The partition's range of entered_at: its year's period, or all before or after the years that have one. */
    static String bounds(int year) {
        if (year < FIRST_YEAR) {
            return "from (minvalue) to ('" + start(FIRST_YEAR) + "')";
        }
        if (year > LAST_YEAR) {
            return "from ('" + start(LAST_YEAR + 1) + "') to (maxvalue)";
        }
        return "from ('" + start(year) + "') to ('" + start(year + 1) + "')";
    }

    private static Instant start(int year) {
        return Period.containing(Period.Granularity.YEAR, LocalDate.of(year, 1, 1)).start();
    }

    /**
     * After a rebuild's swap: the partitions of the rebuilt {@code table} still carry the twin's name
     * ({@code dossier_fact_rebuild_y2026}); they take the live one ({@code dossier_fact_y2026}), so the next rebuild
     * can make its twins again. Nothing to do for a table without partitions.
     */
    static void takeLiveNames(Connection c, String table) throws SQLException {
        String twin = table + "_rebuild_";
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select p.relname from pg_inherits i"
                + " join pg_class p on p.oid = i.inhrelid where i.inhparent = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String part : parts) {
                if (part.startsWith(twin)) {
                    s.execute("alter table " + part + " rename to " + table + "_" + part.substring(twin.length()));
                }
            }
        }
    }
}
