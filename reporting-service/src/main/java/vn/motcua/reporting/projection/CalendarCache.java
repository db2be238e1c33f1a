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

    private volatile WorkingCalendar calendar = WorkingCalendar.of(List.of());

    public WorkingCalendar calendar() {
        return calendar;
    }

    public void reload(Connection c) throws SQLException {
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
        calendar = WorkingCalendar.of(years);
    }
}
