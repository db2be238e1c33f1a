package vn.motcua.reporting.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.consumer.OutOfOrderEvent;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.Timeliness;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.reporting.domain.DossierFact;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dossier events into one fact row per dossier plus its handling steps. A batch loads the facts of the dossiers it
 * touches, folds the events in memory (an event whose version the fact already has is a redelivery and is skipped),
 * and writes the facts back: the per-dossier version makes the projection idempotent.
 */
@ApplicationScoped
public class DossierProjection implements Projection {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<DossierFact.DueMark>> DUES = new TypeReference<>() {
    };
    private static final TypeReference<List<DossierFact.Wait>> WAITS = new TypeReference<>() {
    };

    static final String[] COLUMNS = {"dossier_id", "dossier_code", "last_version", "procedure_code",
            "procedure_version", "procedure_name_vi", "time_unit", "legal_amount", "applied_amount",
            "committed_shorter", "online_level", "receiving_unit", "competent_unit", "channel", "entered_at",
            "received_at", "refused_at_reception", "counting_starts_at", "due_reception_at", "due_reception_date",
            "due_record_at", "due_record_date", "national_due_at", "national_due_date", "rescheduled_due_at",
            "rescheduled_due_date", "last_due_change_at", "due_history", "supplement_requests",
            "second_supplement_at", "waits", "apology_at", "apology_unit", "apology_timely", "overdue_at",
            "completed_at", "completion_kind", "outcome", "record_timeliness", "national_timeliness", "used_amount",
            "used_ratio", "returned_at", "return_channel", "withdrawn_at", "current_unit", "apology_informed_at", "applied_unit",
            "paid_at", "payment_channel", "paid_online", "digitised_all", "result_electronic", "sync_state",
            "sync_for_version", "sync_at", "sync_error_code", "sync_error_message"};

    private final DossierEventCodec codec = new DossierEventCodec();
    private final CalendarCache calendars;
    private final int apologyLead;

    public DossierProjection(CalendarCache calendars,
                             @ConfigProperty(name = "motcua.reporting.apology-lead-working-days", defaultValue = "1")
                             int apologyLead) {
        this.calendars = calendars;
        this.apologyLead = apologyLead;
    }

    @Override
    public String name() {
        return "dossiers";
    }

    @Override
    public List<String> topics() {
        return List.of(DossierTopics.EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("dossier_fact", "dossier_step", "notice_fact");
    }

    @Override
    public long lockId() {
        return vn.motcua.support.AdvisoryLock.REPORTING_DOSSIER_PROJECTION.id();
    }

    @Override
    public void apply(Connection c, String sfx, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        // each record: its event, or (a type this version does not know) only its place in the stream
        List<DossierEventEnvelope> events = new ArrayList<>(records.size());
        List<DossierEventCodec.StreamPosition> positions = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Optional<DossierEventEnvelope> read = codec.read(r.value()); // malformed: throws, dead-lettered
            if (read.isPresent()) {
                events.add(read.get());
                positions.add(new DossierEventCodec.StreamPosition(read.get().dossierId(), read.get().version()));
            } else {
                codec.position(r.value()).ifPresent(p -> {
                    events.add(null);
                    positions.add(p);
                });
            }
        }
        if (positions.isEmpty()) {
            return;
        }
        Map<UUID, DossierFact> facts = load(c, sfx, positions.stream().map(DossierEventCodec.StreamPosition::dossierId)
                .distinct().toList());
        Map<UUID, DossierFact> changed = new LinkedHashMap<>();
        WorkingCalendar calendar = calendars.calendar();
        for (int i = 0; i < positions.size(); i++) {
            DossierEventEnvelope e = events.get(i);
            DossierEventCodec.StreamPosition at = positions.get(i);
            DossierFact f = facts.get(at.dossierId());
            if (f != null && at.version() <= f.lastVersion) {
                continue; // delivered again
            }
            long last = f == null ? 0 : f.lastVersion;
            if (at.version() != last + 1) {
                // a version before it is missing (its stream must start with the reception): parked, not guessed
                throw new OutOfOrderEvent(e != null ? e.dossierCode() : at.dossierId().toString(), at.version(), last);
            }
            if (e == null) {
                if (f != null) {
                    f.lastVersion = at.version(); // a newer type, skipped: its version still counts
                    changed.put(f.dossierId, f);
                }
                continue;
            }
            if (f == null) {
                f = new DossierFact(e.dossierId(), e.dossierCode());
                facts.put(e.dossierId(), f);
            }
            f.apply(e.version(), e.data(), calendar, apologyLead);
            changed.put(f.dossierId, f);
        }
        write(c, sfx, changed.values());
    }

