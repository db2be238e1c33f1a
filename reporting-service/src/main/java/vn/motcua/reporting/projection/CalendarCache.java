package vn.motcua.reporting.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.WorkingCalendar;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The working calendar as the catalog published it, read from the replica table. Years the catalog has not
 * published count weekends only (the due-date library's rule).
 */
@ApplicationScoped
public class CalendarCache {
    static final ObjectMapper JSON = CatalogEventCodec.newMapper();

    /** What the cached calendar was read from, and the calendar: swapped together. */
    private record Cached(String stamp, WorkingCalendar calendar) {
    }

    private static final String STAMP = "select coalesce(md5(string_agg(body::text, ',' order by year)), '')"
            + " from calendar_year";

    private volatile Cached cached = new Cached("", WorkingCalendar.of(List.of()));

    public WorkingCalendar calendar() {
        return cached.calendar();
    }

    /**
     * The calendar as the transaction of {@code c} sees it, read again only if the replica changed since: a dossier
     * batch that follows a calendar revision's commit folds with the revised calendar, not the one cached before.
     */
    public WorkingCalendar current(Connection c) throws SQLException {
        Cached now = cached;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STAMP)) {
            rs.next();
            if (rs.getString(1).equals(now.stamp())) {
                return now.calendar();
            }
        }
        return reload(c);
    }

    public WorkingCalendar reload(Connection c) throws SQLException {
        String stamp;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STAMP)) {
            rs.next();
            stamp = rs.getString(1);
        }
        List<CalendarYear> years = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select body from calendar_year")) {
            while (rs.next()) {
                try {
                    years.add(JSON.readValue(rs.getString(1), CalendarYear.class));
                } catch (IOException e) {
                    throw new SQLException("unreadable calendar year", e);
                }
            }
        }
        Cached fresh = new Cached(stamp, WorkingCalendar.of(years));
        cached = fresh;
        return fresh.calendar();
    }
}
