package vn.motcua.reporting.projection;

import vn.motcua.reporting.domain.DossierFact;
import vn.motcua.support.AdvisoryLock;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projections' side of the stored summaries of closed periods ({@code unit_period_summary}, written by the query
 * side): a change to a unit's facts drops the unit's summaries of the periods it can alter, in the change's own
 * transaction, after taking the exclusive side of the unit's summary lock. A summariser holds the shared side while
 * it counts and stores, and skips a unit whose lock is taken, so no summary is stored from facts a concurrent change
 * is making stale. Only the live tables have summaries: a rebuild's twin starts empty and nobody summarises into it.
 */
final class Summaries {

    private Summaries() {
    }

    /**
     * Before facts are written to the live tables: drops, for each unit, the summaries of the periods that end after
     * the earliest instant from which the folded events change a summed figure ({@link DossierFact#figuresChangedSince};
     * a period that ended before counts the same), under the exclusive side of the units' summary locks, taken in
     * one order so two writers (the live batch and a calendar revision's re-fold) never wait for each other in a
     * cycle. A dossier's competent unit is set by its first event and never changes.
     */
    static void dropChanged(Connection c, Collection<DossierFact> facts) throws SQLException {
        Map<String, Instant> since = new TreeMap<>();
        for (DossierFact f : facts) {
            if (f.figuresChangedSince != null && f.competentUnit != null) {
                since.merge(f.competentUnit, f.figuresChangedSince, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        if (since.isEmpty()) {
            return; // a hand-over, a consultation: no summed figure moves
        }
        Array units = c.createArrayOf("text", since.keySet().toArray());
        try (PreparedStatement ps = c.prepareStatement("select count(pg_advisory_xact_lock(k)) from (select "
                + AdvisoryLock.reportingUnitSummary("u") + " as k from unnest(?::text[]) u order by 1) o")) {
            ps.setArray(1, units);
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from unit_period_summary s using unnest(?::text[],"
                + " ?::timestamptz[]) u(unit_code, since) where s.unit_code = u.unit_code and s.period_end > u.since")) {
            ps.setArray(1, units);
            ps.setArray(2, c.createArrayOf("timestamptz", since.values().stream()
                    .map(at -> at.atOffset(ZoneOffset.UTC)).toArray()));
            ps.executeUpdate();
        }
    }

    /** Before a rating (or a complaint on it) of {@code unit} at {@code at} is written to the live table. */
    static void dropForRating(Connection c, String unit, Instant at) throws SQLException {
        if (unit == null) {
            return; // counted for no unit
        }
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock("
                + AdvisoryLock.reportingUnitSummary("?::text") + ")")) {
            ps.setString(1, unit);
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "delete from unit_period_summary where unit_code = ? and period_end > ?")) {
            ps.setString(1, unit);
            DossierProjection.ts(ps, 2, at);
            ps.executeUpdate();
        }
    }

    /** When a rebuild's tables take the live ones' place: every summary may count what they no longer hold. */
    static void dropAll(Statement s) throws SQLException {
        s.execute("select count(pg_advisory_xact_lock(" + AdvisoryLock.REPORTING_UNIT_SUMMARY.id() + " + k)) from"
                + " generate_series(0, " + (AdvisoryLock.SUMMARY_LOCKS - 1) + ") k");
        s.executeUpdate("delete from unit_period_summary");
    }
}
