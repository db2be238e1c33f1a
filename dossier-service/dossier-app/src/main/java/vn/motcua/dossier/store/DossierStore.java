package vn.motcua.dossier.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.history.EventHash;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierEventType;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.support.DatabaseErrors;
import vn.motcua.support.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event store: a dossier's stream is read whole and replayed (dossiers have tens of events, not thousands), and
 * appended to at the version it was read at. Two writers that read the same version cannot both append: the unique
 * (dossier_id, version) key lets exactly one commit, the other gets a 409. Every appended event goes to the outbox
 * in the same transaction. Call inside a transaction.
 */
@ApplicationScoped
public class DossierStore {
    static final String VERSION_CONSTRAINT = "dossier_event_stream_version";

    /** The contract's JSON conventions, with personal data kept: the store is the one place that holds it. */
    private final ObjectMapper json = DossierEventCodec.configure(new ObjectMapper());
    private final DossierEventCodec codec = new DossierEventCodec();
    private final DataProtection protection;

    public DossierStore(DataProtection protection) {
        this.protection = protection;
    }

    /** An event as stored. */
    public record Stored(UUID eventId, UUID dossierId, int version, long position, Instant recordedAt,
                         DossierEvent event) {
    }

    /**
     * A dossier's stream: its events in order, the state they fold to, the version to append at and the hash the
     * next event links to (null for a new stream).
     */
    public record Stream(UUID dossierId, List<Stored> events, DossierState state, byte[] lastHash) {
        public int version() {
            return events.size();
        }

        public boolean exists() {
            return !events.isEmpty();
        }

        /** The stream as it was at an instant: the events that had happened by then (for "state as of"). */
        public Stream upTo(Instant asOf) {
            List<Stored> upTo = events.stream().filter(e -> !e.event().at().isAfter(asOf)).toList();
            return new Stream(dossierId, upTo, Dossier.replay(upTo.stream().map(Stored::event).toList()), null);
        }
    }

    private static final String LOAD = "select event_id, version, position, recorded_at, event_type, payload, hash "
            + "from dossier_event where dossier_id = $1 order by version";

