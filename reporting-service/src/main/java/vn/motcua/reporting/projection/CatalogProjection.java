package vn.motcua.reporting.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.ProcedureVersionSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;

import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.WorkingCalendar;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The catalog replica: units (the tree), procedures with their versions and fields, commitments, calendars. */
@ApplicationScoped
public class CatalogProjection implements Projection {
    private final CatalogEventCodec codec = new CatalogEventCodec();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CatalogProjection.class);
    private final CalendarCache calendars;
    private final DossierProjection dossiers;
    private final DataSource dataSource;

    public CatalogProjection(CalendarCache calendars, DossierProjection dossiers, DataSource dataSource) {
        this.calendars = calendars;
        this.dossiers = dossiers;
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public List<String> topics() {
        return CatalogTopics.ALL;
    }

    @Override
    public List<String> tables() {
        return List.of("unit", "procedure", "procedure_version", "commitment_period", "calendar_year");
    }

    @Override
    public long lockId() {
        return vn.motcua.support.AdvisoryLock.REPORTING_CATALOG_PROJECTION.id();
    }

    @Override
    public void apply(Connection c, String sfx, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        LocalDate[] revised = null; // the first and last day a calendar revision of this batch changed
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Optional<CatalogEvent> read = codec.read(r.value()); // malformed: throws, the record is dead-lettered
            if (read.isEmpty()) {
                continue; // a type this version does not know: ignored, as the contract asks
            }
            CatalogEvent event = read.get();
            if (event instanceof CatalogEvent.UnitRegistered e) {
                unit(c, sfx, e.unit());
            } else if (event instanceof CatalogEvent.UnitUpdated e) {
                unit(c, sfx, e.unit());
            } else if (event instanceof CatalogEvent.ProcedurePublished e) {
                procedure(c, sfx, e.procedure());
            } else if (event instanceof CatalogEvent.ProcedureAmended e) {
                procedure(c, sfx, e.procedure());
            } else if (event instanceof CatalogEvent.ProcedureAbolished e) {
                procedure(c, sfx, e.procedure());
            } else if (event instanceof CatalogEvent.CommitmentSet e) {
                commitment(c, sfx, e.commitment());
            } else if (event instanceof CatalogEvent.CommitmentWithdrawn e) {
                commitment(c, sfx, e.commitment());
            } else if (event instanceof CatalogEvent.CalendarYearPublished e) {
                WorkingCalendar before = sfx.isEmpty() ? yearAsStored(c, e.calendar().year()) : null;
                try (PreparedStatement ps = c.prepareStatement("insert into calendar_year" + sfx
                        + " (year, revision, body) values (?, ?, ?::jsonb) on conflict (year) do update set"
                        + " revision = excluded.revision, body = excluded.body"
                        + " where calendar_year" + sfx + ".revision <= excluded.revision")) {
                    ps.setInt(1, e.calendar().year());
                    ps.setInt(2, e.revision());
                    ps.setString(3, CalendarCache.JSON.writeValueAsString(e.calendar()));
                    if (ps.executeUpdate() > 0 && before != null) {
                        revised = widen(revised, before.daysThatDiffer(WorkingCalendar.of(List.of(e.calendar())),
                                LocalDate.of(e.calendar().year(), 1, 1), LocalDate.of(e.calendar().year(), 12, 31)));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                    throw new IllegalArgumentException("calendar " + e.calendar().year() + " cannot be written: "
                            + ex.getOriginalMessage(), ex);
                }
            }
        }
        if (revised != null) {
            refold(c, revised[0], revised[1]);
        }
    }

    /**
     * The live facts counted in working time over the revised days are counted again with the revised calendar, in
     * this transaction (the checkpoint's): the figures change with the calendar, not only after a rebuild. The dossier
     * projection's lock is taken (waited for) first, so no dossier batch writes facts folded with the old calendar
     * over the re-folded ones; the next dossier batch sees the new calendar rows and folds with them.
     */
    private void refold(Connection c, LocalDate first, LocalDate last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            ps.setLong(1, dossiers.lockId());
            ps.execute();
        }
        int n = dossiers.recalendar(c, calendars.reload(c), first, last);
        LOG.infof("calendar revised from %s to %s: %d dossier facts counted again", first, last, n);
    }

    /** One year of the calendar replica as this transaction sees it (a year not published: weekends only). */
    private static WorkingCalendar yearAsStored(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select body from calendar_year where year = ?")) {
            ps.setInt(1, year);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return WorkingCalendar.of(List.of());
                }
                return WorkingCalendar.of(List.of(CalendarCache.JSON.readValue(rs.getString(1), CalendarYear.class)));
            } catch (java.io.IOException e) {
                throw new SQLException("unreadable calendar year " + year, e);
            }
        }
    }

    private static LocalDate[] widen(LocalDate[] range, List<LocalDate> days) {
        if (days.isEmpty()) {
            return range;
        }
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        if (range == null) {
            return new LocalDate[]{first, last};
        }
        return new LocalDate[]{first.isBefore(range[0]) ? first : range[0], last.isAfter(range[1]) ? last : range[1]};
    }

    @Override
    public void afterCommit(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.stream().anyMatch(r -> r.topic().equals(CatalogTopics.CALENDARS))) {
            reloadCalendars();
        }
    }

    /** Loads the calendar replica into memory (at start, and after each calendar change or rebuild swap). */
    public void reloadCalendars() {
        try (Connection c = dataSource.getConnection()) {
            calendars.reload(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the working calendar", e);
        }
    }

    private static void unit(Connection c, String sfx, UnitSnapshot u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into unit" + sfx
                + " (code, name_vi, type, parent_code, valid_from, valid_to) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (code) do update set name_vi = excluded.name_vi, type = excluded.type,"
                + " parent_code = excluded.parent_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to")) {
            ps.setString(1, u.code());
            ps.setString(2, u.nameVi());
            ps.setString(3, u.type() == null ? null : u.type().name());
            ps.setString(4, u.parentCode());
            ps.setObject(5, u.validFrom());
            ps.setObject(6, u.validTo());
            ps.executeUpdate();
        }
    }

    private static void procedure(Connection c, String sfx, ProcedureSnapshot p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into procedure" + sfx
                + " (code, name_vi, field_code, field_name_vi, level, competent_unit_types, abolished_on)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do update set name_vi = excluded.name_vi,"
                + " field_code = excluded.field_code, field_name_vi = excluded.field_name_vi, level = excluded.level,"
                + " competent_unit_types = excluded.competent_unit_types, abolished_on = excluded.abolished_on")) {
            ps.setString(1, p.code());
            ps.setString(2, p.nameVi());
            ps.setString(3, p.fieldCode());
            ps.setString(4, p.fieldNameVi());
            ps.setString(5, p.level() == null ? null : p.level().name());
            ps.setArray(6, c.createArrayOf("text", p.competentUnitTypes() == null ? new Object[0]
                    : p.competentUnitTypes().stream().map(Enum::name).toArray()));
            ps.setObject(7, p.abolishedOn());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from procedure_version" + sfx
                + " where procedure_code = ?")) {
            ps.setString(1, p.code());
            ps.executeUpdate();
        }
        if (p.versions() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into procedure_version" + sfx
                + " (procedure_code, version, effective_from, effective_to, time_unit, time_amount, online_level,"
                + " postal_reception) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ProcedureVersionSnapshot v : p.versions()) {
                ps.setString(1, p.code());
                ps.setInt(2, v.version());
                ps.setObject(3, v.effectiveFrom());
                ps.setObject(4, v.effectiveTo());
                ps.setString(5, v.legalTime().unit().name());
                ps.setInt(6, v.legalTime().amount());
                ps.setString(7, v.onlineLevel() == null ? null : v.onlineLevel().name());
                ps.setBoolean(8, v.postalReception());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void commitment(Connection c, String sfx, CommitmentSnapshot s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from commitment_period" + sfx
                + " where unit_code = ? and procedure_code = ?")) {
            ps.setString(1, s.unitCode());
            ps.setString(2, s.procedureCode());
            ps.executeUpdate();
        }
        if (s.periods() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into commitment_period" + sfx
                + " (unit_code, procedure_code, seq, effective_from, effective_to, time_unit, time_amount)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (CommitmentSnapshot.Period p : s.periods()) {
                ps.setString(1, s.unitCode());
                ps.setString(2, s.procedureCode());
                ps.setInt(3, ++seq);
                ps.setObject(4, p.effectiveFrom());
                ps.setObject(5, p.effectiveTo());
                ps.setString(6, p.committedTime().unit().name());
                ps.setInt(7, p.committedTime().amount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
