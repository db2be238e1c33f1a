package vn.motcua.reporting.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.events.SatisfactionEventCodec;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.satisfaction.events.SatisfactionTopics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ratings and invalid ballots into one row each, attributed to the dossier's competent unit by rating instant. A
 * complaint marks its rating. Each event is applied once: its id goes into rating_processed_event in the same
 * transaction.
 */
@ApplicationScoped
public class SatisfactionProjection implements Projection {
    private final SatisfactionEventCodec codec = new SatisfactionEventCodec();

    @Override
    public String name() {
        return "satisfaction";
    }

    @Override
    public List<String> topics() {
        return List.of(SatisfactionTopics.EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("rating_fact", "rating_processed_event");
    }

    @Override
    public long lockId() {
        return vn.motcua.support.AdvisoryLock.REPORTING_SATISFACTION_PROJECTION.id();
    }

    @Override
    public void apply(Connection c, String sfx, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Optional<SatisfactionEventEnvelope> read = codec.read(r.value()); // malformed: throws, dead-lettered
            if (read.isEmpty() || !firstTime(c, sfx, read.get())) {
                continue;
            }
            SatisfactionEventEnvelope env = read.get();
            if (env.data() instanceof SatisfactionEvent.RatingRecorded e) {
                rating(c, sfx, env, e.ratingId(), e.channel(), e.collectedAt(), true, null, e.overall(),
                        e.overall() >= 4, e.overall() <= 2, e.complaint());
            } else if (env.data() instanceof SatisfactionEvent.BallotInvalid e) {
                rating(c, sfx, env, e.ratingId(), e.channel(), e.collectedAt(), false, e.status(), null, null, null,
                        false);
            } else if (env.data() instanceof SatisfactionEvent.ComplaintOpened e) {
                try (PreparedStatement ps = c.prepareStatement("update rating_fact" + sfx
                        + " set complaint = true where rating_id = ? returning unit_code, rated_at")) {
                    ps.setObject(1, e.ratingId());
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && sfx.isEmpty()) {
                            // the rating counts as disliked from now on, in every period since it was given
                            Summaries.dropForRating(c, rs.getString(1), DossierProjection.instant(rs, "rated_at"));
                        }
                    }
                }
            }
        }
    }

    private static boolean firstTime(Connection c, String sfx, SatisfactionEventEnvelope env) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into rating_processed_event" + sfx
                + " (event_id, processed_at) values (?, ?) on conflict do nothing")) {
            ps.setObject(1, env.eventId());
            DossierProjection.ts(ps, 2, env.recordedAt());
            return ps.executeUpdate() == 1;
        }
    }

    private static void rating(Connection c, String sfx, SatisfactionEventEnvelope env, java.util.UUID ratingId,
                               String channel, Instant at, boolean valid, String status, Integer overall,
                               Boolean satisfied, Boolean disliked, boolean complaint) throws SQLException {
        if (sfx.isEmpty()) {
            Summaries.dropForRating(c, env.unitCode(), at != null ? at : env.occurredAt());
        }
        try (PreparedStatement ps = c.prepareStatement("insert into rating_fact" + sfx
                + " (rating_id, event_id, dossier_id, dossier_code, unit_code, channel, rated_at, valid, status,"
                + " overall, satisfied, disliked, complaint) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (rating_id) do nothing")) {
            ps.setObject(1, ratingId);
            ps.setObject(2, env.eventId());
            ps.setObject(3, env.dossierId());
            ps.setString(4, env.dossierCode());
            ps.setString(5, env.unitCode());
            ps.setString(6, channel);
            DossierProjection.ts(ps, 7, at != null ? at : env.occurredAt());
            ps.setBoolean(8, valid);
            ps.setString(9, status);
            if (overall == null) {
                ps.setNull(10, Types.INTEGER);
                ps.setNull(11, Types.BOOLEAN);
                ps.setNull(12, Types.BOOLEAN);
            } else {
                ps.setInt(10, overall);
                ps.setBoolean(11, satisfied);
                ps.setBoolean(12, disliked);
            }
            ps.setBoolean(13, complaint);
            ps.executeUpdate();
        }
    }
}
