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
    }

    /** Positions of the store's order, taken before the write because each event's envelope carries its own. */
    private static final String POSITIONS = "select nextval(pg_get_serial_sequence('dossier_event', 'position')) "
            + "from generate_series(1, $1)";

    /**
     * The write: one statement (data-modifying CTEs; arrays for the events, outbox rows and notices) after one
     * query for the positions, in the caller's transaction. Two writers that read the same version cannot both
     * append: the unique (dossier_id, version) key refuses the second statement whole, and nothing of it is written.
     * Each part keeps the rule of the table it writes: the portal head only moves forward and reopens a synchronised
     * dossier; a notice is written once per (event, kind, channel); the read table keeps an imported row's source key.
     */
    private static final SessionSql.Sql WRITE = SessionSql.Sql.of("""
            with ev as (
              insert into dossier_event (position, event_id, dossier_id, version, event_type, occurred_at, recorded_at,
                                         payload, prev_hash, hash)
              select e.position, e.event_id, :dossier::uuid, e.version, e.event_type, e.occurred_at,
                     :recorded_at::timestamptz, e.payload,
                     case when e.n = 1 then :first_prev_hash::bytea else (:hashes::bytea[])[e.n - 1] end, e.hash
              from unnest(:positions::bigint[], :event_ids::uuid[], :versions::int[], :types::text[],
                          :occurred::timestamptz[], :payloads::text[], :hashes::bytea[])
                   with ordinality as e(position, event_id, version, event_type, occurred_at, payload, hash, n)
              order by e.n
              returning 1
            ), ob as (
              insert into outbox (event_id, topic, record_key, event_type, payload, created_at, trace_parent)
              select o.event_id, :topic::text, :dossier::uuid::text, o.event_type, o.payload, :now::timestamptz,
                     :trace_parent::text
              from unnest(:event_ids::uuid[], :types::text[], :envelopes::text[]) with ordinality
                   as o(event_id, event_type, payload, n)
              order by o.n
            ), vw as (
              insert into dossier_view (dossier_id, dossier_code, source_key, procedure_code, procedure_name,
                                        receiving_unit, competent_unit, current_unit, channel, status, applicant_name,
                                        received_at, due_at, due_date, due_of_record_at, due_at_reception,
                                        clock_running, open, overdue, apologized, completed_at, returned_at,
                                        lookup_secret_hash, last_version, updated_at)
              select :dossier::uuid, :code::text, :v_source_key::text, :v_procedure_code::text,
                     :v_procedure_name::text, :v_receiving_unit::text, :v_competent_unit::text,
                     :v_current_unit::text, :v_channel::text, :v_status::text, :v_applicant_name::text,
                     :v_received_at::timestamptz, :v_due_at::timestamptz, :v_due_date::date,
                     :v_due_of_record_at::timestamptz, :v_due_at_reception::timestamptz, :v_clock_running::boolean,
                     :v_open::boolean, :v_overdue::boolean, :v_apologized::boolean, :v_completed_at::timestamptz,
                     :v_returned_at::timestamptz, :v_lookup_secret_hash::text, :v_last_version::int,
                     :now::timestamptz
              where :has_view::boolean
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
              select :dossier::uuid, :code::text, :portal_unit::text, :portal_head::int, :now::timestamptz,
                     :now::timestamptz
              where :portal_head::int > 0
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
              select :dossier::uuid, :code::text, x.for_version, x.kind, x.channel, x.recipient,
                     nullif(x.competent_unit, ''), nullif(x.lookup_secret, ''), :now::timestamptz, :now::timestamptz
              from unnest(:n_versions::int[], :n_kinds::text[], :n_channels::text[], :n_recipients::text[],
                          :n_units::text[], :n_secrets::text[])
                   as x(for_version, kind, channel, recipient, competent_unit, lookup_secret)
              on conflict do nothing
            ), ik as (
              insert into idempotency_key (key_hash, caller, request_hash, status, dossier_id, dossier_version,
                                           response, created_at)
              select :k_hash::text, :k_caller::text, :k_request::text, :k_status::int, :k_dossier::uuid,
                     :k_version::int, :k_response::text, :k_created::timestamptz
              where :k_hash::text is not null
            )
            select count(*) from ev""");

    /**
     * Writes what one command decided (see {@link Write}).
     *
     * @throws ProblemException 409 version-conflict when another writer appended first
     */
    public Uni<Void> write(Write w) {
        if ((w.expectedVersion() == 0) != (w.previousHash() == null)) {
            throw new IllegalArgumentException("previous hash " + (w.previousHash() == null ? "missing" : "given")
                    + " for version " + w.expectedVersion());
        }
        int n = w.events().size();
        Uni<long[]> positions = n == 0 ? Uni.createFrom().item(new long[0])
                : SessionSql.query(POSITIONS, n).map(rows -> rows.stream().mapToLong(r -> (Long) r[0]).toArray());
        return positions.chain(p -> SessionSql.query(WRITE, values(w, p)))
                .onFailure(DossierStore::isVersionConflict).transform(e -> versionConflict())
                .replaceWithVoid();
    }

    private Map<String, Object> values(Write w, long[] positions) {
        int n = w.events().size();
        // what PostgreSQL keeps of an instant is what is hashed
        Instant recordedAt = EventHash.stored(w.now());
        Long[] pos = new Long[n];
        UUID[] ids = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] types = new String[n];
        java.time.OffsetDateTime[] occurred = new java.time.OffsetDateTime[n];
        String[] payloads = new String[n];
        io.vertx.core.buffer.Buffer[] hashes = new io.vertx.core.buffer.Buffer[n];
        String[] envelopes = new String[n];
        byte[] previous = w.previousHash();
        for (int i = 0; i < n; i++) {
            DossierEvent event = w.events().get(i);
            int version = w.expectedVersion() + i + 1;
            UUID eventId = UUID.randomUUID();
            String type = DossierEventType.of(event).typeName();
            Instant occurredAt = EventHash.stored(event.at());
            String payload = write(event);
            byte[] hash = EventHash.of(previous, w.dossierId(), version, type, occurredAt, recordedAt, payload);
            pos[i] = positions[i];
            ids[i] = eventId;
            versions[i] = version;
            types[i] = type;
            occurred[i] = SessionSql.param(occurredAt);
            payloads[i] = payload;
            hashes[i] = SessionSql.param(hash);
            envelopes[i] = codec.writeString(envelope(new Stored(eventId, w.dossierId(), version, positions[i],
                    recordedAt, event), w.dossierCode()));
            previous = hash;
        }
        Map<String, Object> v = new HashMap<>();
        v.put("dossier", w.dossierId());
        v.put("code", w.dossierCode());
        v.put("now", SessionSql.param(w.now()));
        v.put("recorded_at", SessionSql.param(recordedAt));
        v.put("first_prev_hash", SessionSql.param(w.previousHash()));
        v.put("positions", pos);
        v.put("event_ids", ids);
        v.put("versions", versions);
        v.put("types", types);
        v.put("occurred", occurred);
        v.put("payloads", payloads);
        v.put("hashes", hashes);
        v.put("topic", DossierTopics.EVENTS);
        v.put("envelopes", envelopes);
        v.put("trace_parent", vn.motcua.outbox.Outbox.currentTraceParent());
        putView(v, w.view());
        v.put("portal_head", w.portal() == null ? 0 : w.portal().version());
        v.put("portal_unit", w.portal() == null ? null : w.portal().competentUnit());
        putNotices(v, w.notices());
        putAnswer(v, w.answer());
        return v;
    }

    private static void putView(Map<String, Object> v, DossierViewEntity view) {
        boolean has = view != null;
        v.put("has_view", has);
        v.put("v_source_key", has ? view.sourceKey : null);
        v.put("v_procedure_code", has ? view.procedureCode : null);
        v.put("v_procedure_name", has ? view.procedureName : null);
        v.put("v_receiving_unit", has ? view.receivingUnit : null);
        v.put("v_competent_unit", has ? view.competentUnit : null);
        v.put("v_current_unit", has ? view.currentUnit : null);
        v.put("v_channel", has ? view.channel : null);
        v.put("v_status", has ? view.status : null);
        v.put("v_applicant_name", has ? view.applicantName : null);
        v.put("v_received_at", has ? SessionSql.param(view.receivedAt) : null);
        v.put("v_due_at", has ? SessionSql.param(view.dueAt) : null);
        v.put("v_due_date", has ? view.dueDate : null);
        v.put("v_due_of_record_at", has ? SessionSql.param(view.dueOfRecordAt) : null);
        v.put("v_due_at_reception", has ? SessionSql.param(view.dueAtReception) : null);
        v.put("v_clock_running", has && view.clockRunning);
        v.put("v_open", has && view.open);
        v.put("v_overdue", has && view.overdue);
        v.put("v_apologized", has && view.apologized);
        v.put("v_completed_at", has ? SessionSql.param(view.completedAt) : null);
        v.put("v_returned_at", has ? SessionSql.param(view.returnedAt) : null);
        v.put("v_lookup_secret_hash", has ? view.lookupSecretHash : null);
        v.put("v_last_version", has ? view.lastVersion : 0);
    }

    private void putNotices(Map<String, Object> v, List<NoticeStore.NewNotice> notices) {
        int n = notices.size();
        Integer[] versions = new Integer[n];
        String[] kinds = new String[n];
        String[] channels = new String[n];
        String[] recipients = new String[n];
        String[] units = new String[n];
        String[] secrets = new String[n];
        for (int i = 0; i < n; i++) {
            NoticeStore.NewNotice x = notices.get(i);
            versions[i] = x.forVersion();
            kinds[i] = x.kind().name();
            channels[i] = x.channel().name();
            // the address and the receipt's secret are sealed at rest (DataProtection); '' stands for none
            recipients[i] = protection.seal(x.recipient());
            units[i] = x.competentUnit() == null ? "" : x.competentUnit();
            secrets[i] = x.lookupSecret() == null ? "" : protection.seal(x.lookupSecret());
        }
        v.put("n_versions", versions);
        v.put("n_kinds", kinds);
        v.put("n_channels", channels);
        v.put("n_recipients", recipients);
        v.put("n_units", units);
        v.put("n_secrets", secrets);
    }

    private static void putAnswer(Map<String, Object> v, IdempotencyEntity a) {
        v.put("k_hash", a == null ? null : a.keyHash);
        v.put("k_caller", a == null ? null : a.caller);
        v.put("k_request", a == null ? null : a.requestHash);
        v.put("k_status", a == null ? null : a.status);
        v.put("k_dossier", a == null ? null : a.dossierId);
        v.put("k_version", a == null ? null : a.dossierVersion);
        v.put("k_response", a == null ? null : a.response);
        v.put("k_created", a == null ? null : SessionSql.param(a.createdAt));
    }

    /** An Idempotency-Key's first answer, or null when the key was not used yet. */
    public Uni<IdempotencyEntity> answer(String keyHash) {
        return SessionSql.query("select key_hash, caller, request_hash, status, dossier_id, dossier_version, response, "
                + "created_at from idempotency_key where key_hash = $1", keyHash).map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    IdempotencyEntity a = new IdempotencyEntity();
                    a.keyHash = (String) r[0];
                    a.caller = (String) r[1];
                    a.requestHash = (String) r[2];
                    a.status = (Integer) r[3];
                    a.dossierId = (UUID) r[4];
                    a.dossierVersion = (Integer) r[5];
                    a.response = (String) r[6];
                    a.createdAt = SessionSql.instant(r[7]);
                    return a;
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
