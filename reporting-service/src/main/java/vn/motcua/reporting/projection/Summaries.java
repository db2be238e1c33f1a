package vn.motcua.reporting.projection;

import vn.motcua.support.AdvisoryLock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The projections' side of the stored summaries of closed periods ({@code unit_period_summary}, written by the query
 * side): a change to a unit's facts drops the unit's summaries of every period it can alter, in the change's own
 * transaction, after taking the exclusive side of the unit's summary lock. A summariser holds the shared side while
 * it counts and stores, and skips a unit whose lock is taken, so no summary is stored from facts a concurrent change
 * is making stale. Only the live tables have summaries: a rebuild's twin starts empty and nobody summarises into it.
 */
final class Summaries {

    private Summaries() {
    }

    /** The units whose facts the staged rows change: their unit now, and before where it was another one. */
    private static final String CHANGED_UNITS = """
            select st.competent_unit as unit_code, least(st.entered_at, d.entered_at) as since
              from dossier_fact_stage st left join dossier_fact d using (dossier_id)
            union all
            select d.competent_unit, least(st.entered_at, d.entered_at)
              from dossier_fact_stage st join dossier_fact d using (dossier_id)
              where d.competent_unit is distinct from st.competent_unit""";

    /**
     * The locks of the units about to change, in one order, so two writers (the live batch and a calendar
     * revision's re-fold) never wait for each other in a cycle.
     */
    private static final String LOCK_CHANGED = "select count(pg_advisory_xact_lock(k)) from (select distinct "
            + AdvisoryLock.reportingUnitSummary("unit_code") + " as k from (" + CHANGED_UNITS
            + ") a where unit_code is not null order by 1) o";

    /** Every period of the unit ending after the fact's first instant (nothing of a dossier happens before it). */
    private static final String DROP_CHANGED = "delete from unit_period_summary s using (select unit_code,"
            + " min(since) as since from (" + CHANGED_UNITS + ") a where unit_code is not null group by unit_code) u"
            + " where s.unit_code = u.unit_code and s.period_end > u.since";

    /** Before the staged dossier facts are merged into the live table. */
    static void dropForStagedFacts(Statement s) throws SQLException {
        s.execute(LOCK_CHANGED);
        s.executeUpdate(DROP_CHANGED);
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
