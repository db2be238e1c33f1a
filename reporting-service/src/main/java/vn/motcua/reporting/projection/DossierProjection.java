package vn.motcua.reporting.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.quarkus.runtime.configuration.MemorySize;
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
import java.sql.Statement;
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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DossierProjection.class);
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
    private final int rememberedFacts;
    /** What the rebuild's memory may take of the heap for its older facts, kept compact (see FactMemory). */
    private final long compactMemory;
    /** The running rebuild's facts between its batches; null when no rebuild runs or it writes every batch. */
    private volatile FactMemory rebuildMemory;
    /** What the last rebuild's memory held at its end (null: none ran with one), for operators and the benchmark. */
    private volatile MemoryFigures lastRebuildMemory;

    /**
     * A rebuild's memory at its end: facts kept (objects and compact), the compact ones and their bytes (now and at
     * most), how often a compact fact was expanded, and how many facts left it (read back if their dossier had more
     * events: a large figure says that {@code compact-memory} is short for this rate of dossiers).
     */
    public record MemoryFigures(int kept, int compact, long compactBytes, long peakCompactBytes, long expanded,
                                long letGo) {
    }

    public MemoryFigures lastRebuildMemory() {
        return lastRebuildMemory;
    }

    /** The next rebuild writes every batch's facts in the batch, as the live projection does (see beforeCommit). */
    private volatile boolean nextRebuildWritesThrough;

    public DossierProjection(CalendarCache calendars,
                             @ConfigProperty(name = "motcua.reporting.apology-lead-working-days", defaultValue = "1")
                             int apologyLead,
                             @ConfigProperty(name = "motcua.reporting.rebuild.remembered-facts", defaultValue = "5000")
                             int rememberedFacts,
                             @ConfigProperty(name = "motcua.reporting.rebuild.compact-memory", defaultValue = "32M")
                             MemorySize compactMemory) {
        this.calendars = calendars;
        this.apologyLead = apologyLead;
        this.rememberedFacts = rememberedFacts;
        this.compactMemory = compactMemory.asLongValue();
    }

    @Override
    public void rebuilding(boolean starts) {
        if (starts) {
            rebuildMemory = nextRebuildWritesThrough ? null : new FactMemory(rememberedFacts, compactMemory);
            nextRebuildWritesThrough = false;
        } else {
            FactMemory memory = rebuildMemory;
            if (memory != null) {
                lastRebuildMemory = new MemoryFigures(memory.size(), memory.compactCount(), memory.compactSize(),
                        memory.peakCompactSize(), memory.expanded(), memory.letGo());
                LOG.infof("the rebuild's memory at its end: %,d facts kept, %,d of them compact in %,d KiB (%,d KiB"
                                + " at most); compact facts expanded %,d times (to fold or to write); %,d facts let go",
                        memory.size(), memory.compactCount(), memory.compactSize() >> 10,
                        memory.peakCompactSize() >> 10, memory.expanded(), memory.letGo());
            }
            rebuildMemory = null;
        }
    }

    @Override
    public void batchEnded(String suffix, boolean committed) {
        FactMemory memory = suffix.isEmpty() ? null : rebuildMemory;
        if (memory != null && committed) {
            memory.committed();
        } else if (memory != null) {
            memory.rolledBack();
        }
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
        return List.of("dossier_fact", "dossier_step", "notice_fact", "unit_period_summary");
    }

    @Override
    public long lockId() {
        return vn.motcua.support.AdvisoryLock.REPORTING_DOSSIER_PROJECTION.id();
    }

    @Override
    public void apply(Connection c, String sfx, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        apply(c, sfx, records, null);
    }

    /** A rebuild's next batch decoded on the runner's other thread while the one before it is folded and written. */
    @Override
    public Object prepare(List<ConsumerRecord<byte[], byte[]>> records) {
        try {
            return records.stream().map(this::decode).toList();
        } catch (RuntimeException e) {
            return null; // a record that does not decode: apply decodes the batch again and reports it
        }
    }

    @Override
    public void apply(Connection c, String sfx, List<ConsumerRecord<byte[], byte[]>> records, Object prepared)
            throws SQLException {
        // each record: its event, or (a type this version does not know) only its place in the stream
        List<DossierEventEnvelope> events = new ArrayList<>(records.size());
        List<DossierEventCodec.StreamPosition> positions = new ArrayList<>(records.size());
        @SuppressWarnings("unchecked")
        List<Decoded> decoded = prepared instanceof List<?> ready && ready.size() == records.size()
                ? (List<Decoded>) ready
                // decoding is a third of a large batch's time and needs nothing of the others: on the other cores
                : (records.size() >= PARALLEL_DECODE ? records.parallelStream() : records.stream())
                .map(this::decode).toList();
        for (Decoded d : decoded) {
            if (d != null) {
                events.add(d.event());
                positions.add(d.position());
            }
        }
        if (positions.isEmpty()) {
            return;
        }
        fold(c, sfx, events, positions, sfx.isEmpty() ? null : rebuildMemory);
    }

    private void fold(Connection c, String sfx, List<DossierEventEnvelope> events,
                      List<DossierEventCodec.StreamPosition> positions, FactMemory memory) throws SQLException {
        Map<UUID, List<DossierFact.Step>> stored = new java.util.HashMap<>();
        java.util.Set<UUID> dirty = new java.util.HashSet<>();
        java.util.Set<UUID> withRow = new java.util.HashSet<>();
        Map<UUID, DossierFact> facts = load(c, sfx, positions.stream().map(DossierEventCodec.StreamPosition::dossierId)
                .distinct().toList(), stored, memory, dirty, withRow);
        Map<UUID, DossierFact> changed = new LinkedHashMap<>();
        WorkingCalendar calendar = calendars.current(c);
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
        if (memory == null) {
            write(c, sfx, changed.values(), stored, java.util.Set.of());
            return;
        }
        for (DossierFact f : facts.values()) {
            memory.folded(f, stored.getOrDefault(f.dossierId, List.of()),
                    changed.containsKey(f.dossierId) || dirty.contains(f.dossierId), withRow.contains(f.dossierId));
        }
    }

    /**
     * A rebuild writes the facts that leave its memory, and when it has caught up all it keeps (see FactMemory). If
     * the database refuses one, the rebuild starts over without memory.
     */
    @Override
    public void beforeCommit(Connection c, String suffix, boolean caughtUp) throws SQLException {
        FactMemory memory = suffix.isEmpty() ? null : rebuildMemory;
        if (memory == null) {
            return;
        }
        List<FactMemory.Kept> rows = memory.toWrite(caughtUp);
        Map<UUID, List<DossierFact.Step>> written = new java.util.HashMap<>();
        java.util.Set<UUID> withoutRow = new java.util.HashSet<>();
        List<DossierFact> facts = new ArrayList<>(rows.size());
        for (FactMemory.Kept k : rows) {
            facts.add(k.fact());
            written.put(k.fact().dossierId, k.written());
            if (!k.hasRow()) {
                withoutRow.add(k.fact().dossierId);
            }
        }
        try {
            write(c, suffix, facts, written, withoutRow);
        } catch (SQLException | RuntimeException e) {
            if (vn.motcua.consumer.Failure.isTransient(e)) {
                throw e;
            }
            // a row the database refuses (a figure out of its column's range): which record made it so is in an
            // earlier batch, already past. The rebuild starts over writing each batch's facts within the batch,
            // where a record the database refuses is parked and dead-lettered as the live projection parks it
            nextRebuildWritesThrough = true;
            throw new StartOver("the database refused a fact kept in memory (" + vn.motcua.consumer.Failure.of(e)
                    .reason() + "); the rebuild starts over, writing each batch", e);
        }
    }

    private static final int PARALLEL_DECODE = 512;

    /** A record's event, or (a type this version does not know) only its place in the stream; null: neither. */
    private record Decoded(DossierEventEnvelope event, DossierEventCodec.StreamPosition position) {
    }

    private Decoded decode(ConsumerRecord<byte[], byte[]> r) {
        Optional<DossierEventEnvelope> read = codec.read(r.value()); // malformed: throws, dead-lettered
        if (read.isPresent()) {
            return new Decoded(read.get(), new DossierEventCodec.StreamPosition(read.get().dossierId(),
                    read.get().version()));
        }
        return codec.position(r.value()).map(p -> new Decoded(null, p)).orElse(null);
    }

    /**
     * After a revision of the working calendar that changed the days {@code first} to {@code last}: counts again, in
     * the caller's transaction, what the live facts counted in working time over those days (apology in time, time
     * used), as a rebuild with the revised calendar would. Returns how many facts were re-folded.
     */
    public int recalendar(Connection c, WorkingCalendar calendar, LocalDate first, LocalDate last) throws SQLException {
        Instant from = first.atStartOfDay(calendar.zone()).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        List<UUID> ids = new ArrayList<>();
        // time used runs from the start of counting to completion; an apology's timeliness looks at the days from
        // the apology to the due of record then in force
        try (PreparedStatement ps = c.prepareStatement("select dossier_id from dossier_fact where entered_at < ? and ("
                + " (completed_at >= ?)"
                + " or (apology_at is not null and exists (select 1 from jsonb_array_elements(due_history) h"
                + "     where (h->>'recordDate')::date >= ?)))")) {
            ts(ps, 1, to);
            ts(ps, 2, from);
            ps.setObject(3, first);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        for (int i = 0; i < ids.size(); i += RECALENDAR_CHUNK) {
            Map<UUID, List<DossierFact.Step>> stored = new java.util.HashMap<>();
            Map<UUID, DossierFact> facts = load(c, "", ids.subList(i, Math.min(ids.size(), i + RECALENDAR_CHUNK)),
                    stored, null, null, new java.util.HashSet<>());
            for (DossierFact f : facts.values()) {
                f.recalendar(calendar, apologyLead);
            }
            write(c, "", facts.values(), stored, java.util.Set.of());
        }
        return ids.size();
    }

    private static final int RECALENDAR_CHUNK = 2_000;

    /**
     * The facts of these dossiers as stored, and into {@code stored} their steps as their rows hold them: from the
     * rebuild's memory those it keeps (copies; into {@code dirty} those newer than their rows), the others from the
     * tables (unless the memory knows they have no row). Into {@code withRow} those that have a row.
     */
    private Map<UUID, DossierFact> load(Connection c, String sfx, List<UUID> ids,
                                        Map<UUID, List<DossierFact.Step>> stored, FactMemory memory,
                                        java.util.Set<UUID> dirty, java.util.Set<UUID> withRow) throws SQLException {
        Map<UUID, DossierFact> out = new LinkedHashMap<>();
        List<UUID> toRead = ids;
        if (memory != null) {
            toRead = new ArrayList<>();
            for (UUID id : ids) {
                FactMemory.Kept kept = memory.take(id);
                if (kept != null) {
                    out.put(id, kept.fact());
                    stored.put(id, kept.written());
                    if (kept.dirty()) {
                        dirty.add(id);
                    }
                    if (kept.hasRow()) {
                        withRow.add(id);
                    }
                } else {
                    toRead.add(id);
                }
            }
            // a dossier whose fact never left the memory has no row: most of a batch's new dossiers
            toRead = toRead.stream().filter(memory::mayHaveRow).toList();
            if (toRead.isEmpty()) {
                return out;
            }
        }
        Map<UUID, DossierFact> fromTables = new LinkedHashMap<>();
        Array idArray = c.createArrayOf("uuid", toRead.toArray());
        try (PreparedStatement ps = c.prepareStatement("select * from dossier_fact" + sfx
                + " where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierFact f = read(rs);
                    fromTables.put(f.dossierId, f);
                }
            }
        }
        if (fromTables.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select * from dossier_step" + sfx
                + " where dossier_id = any(?) order by dossier_id, number")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierFact f = fromTables.get(rs.getObject("dossier_id", UUID.class));
                    f.steps.add(new DossierFact.Step(rs.getInt("number"), rs.getString("unit_code"),
                            rs.getString("step_name"), instant(rs, "started_at"), instant(rs, "deadline"),
                            instant(rs, "ended_at")));
                }
            }
        }
        fromTables.values().forEach(f -> stored.put(f.dossierId, List.copyOf(f.steps)));
        withRow.addAll(fromTables.keySet());
        out.putAll(fromTables);
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

    /**
     * Writes the facts folded in this batch: their rows by COPY into a session-local staging table, then one merge
     * into the projection's table; likewise the handling steps that changed (a step is only ever added or ended, so
     * the merge never has to remove one). {@code stored} holds the steps as they were read. The facts in
     * {@code withoutRow} (a rebuild's memory knows they have none) go by COPY straight into the projection's tables:
     * nothing to merge them with, so neither the staging nor the merge.
     */
    private void write(Connection c, String sfx, java.util.Collection<DossierFact> facts,
                       Map<UUID, List<DossierFact.Step>> stored, java.util.Set<UUID> withoutRow) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        CopyRows steps = new CopyRows();
        CopyRows newRows = new CopyRows();
        CopyRows newSteps = new CopyRows();
        for (DossierFact f : facts) {
            boolean fresh = withoutRow.contains(f.dossierId);
            row(fresh ? newRows : rows, f);
            List<DossierFact.Step> before = fresh ? List.of() : stored.getOrDefault(f.dossierId, List.of());
            for (int i = 0; i < f.steps.size(); i++) {
                DossierFact.Step st = f.steps.get(i);
                if (i < before.size() && before.get(i).equals(st)) {
                    continue; // unchanged since read
                }
                (fresh ? newSteps : steps).add(f.dossierId).add(st.number()).add(st.unitCode()).add(st.stepName())
                        .add(f.competentUnit).add(st.startedAt()).add(st.deadline()).add(st.endedAt()).endRow();
            }
        }
        if (sfx.isEmpty()) {
            // a rebuild's twin of the summaries starts empty and nobody summarises into it
            Summaries.dropChanged(c, facts);
        }
        facts.forEach(f -> f.figuresChangedSince = null); // written with this batch
        FactPartitions.ensure(c, "dossier_fact" + sfx, facts);
        newRows.copyInto(c, "dossier_fact" + sfx, String.join(", ", COLUMNS));
        newSteps.copyInto(c, "dossier_step" + sfx, STEP_COLUMNS);
        if (rows.rows() > 0) {
            stage(c);
            rows.copyInto(c, "dossier_fact_stage", String.join(", ", COLUMNS));
            try (Statement s = c.createStatement()) {
                s.executeUpdate(MERGE_FACTS.formatted(sfx));
                if (steps.rows() > 0) {
                    steps.copyInto(c, "dossier_step_stage", STEP_COLUMNS);
                    s.executeUpdate(MERGE_STEPS.formatted(sfx));
                }
                // emptied now, not only at commit: a transaction may write several times (records one by one under
                // savepoints, a calendar revision's chunks), and each merge must see its own rows only
                s.executeUpdate("delete from dossier_fact_stage");
                s.executeUpdate("delete from dossier_step_stage");
            }
        }
        writeNotices(c, sfx, facts);
    }

    /** A fact's row for COPY, its columns in the order of {@link #COLUMNS}. */
    private static void row(CopyRows rows, DossierFact f) throws SQLException {
        rows.add(f.dossierId).add(f.dossierCode).add(f.lastVersion).add(f.procedureCode).add(f.procedureVersion)
                .add(f.procedureNameVi).add(f.timeUnit).add(f.legalAmount).add(f.appliedAmount)
                .add(f.committedShorter).add(f.onlineLevel).add(f.receivingUnit).add(f.competentUnit).add(f.channel)
                .add(f.enteredAt).add(f.receivedAt).add(f.refusedAtReception).add(f.countingStartsAt)
                .add(f.dueReceptionAt).add(f.dueReceptionDate).add(f.dueRecordAt).add(f.dueRecordDate)
                .add(f.nationalDueAt).add(f.nationalDueDate).add(f.rescheduledDueAt).add(f.rescheduledDueDate)
                .add(f.lastDueChangeAt).addJson(json(f.dueHistory)).add(f.supplementRequests)
                .add(f.secondSupplementAt).addJson(json(f.waits)).add(f.apologyAt).add(f.apologyUnit)
                .add(f.apologyTimely).add(f.overdueAt).add(f.completedAt).add(f.completionKind).add(f.outcome)
                .add(f.recordTimeliness).add(f.nationalTimeliness).add(f.usedAmount).add(f.usedRatio)
                .add(f.returnedAt).add(f.returnChannel).add(f.withdrawnAt).add(f.currentUnit)
                .add(f.apologyInformedAt).add(f.appliedUnit).add(f.paidAt).add(f.paymentChannel).add(f.paidOnline)
                .add(f.digitisedAll).add(f.resultElectronic).add(f.syncState).add(f.syncForVersion).add(f.syncAt)
                .add(f.syncErrorCode).add(f.syncErrorMessage).endRow();
    }

    static final String STEP_COLUMNS = "dossier_id, number, unit_code, step_name, competent_unit, started_at, deadline,"
            + " ended_at";
    private static final String MERGE_FACTS = "insert into dossier_fact%s (" + String.join(", ", COLUMNS)
            + ") select " + String.join(", ", COLUMNS) + " from dossier_fact_stage on conflict (dossier_id, entered_at) do update set "
            + java.util.Arrays.stream(COLUMNS).skip(1).map(col -> col + " = excluded." + col)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final String MERGE_STEPS = "insert into dossier_step%s (" + STEP_COLUMNS + ") select "
            + STEP_COLUMNS + " from dossier_step_stage on conflict (dossier_id, number) do update set"
            + " unit_code = excluded.unit_code, step_name = excluded.step_name,"
            + " competent_unit = excluded.competent_unit, started_at = excluded.started_at,"
            + " deadline = excluded.deadline, ended_at = excluded.ended_at";

    /**
     * The staging tables of this database session (created once per pooled connection, emptied at every commit).
     * Their columns are the live tables' own, generated ones as plain columns.
     */
    private static void stage(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temp table if not exists dossier_fact_stage (like dossier_fact) on commit delete rows");
            s.execute("create temp table if not exists dossier_step_stage (like dossier_step) on commit delete rows");
        }
    }

    /** Notice receipts: one row each, by the unit that answers for the dossier, at the receipt's instant. */
    private static void writeNotices(Connection c, String sfx, java.util.Collection<DossierFact> facts)
            throws SQLException {
        // the target by its alias: a rebuild writes notice_fact_rebuild
        try (PreparedStatement ps = c.prepareStatement("insert into notice_fact" + sfx + " as n"
                + " (dossier_id, for_version, kind, channel, competent_unit, delivered, attempts, at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, for_version, kind, channel) do update set"
                // a failed notice sent again: one notice, counted where its latest receipt falls
                + " delivered = n.delivered or excluded.delivered, attempts = excluded.attempts,"
                + " at = excluded.at")) {
            int rows = 0;
            for (DossierFact f : facts) {
                for (DossierFact.Notice n : oncePerNotice(f.newNotices)) {
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

    /**
     * A fact's new notice receipts with one per notice (dossier version, kind, channel), as the upsert folds them: a
     * statement may not write a row twice, and a fact folded over several batches (a rebuild's) holds every attempt.
     */
    static java.util.Collection<DossierFact.Notice> oncePerNotice(List<DossierFact.Notice> receipts) {
        if (receipts.size() < 2) {
            return receipts;
        }
        Map<String, DossierFact.Notice> out = new LinkedHashMap<>();
        for (DossierFact.Notice n : receipts) {
            out.merge(n.forVersion() + "|" + n.kind() + "|" + n.channel(), n, (earlier, later) ->
                    new DossierFact.Notice(later.forVersion(), later.kind(), later.channel(),
                            earlier.delivered() || later.delivered(), later.attempts(), later.at()));
        }
        return out.values();
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

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Timeliness timeliness(String s) {
        return s == null ? null : Timeliness.valueOf(s);
    }
}