    /** The whole stream in one query, read as rows (no entities: nothing for a flush to check). */
    public Uni<Stream> load(UUID dossierId) {
        return SessionSql.query(LOAD, dossierId).map(rows -> {
            List<Stored> events = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                events.add(new Stored((UUID) r[0], dossierId, (Integer) r[1], (Long) r[2], SessionSql.instant(r[3]),
                        read((String) r[4], (String) r[5], (UUID) r[0])));
            }
            return new Stream(dossierId, events, Dossier.replay(events.stream().map(Stored::event).toList()),
                    rows.isEmpty() ? null : SessionSql.bytes(rows.get(rows.size() - 1)[6]));
        });
    }

    /** The read-table row, the national portal's head and the notices that go with an append (see {@link Write}). */
    public record PortalHead(int version, String competentUnit) {
    }

    /**
     * Everything one command writes: its events (appended after {@code expectedVersion}, chained to
     * {@code previousHash}: null for a new stream), their outbox rows, the read-table row ({@code view}, unmanaged;
     * null when there are no events), the national portal's head (null when no event changes what the portal holds),
     * the notices to the applicant, and the Idempotency-Key's first answer (null without a key).
     */
    public record Write(UUID dossierId, String dossierCode, int expectedVersion, byte[] previousHash,
                        List<DossierEvent> events, Instant now, DossierViewEntity view, PortalHead portal,
                        List<NoticeStore.NewNotice> notices, IdempotencyEntity answer) {
        public Write withAnswer(IdempotencyEntity first) {
            return new Write(dossierId, dossierCode, expectedVersion, previousHash, events, now, view, portal, notices,
                    first);
        }
    }

    /** Of some dossier ids and codes, those already in the read table (an import's first question). */
    public record Taken(java.util.Set<UUID> dossiers, java.util.Set<String> codes) {
    }

    public Uni<Taken> taken(java.util.Collection<UUID> ids, java.util.Collection<String> codes) {
        return SessionSql.query("select dossier_id, dossier_code from dossier_view "
                        + "where dossier_id = any($1) or dossier_code = any($2)", ids.toArray(UUID[]::new),
                codes.toArray(String[]::new)).map(rows -> {
                    java.util.Set<UUID> dossiers = new java.util.HashSet<>();
                    java.util.Set<String> taken = new java.util.HashSet<>();
                    for (Object[] r : rows) {
                        dossiers.add((UUID) r[0]);
                        taken.add((String) r[1]);
                    }
                    return new Taken(dossiers, taken);
                });
    }

    /** Positions of the store's order, taken before the write because each event's envelope carries its own. */
    private static final String POSITIONS = "select nextval(pg_get_serial_sequence('dossier_event', 'position')) "
            + "from generate_series(1, $1)";

    /**
     * The write: one statement (data-modifying CTEs over arrays: one element per event, read-table row, portal head,
     * notice and answer) after one query for the positions, in the caller's transaction. A command writes one
     * dossier's share; an import writes many dossiers' in the same statement. Two writers that read the same version
     * cannot both append: the unique (dossier_id, version) key refuses the second statement whole, and nothing of it
     * is written. Each part keeps the rule of the table it writes: the portal head only moves forward and reopens a
     * synchronised dossier; a notice is written once per (event, kind, channel); the read table keeps an imported
     * row's source key. Text and bytea arrays carry '' for none (nullif).
     */
    static final SessionSql.Sql WRITE = SessionSql.Sql.of("""
            with ev as (
              insert into dossier_event (position, event_id, dossier_id, version, event_type, occurred_at, recorded_at,
                                         payload, prev_hash, hash)
              select e.position, e.event_id, e.dossier_id, e.version, e.event_type, e.occurred_at,
                     :recorded_at::timestamptz, e.payload, nullif(e.prev_hash, ''::bytea), e.hash
              from unnest(:positions::bigint[], :event_ids::uuid[], :dossiers::uuid[], :versions::int[],
                          :types::text[], :occurred::timestamptz[], :payloads::text[], :prev_hashes::bytea[],
                          :hashes::bytea[])
                   with ordinality as e(position, event_id, dossier_id, version, event_type, occurred_at, payload,
                                        prev_hash, hash, n)
              order by e.n
              returning 1
            ), ob as (
              insert into outbox (event_id, topic, record_key, event_type, payload, created_at, trace_parent)
              select o.event_id, :topic::text, o.dossier_id::text, o.event_type, o.payload, :now::timestamptz,
                     :trace_parent::text
              from unnest(:event_ids::uuid[], :dossiers::uuid[], :types::text[], :envelopes::text[]) with ordinality
                   as o(event_id, dossier_id, event_type, payload, n)
              order by o.n
            ), vw as (
              insert into dossier_view (dossier_id, dossier_code, source_key, procedure_code, procedure_name,
                                        receiving_unit, competent_unit, current_unit, channel, status, applicant_name,
                                        received_at, due_at, due_date, due_of_record_at, due_at_reception,
                                        clock_running, open, overdue, apologized, completed_at, returned_at,
                                        lookup_secret_hash, last_version, updated_at)
              select v.dossier_id, v.dossier_code, nullif(v.source_key, ''), v.procedure_code, v.procedure_name,
                     v.receiving_unit, v.competent_unit, nullif(v.current_unit, ''), v.channel, v.status,
                     nullif(v.applicant_name, ''), v.received_at, v.due_at, v.due_date, v.due_of_record_at,
                     v.due_at_reception, v.clock_running, v.open, v.overdue, v.apologized, v.completed_at,
                     v.returned_at, nullif(v.lookup_secret_hash, ''), v.last_version, :now::timestamptz
              from unnest(:v_dossiers::uuid[], :v_codes::text[], :v_source_keys::text[], :v_procedure_codes::text[],
                          :v_procedure_names::text[], :v_receiving_units::text[], :v_competent_units::text[],
                          :v_current_units::text[], :v_channels::text[], :v_statuses::text[],
                          :v_applicant_names::text[], :v_received_at::timestamptz[], :v_due_at::timestamptz[],
                          :v_due_dates::date[], :v_due_of_record_at::timestamptz[],
                          :v_due_at_reception::timestamptz[], :v_clock_running::boolean[], :v_open::boolean[],
                          :v_overdue::boolean[], :v_apologized::boolean[], :v_completed_at::timestamptz[],
                          :v_returned_at::timestamptz[], :v_lookup_secret_hashes::text[], :v_last_versions::int[])
                   as v(dossier_id, dossier_code, source_key, procedure_code, procedure_name, receiving_unit,
                        competent_unit, current_unit, channel, status, applicant_name, received_at, due_at, due_date,
                        due_of_record_at, due_at_reception, clock_running, open, overdue, apologized, completed_at,
                        returned_at, lookup_secret_hash, last_version)
              on conflict (dossier_id) do update set
                dossier_code = excluded.dossier_code,
                source_key = coalesce(excluded.source_key, dossier_view.source_key),
                procedure_code = excluded.procedure_code, procedure_name = excluded.procedure_name,
                receiving_unit = excluded.receiving_unit, competent_unit = excluded.competent_unit,
                current_unit = excluded.current_unit, channel = excluded.channel, status = excluded.status,
                applicant_name = excluded.applicant_name, received_at = excluded.received_at,
                due_at = excluded.due_at, due_date = excluded.due_date, due_of_record_at = excluded.due_of_record_at,
                due_at_reception = excluded.due_at_reception, clock_running = excluded.clock_running,
                open = excluded.open, overdue = excluded.overdue, apologized = excluded.apologized,
                completed_at = excluded.completed_at, returned_at = excluded.returned_at,
                lookup_secret_hash = excluded.lookup_secret_hash, last_version = excluded.last_version,
                updated_at = excluded.updated_at
            ), ps as (
              insert into portal_sync (dossier_id, dossier_code, competent_unit, head_version, next_attempt_at,
                                       updated_at)
              select p.dossier_id, p.dossier_code, p.competent_unit, p.head_version, :now::timestamptz,
                     :now::timestamptz
              from unnest(:p_dossiers::uuid[], :p_codes::text[], :p_units::text[], :p_heads::int[])
                   as p(dossier_id, dossier_code, competent_unit, head_version)
              on conflict (dossier_id) do update set
                head_version = greatest(portal_sync.head_version, excluded.head_version),
                dossier_code = excluded.dossier_code, competent_unit = excluded.competent_unit,
                next_attempt_at = case when portal_sync.state = 'SYNCED' then excluded.next_attempt_at
                                       else portal_sync.next_attempt_at end,
                state = case when portal_sync.state = 'SYNCED' then 'PENDING' else portal_sync.state end,
                updated_at = excluded.updated_at
            ), nt as (
              insert into notice (dossier_id, dossier_code, for_version, kind, channel, recipient, competent_unit,
                                  lookup_secret, next_attempt_at, created_at)
              select x.dossier_id, x.dossier_code, x.for_version, x.kind, x.channel, x.recipient,
                     nullif(x.competent_unit, ''), nullif(x.lookup_secret, ''), :now::timestamptz, :now::timestamptz
              from unnest(:n_dossiers::uuid[], :n_codes::text[], :n_versions::int[], :n_kinds::text[],
                          :n_channels::text[], :n_recipients::text[], :n_units::text[], :n_secrets::text[])
                   as x(dossier_id, dossier_code, for_version, kind, channel, recipient, competent_unit,
                        lookup_secret)
              on conflict do nothing
            ), ik as (
              insert into idempotency_key (key_hash, caller, request_hash, status, dossier_id, dossier_version,
                                           response, created_at)
              select k.key_hash, k.caller, k.request_hash, k.status, k.dossier_id, k.dossier_version, k.response,
                     k.created_at
              from unnest(:k_hashes::text[], :k_callers::text[], :k_requests::text[], :k_statuses::int[],
                          :k_dossiers::uuid[], :k_versions::int[], :k_responses::text[], :k_created::timestamptz[])
                   as k(key_hash, caller, request_hash, status, dossier_id, dossier_version, response, created_at)
            )
            select count(*) from ev""");

    /**
     * Writes what one command decided (see {@link Write}).
     *
     * @throws ProblemException 409 version-conflict when another writer appended first
     */
    public Uni<Void> write(Write w) {
        return write(List.of(w));
    }

    /**
     * {@code n} positions of the store's order, for a write whose number of events is known before it is decided (a
     * reception appends one): asked for beside the command's other reads instead of after its decision. Positions
     * only order, so one a write did not use is a gap like a rolled-back command's.
     */
    public Uni<long[]> positions(int n) {
        return SessionSql.query(POSITIONS, n).map(rows -> rows.stream().mapToLong(r -> (Long) r[0]).toArray());
    }

    /** {@link #write(Write)} with positions taken before ({@link #positions}); others if their number does not fit. */
    public Uni<Void> write(Write w, long[] positions) {
        if (positions.length != w.events().size()) {
            return write(w);
        }
        checkChain(List.of(w));
        return written(write(values(List.of(w), positions)));
    }

    /**
     * Writes what several commands decided, on different dossiers, as one statement (the bulk import: each element
     * a new stream). Any one version conflict refuses them all.
     *
     * @throws ProblemException 409 version-conflict when another writer appended first to any of them
     */
    public Uni<Void> write(List<Write> writes) {
        int n = checkChain(writes);
        Uni<long[]> positions = n == 0 ? Uni.createFrom().item(new long[0]) : positions(n);
        return written(positions.chain(p -> write(values(writes, p))));
    }

    /**
     * {@link #write(List)} with positions taken before ({@link #positions}): the first of them if there are more than
     * its events (an unused position is a gap, like a rolled-back command's), others if there are fewer.
     */
    public Uni<Void> write(List<Write> writes, long[] positions) {
        int n = checkChain(writes);
        if (positions.length < n) {
            return write(writes);
        }
        return written(write(values(writes, java.util.Arrays.copyOf(positions, n))));
    }

    /** The writes' number of events; refuses a write whose previous hash does not go with its expected version. */
    private static int checkChain(List<Write> writes) {
        int n = 0;
        for (Write w : writes) {
            if ((w.expectedVersion() == 0) != (w.previousHash() == null)) {
                throw new IllegalArgumentException("previous hash " + (w.previousHash() == null ? "missing" : "given")
                        + " for version " + w.expectedVersion());
            }
            n += w.events().size();
        }
        return n;
    }

    /**
     * The write statement on a generic plan. Its parameters are arrays, so PostgreSQL's custom plan (from the actual
     * lengths) always looks cheaper than the generic one and it planned the six inserts again at every command: 0.6 ms
     * of its CPU each, a third of the statement's own time (pg_stat_statements during the bench). The plan's shape
     * does not depend on the lengths (a function scan into each insert), so the generic plan is the same work. The
     * setting is sent in the same round trip and ends with the transaction.
     */
    private static Uni<List<Object[]>> write(Map<String, Object> values) {
        return Uni.combine().all().unis(SessionSql.query(GENERIC_PLAN), SessionSql.query(WRITE, values)).asTuple()
                .map(io.smallrye.mutiny.tuples.Tuple2::getItem2);
    }

    private static final String GENERIC_PLAN = "set local plan_cache_mode = force_generic_plan";

    private static Uni<Void> written(Uni<List<Object[]>> statement) {
        return statement.onFailure(DossierStore::isVersionConflict).transform(e -> versionConflict()).replaceWithVoid();
    }

    private static final io.vertx.core.buffer.Buffer NO_HASH = io.vertx.core.buffer.Buffer.buffer();

    private Map<String, Object> values(List<Write> writes, long[] positions) {
        int n = positions.length;
        // one instant for the statement: what PostgreSQL keeps of it is what is hashed
        Instant now = writes.get(0).now();
        Instant recordedAt = EventHash.stored(now);
        Long[] pos = new Long[n];
        UUID[] ids = new UUID[n];
        UUID[] dossiers = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] types = new String[n];
        java.time.OffsetDateTime[] occurred = new java.time.OffsetDateTime[n];
        String[] payloads = new String[n];
        io.vertx.core.buffer.Buffer[] previousHashes = new io.vertx.core.buffer.Buffer[n];
        io.vertx.core.buffer.Buffer[] hashes = new io.vertx.core.buffer.Buffer[n];
        String[] envelopes = new String[n];
        int i = 0;
        for (Write w : writes) {
            byte[] previous = w.previousHash();
            for (int k = 0; k < w.events().size(); k++, i++) {
                DossierEvent event = w.events().get(k);
                int version = w.expectedVersion() + k + 1;
                UUID eventId = UUID.randomUUID();
                String type = DossierEventType.of(event).typeName();
                Instant occurredAt = EventHash.stored(event.at());
                String payload = write(event);
                byte[] hash = EventHash.of(previous, w.dossierId(), version, type, occurredAt, recordedAt, payload);
                pos[i] = positions[i];
                ids[i] = eventId;
                dossiers[i] = w.dossierId();
                versions[i] = version;
                types[i] = type;
                occurred[i] = SessionSql.param(occurredAt);
                payloads[i] = payload;
                previousHashes[i] = previous == null ? NO_HASH : SessionSql.param(previous);
                hashes[i] = SessionSql.param(hash);
                envelopes[i] = codec.writeString(envelope(new Stored(eventId, w.dossierId(), version, positions[i],
                        recordedAt, event), w.dossierCode()));
                previous = hash;
            }
        }
        Map<String, Object> v = new HashMap<>();
        v.put("now", SessionSql.param(now));
        v.put("recorded_at", SessionSql.param(recordedAt));
        v.put("positions", pos);
        v.put("event_ids", ids);
        v.put("dossiers", dossiers);
        v.put("versions", versions);
        v.put("types", types);
        v.put("occurred", occurred);
        v.put("payloads", payloads);
        v.put("prev_hashes", previousHashes);
        v.put("hashes", hashes);
        v.put("topic", DossierTopics.EVENTS);
        v.put("envelopes", envelopes);
        v.put("trace_parent", vn.motcua.outbox.Outbox.currentTraceParent());
        putViews(v, writes.stream().map(Write::view).filter(java.util.Objects::nonNull).toList());
        putPortalHeads(v, writes.stream().filter(w -> w.portal() != null).toList());
        putNotices(v, writes.stream().flatMap(w -> w.notices().stream()).toList());
        putAnswers(v, writes.stream().map(Write::answer).filter(java.util.Objects::nonNull).toList());
        return v;
    }

    private static void putViews(Map<String, Object> v, List<DossierViewEntity> views) {
        int n = views.size();
        UUID[] dossiers = new UUID[n];
        String[] codes = new String[n];
        String[] sourceKeys = new String[n];
        String[] procedureCodes = new String[n];
        String[] procedureNames = new String[n];
        String[] receivingUnits = new String[n];
        String[] competentUnits = new String[n];
        String[] currentUnits = new String[n];
        String[] channels = new String[n];
        String[] statuses = new String[n];
        String[] applicantNames = new String[n];
        java.time.OffsetDateTime[] receivedAt = new java.time.OffsetDateTime[n];
        java.time.OffsetDateTime[] dueAt = new java.time.OffsetDateTime[n];
        java.time.LocalDate[] dueDates = new java.time.LocalDate[n];
        java.time.OffsetDateTime[] dueOfRecordAt = new java.time.OffsetDateTime[n];
        java.time.OffsetDateTime[] dueAtReception = new java.time.OffsetDateTime[n];
        Boolean[] clockRunning = new Boolean[n];
        Boolean[] open = new Boolean[n];
        Boolean[] overdue = new Boolean[n];
        Boolean[] apologized = new Boolean[n];
        java.time.OffsetDateTime[] completedAt = new java.time.OffsetDateTime[n];
        java.time.OffsetDateTime[] returnedAt = new java.time.OffsetDateTime[n];
        String[] lookupSecretHashes = new String[n];
        Integer[] lastVersions = new Integer[n];
        for (int i = 0; i < n; i++) {
            DossierViewEntity view = views.get(i);
            dossiers[i] = view.dossierId;
            codes[i] = view.dossierCode;
            sourceKeys[i] = orNone(view.sourceKey);
            procedureCodes[i] = view.procedureCode;
            procedureNames[i] = view.procedureName;
            receivingUnits[i] = view.receivingUnit;
            competentUnits[i] = view.competentUnit;
            currentUnits[i] = orNone(view.currentUnit);
            channels[i] = view.channel;
            statuses[i] = view.status;
            applicantNames[i] = orNone(view.applicantName);
            receivedAt[i] = SessionSql.param(view.receivedAt);
            dueAt[i] = SessionSql.param(view.dueAt);
            dueDates[i] = view.dueDate;
            dueOfRecordAt[i] = SessionSql.param(view.dueOfRecordAt);
            dueAtReception[i] = SessionSql.param(view.dueAtReception);
            clockRunning[i] = view.clockRunning;
            open[i] = view.open;
            overdue[i] = view.overdue;
            apologized[i] = view.apologized;
            completedAt[i] = SessionSql.param(view.completedAt);
            returnedAt[i] = SessionSql.param(view.returnedAt);
            lookupSecretHashes[i] = orNone(view.lookupSecretHash);
            lastVersions[i] = view.lastVersion;
        }
        v.put("v_dossiers", dossiers);
        v.put("v_codes", codes);
        v.put("v_source_keys", sourceKeys);
        v.put("v_procedure_codes", procedureCodes);
        v.put("v_procedure_names", procedureNames);
        v.put("v_receiving_units", receivingUnits);
        v.put("v_competent_units", competentUnits);
        v.put("v_current_units", currentUnits);
        v.put("v_channels", channels);
        v.put("v_statuses", statuses);
        v.put("v_applicant_names", applicantNames);
        v.put("v_received_at", receivedAt);
        v.put("v_due_at", dueAt);
        v.put("v_due_dates", dueDates);
        v.put("v_due_of_record_at", dueOfRecordAt);
        v.put("v_due_at_reception", dueAtReception);
        v.put("v_clock_running", clockRunning);
        v.put("v_open", open);
        v.put("v_overdue", overdue);
        v.put("v_apologized", apologized);
        v.put("v_completed_at", completedAt);
        v.put("v_returned_at", returnedAt);
        v.put("v_lookup_secret_hashes", lookupSecretHashes);
        v.put("v_last_versions", lastVersions);
    }

    private static void putPortalHeads(Map<String, Object> v, List<Write> writes) {
        int n = writes.size();
        UUID[] dossiers = new UUID[n];
        String[] codes = new String[n];
        String[] units = new String[n];
        Integer[] heads = new Integer[n];
        for (int i = 0; i < n; i++) {
            Write w = writes.get(i);
            dossiers[i] = w.dossierId();
            codes[i] = w.dossierCode();
            units[i] = w.portal().competentUnit();
            heads[i] = w.portal().version();
        }
        v.put("p_dossiers", dossiers);
        v.put("p_codes", codes);
        v.put("p_units", units);
        v.put("p_heads", heads);
    }

    private void putNotices(Map<String, Object> v, List<NoticeStore.NewNotice> notices) {
        int n = notices.size();
        UUID[] dossiers = new UUID[n];
        String[] codes = new String[n];
        Integer[] versions = new Integer[n];
        String[] kinds = new String[n];
        String[] channels = new String[n];
        String[] recipients = new String[n];
        String[] units = new String[n];
        String[] secrets = new String[n];
        for (int i = 0; i < n; i++) {
            NoticeStore.NewNotice x = notices.get(i);
            dossiers[i] = x.dossierId();
            codes[i] = x.dossierCode();
            versions[i] = x.forVersion();
            kinds[i] = x.kind().name();
            channels[i] = x.channel().name();
            // the address and the receipt's secret are sealed at rest (DataProtection)
            recipients[i] = protection.seal(x.recipient());
            units[i] = orNone(x.competentUnit());
            secrets[i] = x.lookupSecret() == null ? "" : protection.seal(x.lookupSecret());
        }
        v.put("n_dossiers", dossiers);
        v.put("n_codes", codes);
        v.put("n_versions", versions);
        v.put("n_kinds", kinds);
        v.put("n_channels", channels);
        v.put("n_recipients", recipients);
        v.put("n_units", units);
        v.put("n_secrets", secrets);
    }

    private static void putAnswers(Map<String, Object> v, List<IdempotencyEntity> answers) {
        int n = answers.size();
        String[] hashes = new String[n];
        String[] callers = new String[n];
        String[] requests = new String[n];
        Integer[] statuses = new Integer[n];
        UUID[] dossiers = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] responses = new String[n];
        java.time.OffsetDateTime[] created = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IdempotencyEntity a = answers.get(i);
            hashes[i] = a.keyHash;
            callers[i] = a.caller;
            requests[i] = a.requestHash;
            statuses[i] = a.status;
            dossiers[i] = a.dossierId;
            versions[i] = a.dossierVersion;
            responses[i] = a.response;
            created[i] = SessionSql.param(a.createdAt);
        }
        v.put("k_hashes", hashes);
        v.put("k_callers", callers);
        v.put("k_requests", requests);
        v.put("k_statuses", statuses);
        v.put("k_dossiers", dossiers);
        v.put("k_versions", versions);
        v.put("k_responses", responses);
        v.put("k_created", created);
    }

    private static String orNone(String s) {
        return s == null ? "" : s;
    }

    private static final String ANSWERS = "select key_hash, caller, request_hash, status, dossier_id, "
            + "dossier_version, response, created_at from idempotency_key where key_hash = any($1)";

    /** An Idempotency-Key's first answer, or null when the key was not used yet. */
    public Uni<IdempotencyEntity> answer(String keyHash) {
        return answers(List.of(keyHash)).map(found -> found.get(keyHash));
    }

    /** The first answers of those of {@code keyHashes} that were used, by key hash (one query). */
    public Uni<Map<String, IdempotencyEntity>> answers(java.util.Collection<String> keyHashes) {
        return SessionSql.query(ANSWERS, (Object) keyHashes.toArray(String[]::new)).map(rows -> {
            Map<String, IdempotencyEntity> found = new java.util.HashMap<>();
            for (Object[] r : rows) {
                IdempotencyEntity a = new IdempotencyEntity();
                a.keyHash = (String) r[0];
                a.caller = (String) r[1];
                a.requestHash = (String) r[2];
                a.status = (Integer) r[3];
                a.dossierId = (UUID) r[4];
                a.dossierVersion = (Integer) r[5];
                a.response = (String) r[6];
                a.createdAt = SessionSql.instant(r[7]);
                found.put(a.keyHash, a);
            }
            return found;
        });
    }

    public static DossierEventEnvelope envelope(Stored s, String dossierCode) {
        return DossierEventEnvelope.of(s.eventId(), s.dossierId(), dossierCode, s.version(), s.position(),
                s.recordedAt(), s.event());
    }

    public static ProblemException versionConflict() {
        return new ProblemException(409, "version-conflict",
                "The dossier was changed by another request; read it again and retry",
                "Hồ sơ vừa được thay đổi bởi một thao tác khác; vui lòng tải lại và thử lại",
                List.of(new ProblemException.Violation("If-Match", "is not the dossier's current version",
                        "không phải phiên bản hiện tại của hồ sơ")));
    }

    /** True for the unique-key violation that means another writer appended at the same version. */
    public static boolean isVersionConflict(Throwable t) {
        return DatabaseErrors.uniqueViolation(t, VERSION_CONSTRAINT);
    }

    private DossierEvent read(String eventType, String payload, UUID eventId) {
        Class<? extends DossierEvent> type = DossierEventType.byName(eventType)
                .orElseThrow(() -> new IllegalStateException("unknown stored event type " + eventType))
                .eventClass();
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event " + eventId, e);
        }
    }

    private String write(DossierEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }
}