    private Map<UUID, DossierFact> load(Connection c, String sfx, List<UUID> ids) throws SQLException {
        Map<UUID, DossierFact> out = new LinkedHashMap<>();
        Array idArray = c.createArrayOf("uuid", ids.toArray());
        try (PreparedStatement ps = c.prepareStatement("select * from dossier_fact" + sfx
                + " where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierFact f = read(rs);
                    out.put(f.dossierId, f);
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select * from dossier_step" + sfx
                + " where dossier_id = any(?) order by dossier_id, number")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierFact f = out.get(rs.getObject("dossier_id", UUID.class));
                    f.steps.add(new DossierFact.Step(rs.getInt("number"), rs.getString("unit_code"),
                            rs.getString("step_name"), instant(rs, "started_at"), instant(rs, "deadline"),
                            instant(rs, "ended_at")));
                }
            }
        }
        return out;
    }

    private static DossierFact read(ResultSet rs) throws SQLException {
        DossierFact f = new DossierFact(rs.getObject("dossier_id", UUID.class), rs.getString("dossier_code"));
        f.lastVersion = rs.getLong("last_version");
        f.procedureCode = rs.getString("procedure_code");
        f.procedureVersion = rs.getInt("procedure_version");
        f.procedureNameVi = rs.getString("procedure_name_vi");
        f.timeUnit = rs.getString("time_unit");
        f.legalAmount = rs.getInt("legal_amount");
        f.appliedAmount = rs.getInt("applied_amount");
        f.committedShorter = rs.getBoolean("committed_shorter");
        f.onlineLevel = rs.getString("online_level");
        f.receivingUnit = rs.getString("receiving_unit");
        f.competentUnit = rs.getString("competent_unit");
        f.channel = rs.getString("channel");
        f.enteredAt = instant(rs, "entered_at");
        f.receivedAt = instant(rs, "received_at");
        f.refusedAtReception = instant(rs, "refused_at_reception");
        f.countingStartsAt = instant(rs, "counting_starts_at");
        f.dueReceptionAt = instant(rs, "due_reception_at");
        f.dueReceptionDate = rs.getObject("due_reception_date", LocalDate.class);
        f.dueRecordAt = instant(rs, "due_record_at");
        f.dueRecordDate = rs.getObject("due_record_date", LocalDate.class);
        f.nationalDueAt = instant(rs, "national_due_at");
        f.nationalDueDate = rs.getObject("national_due_date", LocalDate.class);
        f.rescheduledDueAt = instant(rs, "rescheduled_due_at");
        f.rescheduledDueDate = rs.getObject("rescheduled_due_date", LocalDate.class);
        f.lastDueChangeAt = instant(rs, "last_due_change_at");
        try {
            f.dueHistory = new ArrayList<>(JSON.readValue(rs.getString("due_history"), DUES));
            f.waits = new ArrayList<>(JSON.readValue(rs.getString("waits"), WAITS));
        } catch (IOException e) {
            throw new SQLException("unreadable fact of dossier " + f.dossierId, e);
        }
        f.supplementRequests = rs.getInt("supplement_requests");
        f.secondSupplementAt = instant(rs, "second_supplement_at");
        f.apologyAt = instant(rs, "apology_at");
        f.apologyUnit = rs.getString("apology_unit");
        f.apologyTimely = (Boolean) rs.getObject("apology_timely");
        f.overdueAt = instant(rs, "overdue_at");
        f.completedAt = instant(rs, "completed_at");
        f.completionKind = rs.getString("completion_kind");
        f.outcome = rs.getString("outcome");
        f.recordTimeliness = timeliness(rs.getString("record_timeliness"));
        f.nationalTimeliness = timeliness(rs.getString("national_timeliness"));
        f.usedAmount = rs.getBigDecimal("used_amount");
        f.usedRatio = rs.getBigDecimal("used_ratio");
        f.returnedAt = instant(rs, "returned_at");
        f.returnChannel = rs.getString("return_channel");
        f.withdrawnAt = instant(rs, "withdrawn_at");
        f.currentUnit = rs.getString("current_unit");
        f.apologyInformedAt = instant(rs, "apology_informed_at");
        f.appliedUnit = rs.getString("applied_unit");
        f.paidAt = instant(rs, "paid_at");
        f.paymentChannel = rs.getString("payment_channel");
        f.paidOnline = (Boolean) rs.getObject("paid_online");
        f.digitisedAll = (Boolean) rs.getObject("digitised_all");
        f.resultElectronic = (Boolean) rs.getObject("result_electronic");
        f.syncState = rs.getString("sync_state");
        f.syncForVersion = (Integer) rs.getObject("sync_for_version");
        f.syncAt = instant(rs, "sync_at");
        f.syncErrorCode = rs.getString("sync_error_code");
        f.syncErrorMessage = rs.getString("sync_error_message");
        return f;
    }

    private void write(Connection c, String sfx, java.util.Collection<DossierFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("insert into dossier_fact").append(sfx).append(" (")
                .append(String.join(", ", COLUMNS)).append(") values (");
        for (int i = 0; i < COLUMNS.length; i++) {
            String col = COLUMNS[i];
            sql.append(i == 0 ? "" : ", ").append(col.equals("due_history") || col.equals("waits") ? "?::jsonb" : "?");
        }
        sql.append(") on conflict (dossier_id) do update set ");
        for (int i = 1; i < COLUMNS.length; i++) {
            sql.append(i == 1 ? "" : ", ").append(COLUMNS[i]).append(" = excluded.").append(COLUMNS[i]);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (DossierFact f : facts) {
                int i = 0;
                ps.setObject(++i, f.dossierId);
                ps.setString(++i, f.dossierCode);
                ps.setLong(++i, f.lastVersion);
                ps.setString(++i, f.procedureCode);
                ps.setInt(++i, f.procedureVersion);
                ps.setString(++i, f.procedureNameVi);
                ps.setString(++i, f.timeUnit);
                ps.setInt(++i, f.legalAmount);
                ps.setInt(++i, f.appliedAmount);
                ps.setBoolean(++i, f.committedShorter);
                ps.setString(++i, f.onlineLevel);
                ps.setString(++i, f.receivingUnit);
                ps.setString(++i, f.competentUnit);
                ps.setString(++i, f.channel);
                ts(ps, ++i, f.enteredAt);
                ts(ps, ++i, f.receivedAt);
                ts(ps, ++i, f.refusedAtReception);
                ts(ps, ++i, f.countingStartsAt);
                ts(ps, ++i, f.dueReceptionAt);
                ps.setObject(++i, f.dueReceptionDate);
                ts(ps, ++i, f.dueRecordAt);
                ps.setObject(++i, f.dueRecordDate);
                ts(ps, ++i, f.nationalDueAt);
                ps.setObject(++i, f.nationalDueDate);
                ts(ps, ++i, f.rescheduledDueAt);
                ps.setObject(++i, f.rescheduledDueDate);
                ts(ps, ++i, f.lastDueChangeAt);
                ps.setString(++i, json(f.dueHistory));
                ps.setInt(++i, f.supplementRequests);
                ts(ps, ++i, f.secondSupplementAt);
                ps.setString(++i, json(f.waits));
                ts(ps, ++i, f.apologyAt);
                ps.setString(++i, f.apologyUnit);
                bool(ps, ++i, f.apologyTimely);
                ts(ps, ++i, f.overdueAt);
                ts(ps, ++i, f.completedAt);
                ps.setString(++i, f.completionKind);
                ps.setString(++i, f.outcome);
                ps.setString(++i, f.recordTimeliness == null ? null : f.recordTimeliness.name());
                ps.setString(++i, f.nationalTimeliness == null ? null : f.nationalTimeliness.name());
                ps.setBigDecimal(++i, f.usedAmount);
                ps.setBigDecimal(++i, f.usedRatio);
                ts(ps, ++i, f.returnedAt);
                ps.setString(++i, f.returnChannel);
                ts(ps, ++i, f.withdrawnAt);
                ps.setString(++i, f.currentUnit);
                ts(ps, ++i, f.apologyInformedAt);
                ps.setString(++i, f.appliedUnit);
                ts(ps, ++i, f.paidAt);
                ps.setString(++i, f.paymentChannel);
                bool(ps, ++i, f.paidOnline);
                bool(ps, ++i, f.digitisedAll);
                bool(ps, ++i, f.resultElectronic);
                ps.setString(++i, f.syncState);
                ps.setObject(++i, f.syncForVersion, Types.INTEGER);
                ts(ps, ++i, f.syncAt);
                ps.setString(++i, f.syncErrorCode);
                ps.setString(++i, f.syncErrorMessage);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from dossier_step" + sfx + " where dossier_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", facts.stream().map(f -> f.dossierId).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into dossier_step" + sfx
                + " (dossier_id, number, unit_code, step_name, competent_unit, started_at, deadline, ended_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DossierFact f : facts) {
                for (DossierFact.Step s : f.steps) {
                    ps.setObject(1, f.dossierId);
                    ps.setInt(2, s.number());
                    ps.setString(3, s.unitCode());
                    ps.setString(4, s.stepName());
                    ps.setString(5, f.competentUnit);
                    ts(ps, 6, s.startedAt());
                    ts(ps, 7, s.deadline());
                    ts(ps, 8, s.endedAt());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        writeNotices(c, sfx, facts);
    }

    /** Notice receipts: one row each, by the unit that answers for the dossier, at the receipt's instant. */
    private static void writeNotices(Connection c, String sfx, java.util.Collection<DossierFact> facts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into notice_fact" + sfx
                + " (dossier_id, for_version, kind, channel, competent_unit, delivered, attempts, at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, for_version, kind, channel) do update set"
                // a failed notice sent again: one notice, counted where its latest receipt falls
                + " delivered = notice_fact.delivered or excluded.delivered, attempts = excluded.attempts,"
                + " at = excluded.at")) {
            int rows = 0;
            for (DossierFact f : facts) {
                for (DossierFact.Notice n : f.newNotices) {
                    ps.setObject(1, f.dossierId);
                    ps.setInt(2, n.forVersion());
                    ps.setString(3, n.kind());
                    ps.setString(4, n.channel());
                    ps.setString(5, f.competentUnit);
                    ps.setBoolean(6, n.delivered());
                    ps.setInt(7, n.attempts());
                    ts(ps, 8, n.at());
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    private static String json(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    static void ts(PreparedStatement ps, int i, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, value.atOffset(ZoneOffset.UTC));
        }
    }

    /** A yes/no that may be "not said". */
    private static void bool(PreparedStatement ps, int i, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, value);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Timeliness timeliness(String s) {
        return s == null ? null : Timeliness.valueOf(s);
    }
}
