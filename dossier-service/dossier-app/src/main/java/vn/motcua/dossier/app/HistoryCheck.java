package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.history.HistoryVerifier;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Verifies the dossier history from what the database holds (the same verifier as the command-line check): a whole
 * store page by page (bounded memory: one page of events at a time), or one dossier's stream.
 */
@ApplicationScoped
public class HistoryCheck {
    static final int PAGE = 1000;
    private static final String EVENT_COLUMNS = "select position, dossier_id, version, event_type, occurred_at,"
            + " recorded_at, payload, prev_hash, hash from dossier_event";

    private final Pool pool;

    public HistoryCheck(Pool pool) {
        this.pool = pool;
    }

    /**
     * Every stream's chain (and its length against the read table), then every sealed day against its seal. Events
     * appended while it runs may or may not be seen; what is seen is checked.
     */
    public Uni<HistoryVerifier.Report> verifyStore() {
        return seals().chain(seals -> {
            HistoryVerifier verifier = new HistoryVerifier(seals);
            return chainPass(verifier, new UUID(0, 0), 0)
                    .chain(() -> dayPass(verifier, null, 0))
                    .map(v -> verifier.finish());
        });
    }

    /** One dossier (by id or code): its chain, and its length against the version the read table recorded. */
    public Uni<HistoryVerifier.Report> verifyDossier(String ref) {
        return resolve(ref).chain(id -> pool.preparedQuery(EVENT_COLUMNS + " where dossier_id = $1 order by version")
                .execute(Tuple.of(id))
                .chain(rows -> pool.preparedQuery("select last_version from dossier_view where dossier_id = $1")
                        .execute(Tuple.of(id)).map(view -> {
                            if (rows.size() == 0 && view.size() == 0) {
                                throw DossierAccess.notFound(ref);
                            }
                            HistoryVerifier verifier = new HistoryVerifier(List.of());
                            rows.forEach(r -> verifier.chain(eventRow(r)));
                            if (view.size() > 0) {
                                verifier.streamRecorded(id, view.iterator().next().getInteger("last_version"));
                            }
                            return verifier.finish();
                        })));
    }

    private Uni<UUID> resolve(String ref) {
        try {
            return Uni.createFrom().item(UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            return pool.preparedQuery("select dossier_id from dossier_view where dossier_code = $1")
                    .execute(Tuple.of(ref)).map(rows -> {
                        if (rows.size() == 0) {
                            throw DossierAccess.notFound(ref);
                        }
                        return rows.iterator().next().getUUID("dossier_id");
                    });
        }
    }

    private Uni<List<HistoryVerifier.SealRow>> seals() {
        return pool.query("select day, event_count, merkle_root, prev_seal, seal from dossier_history_seal"
                + " order by day").execute().map(rows -> {
                    List<HistoryVerifier.SealRow> seals = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        seals.add(new HistoryVerifier.SealRow(r.getLocalDate("day"), r.getLong("event_count"),
                                bytes(r.getBuffer("merkle_root")), bytes(r.getBuffer("prev_seal")),
                                bytes(r.getBuffer("seal"))));
                    }
                    return seals;
                });
    }

    /** Streams in (dossier id, version) order, a page at a time, after the last row seen. */
    private Uni<Void> chainPass(HistoryVerifier verifier, UUID afterId, int afterVersion) {
        // the read table's last version rides along: a stream that ends before it lost its last events
        return pool.preparedQuery("select e.position, e.dossier_id, e.version, e.event_type, e.occurred_at,"
                        + " e.recorded_at, e.payload, e.prev_hash, e.hash, v.last_version from dossier_event e"
                        + " left join dossier_view v on v.dossier_id = e.dossier_id"
                        + " where (e.dossier_id, e.version) > ($1, $2) order by e.dossier_id, e.version limit " + PAGE)
                .execute(Tuple.of(afterId, afterVersion))
                .chain(rows -> {
                    HistoryVerifier.EventRow last = null;
                    for (Row r : rows) {
                        last = eventRow(r);
                        verifier.chain(last, r.getInteger("last_version"));
                    }
                    return rows.size() < PAGE ? Uni.createFrom().voidItem()
                            : chainPass(verifier, last.dossierId(), last.version());
                });
    }

    /** Every event's hash in (recorded_at, position) order, a page at a time. */
    private Uni<Void> dayPass(HistoryVerifier verifier, OffsetDateTime afterRecorded, long afterPosition) {
        Uni<RowSet<Row>> page = afterRecorded == null
                ? pool.query("select position, recorded_at, hash from dossier_event order by recorded_at, position"
                + " limit " + PAGE).execute()
                : pool.preparedQuery("select position, recorded_at, hash from dossier_event"
                        + " where (recorded_at, position) > ($1, $2) order by recorded_at, position limit " + PAGE)
                .execute(Tuple.of(afterRecorded, afterPosition));
        return page.chain(rows -> {
            OffsetDateTime lastAt = null;
            long lastPosition = 0;
            for (Row r : rows) {
                lastAt = r.getOffsetDateTime("recorded_at");
                lastPosition = r.getLong("position");
                verifier.day(new HistoryVerifier.DayRow(lastPosition, lastAt.toInstant(), bytes(r.getBuffer("hash"))));
            }
            return rows.size() < PAGE ? Uni.createFrom().voidItem() : dayPass(verifier, lastAt, lastPosition);
        });
    }

    private static HistoryVerifier.EventRow eventRow(Row r) {
        return new HistoryVerifier.EventRow(r.getLong("position"), r.getUUID("dossier_id"), r.getInteger("version"),
                r.getString("event_type"), r.getOffsetDateTime("occurred_at").toInstant(),
                r.getOffsetDateTime("recorded_at").toInstant(), r.getString("payload"),
                bytes(r.getBuffer("prev_hash")), bytes(r.getBuffer("hash")));
    }

    private static byte[] bytes(Buffer b) {
        return b == null ? null : b.getBytes();
    }
}
