package vn.motcua.dossier.app;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.dossier.domain.history.DaySeal;
import vn.motcua.dossier.domain.history.MerkleRoot;
import vn.motcua.support.AdvisoryLock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Seals the dossier history day by day (Vietnam time): once a day is closed (its end plus a grace for transactions
 * that took their instant before midnight and committed after), the Merkle root of its events' hashes, their count
 * and the previous day's seal are hashed into the day's seal and stored in the append-only
 * {@code dossier_history_seal}. Days are sealed in order without gaps, from the first day with events; a day
 * without events gets a seal too (so deleting a whole day shows). One instance seals at a time (an advisory lock);
 * each seal is logged, so a copy of it lives outside the database.
 */
@ApplicationScoped
public class HistorySealer {
    private static final Logger LOG = Logger.getLogger(HistorySealer.class);
    private static final long LOCK_ID = AdvisoryLock.DOSSIER_HISTORY_SEALER.id();
    private static final HexFormat HEX = HexFormat.of();

    private final Pool pool;
    private final Clock clock;
    private final Duration grace;

    /** A day sealed by this call. */
    public record Sealed(LocalDate day, long events, String seal) {
    }

    public HistorySealer(Pool pool, Clock clock,
                         @ConfigProperty(name = "motcua.history.seal-grace", defaultValue = "PT15M") Duration grace) {
        this.pool = pool;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(every = "${motcua.history.seal-interval:1h}", delayed = "${motcua.history.seal-initial-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "history-sealer")
    Uni<Void> scheduled() {
        return seal().onFailure().invoke(e -> LOG.errorf(e, "history sealer failed; it retries at its next run"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Seals every closed day not sealed yet (nothing when another instance is sealing). */
    public Uni<List<Sealed>> seal() {
        LocalDate lastClosed = DaySeal.dayOf(clock.instant().minus(grace)).minusDays(1);
        return pool.withTransaction(conn -> conn.query("select pg_try_advisory_xact_lock(" + LOCK_ID + ")").execute()
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(List.<Sealed>of())
                        : conn.query("select day, seal from dossier_history_seal order by day desc limit 1").execute()
                        .chain(last -> {
                            if (last.iterator().hasNext()) {
                                Row r = last.iterator().next();
                                return sealFrom(conn, r.getLocalDate("day").plusDays(1), lastClosed,
                                        r.getBuffer("seal").getBytes(), new ArrayList<>());
                            }
                            return conn.query("select min(recorded_at) as first from dossier_event").execute()
                                    .chain(first -> {
                                        OffsetDateTime at = first.iterator().next().getOffsetDateTime("first");
                                        return at == null ? Uni.createFrom().item(List.<Sealed>of())
                                                : sealFrom(conn, DaySeal.dayOf(at.toInstant()), lastClosed, null,
                                                new ArrayList<>());
                                    });
                        })));
    }

    private Uni<List<Sealed>> sealFrom(SqlConnection conn, LocalDate day, LocalDate lastClosed, byte[] previous,
                                      List<Sealed> done) {
        if (day.isAfter(lastClosed)) {
            return Uni.createFrom().item(done);
        }
        return conn.preparedQuery("select hash from dossier_event where recorded_at >= $1 and recorded_at < $2"
                        + " order by recorded_at, position")
                .execute(Tuple.of(at(day), at(day.plusDays(1))))
                .chain(rows -> {
                    MerkleRoot root = new MerkleRoot();
                    for (Row r : rows) {
                        root.add(r.getBuffer("hash").getBytes());
                    }
                    byte[] seal = DaySeal.of(day, root.count(), root.root(), previous);
                    return conn.preparedQuery("insert into dossier_history_seal"
                                    + " (day, event_count, merkle_root, prev_seal, seal, sealed_at)"
                                    + " values ($1, $2, $3, $4, $5, $6)")
                            .execute(Tuple.from(new Object[]{day, root.count(),
                                    io.vertx.core.buffer.Buffer.buffer(root.root()),
                                    previous == null ? null : io.vertx.core.buffer.Buffer.buffer(previous),
                                    io.vertx.core.buffer.Buffer.buffer(seal),
                                    clock.instant().atOffset(ZoneOffset.UTC)}))
                            .chain(() -> {
                                LOG.infof("history sealed: day %s, %d events, seal %s", day, root.count(),
                                        HEX.formatHex(seal));
                                done.add(new Sealed(day, root.count(), HEX.formatHex(seal)));
                                return sealFrom(conn, day.plusDays(1), lastClosed, seal, done);
                            });
                });
    }

    static OffsetDateTime at(LocalDate day) {
        return DaySeal.startOf(day).atOffset(ZoneOffset.UTC);
    }
}
