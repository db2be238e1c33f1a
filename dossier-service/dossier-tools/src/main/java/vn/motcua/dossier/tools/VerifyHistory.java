package vn.motcua.dossier.tools;

import vn.motcua.dossier.domain.history.HistoryVerifier;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code verify-history}: checks the dossier history straight from the database over JDBC, independent of the
 * service, with the same hash and verifier (dossier-domain's history package). Streams the store with cursors
 * (bounded memory), prints the first altered position and the first problems, and returns 0 when intact, 1 when
 * tampered, 2 when it could not check.
 */
public final class VerifyHistory {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int FETCH = 1000;

    private VerifyHistory() {
    }

    /** Runs the check and prints to {@code out}; the exit code. */
    public static int run(String jdbcUrl, String user, String password, String schema, PrintStream out) {
        if (!SCHEMA.matcher(schema).matches()) {
            out.println("verify-history: not a schema name: " + schema);
            return 2;
        }
        long start = System.nanoTime();
        HistoryVerifier.Report report;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false); // cursors (fetch size) need a transaction
            c.setReadOnly(true);
            // one snapshot for all three reads: the seals, the chains and the days agree
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            HistoryVerifier verifier = new HistoryVerifier(seals(c, schema));
            try (PreparedStatement ps = c.prepareStatement("select e.position, e.dossier_id, e.version, e.event_type,"
                    + " e.occurred_at, e.recorded_at, e.payload, e.prev_hash, e.hash, v.last_version"
                    + " from " + schema + ".dossier_event e left join " + schema + ".dossier_view v"
                    + " on v.dossier_id = e.dossier_id order by e.dossier_id, e.version")) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int recorded = rs.getInt("last_version");
                        verifier.chain(new HistoryVerifier.EventRow(rs.getLong("position"),
                                rs.getObject("dossier_id", UUID.class), rs.getInt("version"),
                                rs.getString("event_type"), instant(rs, "occurred_at"), instant(rs, "recorded_at"),
                                rs.getString("payload"), rs.getBytes("prev_hash"), rs.getBytes("hash")),
                                rs.wasNull() ? null : recorded);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select position, recorded_at, hash from " + schema
                    + ".dossier_event order by recorded_at, position")) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        verifier.day(new HistoryVerifier.DayRow(rs.getLong("position"), instant(rs, "recorded_at"),
                                rs.getBytes("hash")));
                    }
                }
            }
            c.rollback();
            report = verifier.finish();
        } catch (SQLException e) {
            out.println("verify-history: could not read the store: " + e.getMessage());
            return 2;
        }
        print(report, out, (System.nanoTime() - start) / 1e9);
        return report.intact() ? 0 : 1;
    }

    private static List<HistoryVerifier.SealRow> seals(Connection c, String schema) throws SQLException {
        List<HistoryVerifier.SealRow> seals = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select day, event_count, merkle_root, prev_seal, seal from "
                + schema + ".dossier_history_seal order by day");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                seals.add(new HistoryVerifier.SealRow(rs.getObject("day", LocalDate.class), rs.getLong("event_count"),
                        rs.getBytes("merkle_root"), rs.getBytes("prev_seal"), rs.getBytes("seal")));
            }
        }
        return seals;
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static void print(HistoryVerifier.Report r, PrintStream out, double seconds) {
        out.printf("events %d in %d streams; %d sealed days (last %s): %d sealed events, %d not sealed yet;"
                        + " %.1f s%n", r.events(), r.streams(), r.sealedDays(),
                r.lastSealedDay() == null ? "none" : r.lastSealedDay(), r.sealedEvents(), r.unsealedEvents(), seconds);
        if (r.intact()) {
            out.println("INTACT: every chain links and every sealed day matches its seal");
            return;
        }
        out.println("TAMPERED: " + r.problems() + " problem(s); first altered: " + describe(r.first()));
        for (HistoryVerifier.Finding f : r.findings()) {
            out.println("  " + describe(f));
        }
    }

    static String describe(HistoryVerifier.Finding f) {
        StringBuilder s = new StringBuilder(f.kind().name());
        if (f.position() != null) {
            s.append(" position=").append(f.position());
        }
        if (f.dossierId() != null) {
            s.append(" dossier=").append(f.dossierId());
        }
        if (f.version() != null) {
            s.append(" version=").append(f.version());
        }
        if (f.day() != null) {
            s.append(" day=").append(f.day());
        }
        return s.append(": ").append(f.detail()).toString();
    }
}
