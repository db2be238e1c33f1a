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
import java.util.List;
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
    private final vn.motcua.outbox.Outbox outbox;

    public DossierStore(vn.motcua.outbox.Outbox outbox) {
        this.outbox = outbox;
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

    public Uni<Stream> load(UUID dossierId) {
        return EventEntity.<EventEntity>list("dossierId = ?1 order by version", dossierId)
                .map(rows -> {
                    List<Stored> events = rows.stream().map(this::toStored).toList();
                    return new Stream(dossierId, events, Dossier.replay(events.stream().map(Stored::event).toList()),
                            rows.isEmpty() ? null : rows.get(rows.size() - 1).hash);
                });
    }

    /**
     * Appends events after {@code expectedVersion} and puts them in the outbox. {@code previousHash} is the hash of
     * the event at {@code expectedVersion} as the caller loaded it ({@link Stream#lastHash()}; null for a new
     * stream): each event is chained to the one before without reading anything again. Had another writer appended
     * in between, the unique (dossier_id, version) key refuses this append and its transaction rolls back, so a
     * committed event always links to the event committed before it.
     *
     * @throws ProblemException 409 version-conflict when another writer appended first
     */
    public Uni<List<Stored>> append(UUID dossierId, String dossierCode, int expectedVersion, byte[] previousHash,
                                    List<DossierEvent> events, Instant now) {
        if ((expectedVersion == 0) != (previousHash == null)) {
            throw new IllegalArgumentException("previous hash " + (previousHash == null ? "missing" : "given")
                    + " for version " + expectedVersion);
        }
        // what PostgreSQL keeps of an instant is what is hashed
        Instant recordedAt = EventHash.stored(now);
        List<EventEntity> rows = new ArrayList<>(events.size());
        byte[] previous = previousHash;
        for (int i = 0; i < events.size(); i++) {
            EventEntity row = row(dossierId, expectedVersion + i + 1, previous, events.get(i), recordedAt);
            rows.add(row);
            previous = row.hash;
        }
        List<Stored> stored = new ArrayList<>(events.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            EventEntity row = rows.get(i);
            DossierEvent event = events.get(i);
            chain = chain.chain(() -> appendOne(row, dossierCode, event, now).invoke(stored::add).replaceWithVoid());
        }
        return chain.map(v -> List.copyOf(stored))
                .onFailure(DossierStore::isVersionConflict).transform(e -> versionConflict());
    }

    private EventEntity row(UUID dossierId, int version, byte[] previousHash, DossierEvent event,
                            Instant recordedAt) {
        EventEntity row = new EventEntity();
        row.eventId = UUID.randomUUID();
        row.dossierId = dossierId;
        row.version = version;
        row.eventType = DossierEventType.of(event).typeName();
        row.occurredAt = EventHash.stored(event.at());
        row.recordedAt = recordedAt;
        row.payload = write(event);
        row.prevHash = previousHash;
        row.hash = EventHash.of(previousHash, dossierId, version, row.eventType, row.occurredAt, row.recordedAt,
                row.payload);
        return row;
    }

    private Uni<Stored> appendOne(EventEntity row, String dossierCode, DossierEvent event, Instant now) {
        return row.<EventEntity>persist().chain(saved -> {
            Stored s = toStored(saved, event);
            return outbox.append(s.eventId(), DossierTopics.EVENTS, saved.dossierId.toString(), saved.eventType,
                    codec.writeString(envelope(s, dossierCode)), now).replaceWith(s);
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

    private Stored toStored(EventEntity row) {
        Class<? extends DossierEvent> type = DossierEventType.byName(row.eventType)
                .orElseThrow(() -> new IllegalStateException("unknown stored event type " + row.eventType))
                .eventClass();
        try {
            return toStored(row, json.readValue(row.payload, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event " + row.eventId, e);
        }
    }

    private static Stored toStored(EventEntity row, DossierEvent event) {
        return new Stored(row.eventId, row.dossierId, row.version, row.position, row.recordedAt, event);
    }

    private String write(DossierEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }
}
