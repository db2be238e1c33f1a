package vn.motcua.dossier.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The national portal sync's state, one row per dossier (table {@code portal_sync}, V6). The row is raised in the
 * transaction that appends a change ({@link #touch}), claimed by one sync instance at a time (a lease with an owner,
 * {@code for update skip locked}), and closed in the transaction that appends the sync's receipt, if any.
 */
@ApplicationScoped
public class PortalSyncStore {
    /** A dossier's sync state as the sync and the admin see it. */
    public record Row(UUID dossierId, String dossierCode, String competentUnit, int headVersion, int versionSent,
                      Integer statusSent, boolean portalHasIt, int dossierCallVersion, String state, int attempts,
                      Instant lastAttemptAt, Instant nextAttemptAt, String lastErrorCode, String lastError,
                      Integer refusedVersion, Instant refusedAt, Instant updatedAt, UUID leaseOwner) {
    }

    /** A page of rows and how many there are in all. */
    public record Page(List<Row> rows, long total) {
    }

    private final AgroalDataSource dataSource;

    public PortalSyncStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ------------------------------------------------------------------ in the command's transaction (reactive)

    // The head moves with each change in the command's own statement (DossierStore.write), forward only: a
    // synchronised dossier that changed is due at once; a refusal holding it (its later changes wait behind the
    // refused one) or a running backoff keeps its time.

    /**
     * Whether the next acceptance is to be announced in the stream (the first one, or the first after a refusal),
     * or empty when this instance ({@code owner}) no longer holds the dossier. Read without locking the row: only the
     * lease's holder changes it, and {@link #accepted} checks the lease again under the row's lock.
     */
    public Uni<Optional<Boolean>> announcement(UUID dossierId, UUID owner) {
        // on the session's connection: a Hibernate native query with a result type would add a query plan cache
        // entry on every acceptance (see SessionConnection)
        return SessionSql.query("select announce_next from portal_sync where dossier_id = $1 and lease_owner = $2",
                dossierId, owner).map(held -> held.isEmpty() ? Optional.<Boolean>empty()
                : Optional.of(Boolean.TRUE.equals(held.get(0)[0])));
    }

    /**
     * The portal accepted the copy of {@code version} (both calls). Later versions are due at once; when
     * {@code last}, the dossier is synchronised unless it changed after {@code streamVersion} (the stream as the sync
     * read it). False when this instance no longer holds the lease (it then stops).
     */
    public Uni<Boolean> accepted(UUID dossierId, UUID owner, int version, int portalStatus, boolean last,
                                 int streamVersion, Instant now, Instant leaseUntil) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update portal_sync set version_sent = ?3, status_sent = ?4, portal_has_it = true,
                          dossier_call_version = ?3, attempts = 0, last_error = null, last_error_code = null,
                          refused_version = null, refused_at = null, announce_next = false,
                          state = case when not cast(?5 as boolean) or head_version > ?6 then 'PENDING'
                                       else 'SYNCED' end,
                          last_attempt_at = ?7, next_attempt_at = ?7, updated_at = ?7,
                          lease_until = case when cast(?5 as boolean) then null else cast(?8 as timestamptz) end,
                          lease_owner = case when cast(?5 as boolean) then null else lease_owner end
                        where dossier_id = ?1 and lease_owner = ?2""")
                .setParameter(1, dossierId).setParameter(2, owner).setParameter(3, version)
                .setParameter(4, portalStatus).setParameter(5, last).setParameter(6, streamVersion)
                .setParameter(7, now).setParameter(8, leaseUntil).executeUpdate()).map(n -> n == 1);
    }

    /**
     * The portal refused the copy of {@code version}: held until an admin resends it; the next acceptance is
     * announced. False when this instance no longer holds the lease.
     */
    public Uni<Boolean> refused(UUID dossierId, UUID owner, int version, String errorCode, String error,
                                Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update portal_sync set state = 'REFUSED', refused_version = ?3, refused_at = ?6,
                          last_error_code = ?4, last_error = ?5, announce_next = true, last_attempt_at = ?6,
                          lease_until = null, lease_owner = null, updated_at = ?6
                        where dossier_id = ?1 and lease_owner = ?2""")
                .setParameter(1, dossierId).setParameter(2, owner).setParameter(3, version)
                .setParameter(4, clip(errorCode, 64)).setParameter(5, clip(error, 500)).setParameter(6, now)
                .executeUpdate()).map(n -> n == 1);
    }

    // ------------------------------------------------------------------ the sync's own transactions (JDBC)

    /**
     * Claims up to {@code limit} due dossiers, the longest waiting first, leased to {@code owner} until
     * {@code leaseUntil}: no other instance takes one meanwhile, and every write of this one checks it still holds it.
     */
    public List<Row> claim(UUID owner, Instant now, Instant leaseUntil, int limit) throws SQLException {
        String sql = """
                update portal_sync p set lease_owner = ?, lease_until = ?, attempts = p.attempts + 1, last_attempt_at = ?
                where p.dossier_id in (
                  select q.dossier_id from portal_sync q
                  where q.state in ('PENDING', 'RETRYING') and q.next_attempt_at <= ?
                    and (q.lease_until is null or q.lease_until < ?)
                  order by q.next_attempt_at limit ? for update skip locked)
                returning p.*""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, owner);
            ps.setTimestamp(2, Timestamp.from(leaseUntil));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setInt(6, limit);
            return list(ps);
        }
    }

    /** The dossier call of {@code version} was accepted, its progress call not yet; the lease is renewed. */
    public boolean dossierCallAccepted(UUID dossierId, UUID owner, int version, Instant leaseUntil)
            throws SQLException {
        return update("update portal_sync set dossier_call_version = ?, portal_has_it = true, lease_until = ? "
                + "where dossier_id = ? and lease_owner = ?", version, Timestamp.from(leaseUntil), dossierId, owner) == 1;
    }

    /** Nothing (more) to send: synchronised, unless the dossier changed after {@code streamVersion}. */
    public boolean nothingToSend(UUID dossierId, UUID owner, int streamVersion, Instant now) throws SQLException {
        return update("update portal_sync set state = case when head_version > ? then 'PENDING' else 'SYNCED' end, "
                        + "attempts = 0, lease_until = null, lease_owner = null, next_attempt_at = ?, updated_at = ? "
                        + "where dossier_id = ? and lease_owner = ?", streamVersion, Timestamp.from(now),
                Timestamp.from(now), dossierId, owner) == 1;
    }

    /** A timeout or an outage: tried again at {@code next}. */
    public void retryLater(UUID dossierId, UUID owner, String detail, Instant now, Instant next) throws SQLException {
        update("update portal_sync set state = 'RETRYING', next_attempt_at = ?, last_error = ?, lease_until = null, "
                        + "lease_owner = null, updated_at = ? where dossier_id = ? and lease_owner = ?",
                Timestamp.from(next), clip(detail, 500), Timestamp.from(now), dossierId, owner);
    }

    /** Lets go of a lease without an outcome (the sync failed before it could call the portal). */
    public void release(UUID dossierId, UUID owner) throws SQLException {
        update("update portal_sync set lease_until = null, lease_owner = null where dossier_id = ? and lease_owner = ?",
                dossierId, owner);
    }

    // ------------------------------------------------------------------ the admin's questions (JDBC)

    public Optional<Row> byDossier(UUID dossierId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select * from portal_sync where dossier_id = ?")) {
            ps.setObject(1, dossierId);
            return list(ps).stream().findFirst();
        }
    }

    /** Refused dossiers and those waiting for a retry, the most recent problem first. */
    public Page failures(int page, int size) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select * from portal_sync where state in ('REFUSED', 'RETRYING')
                     order by case state when 'REFUSED' then 0 else 1 end,
                       coalesce(refused_at, last_attempt_at) desc nulls last, dossier_id
                     limit ? offset ?""");
             PreparedStatement count = c.prepareStatement(
                     "select count(*) from portal_sync where state in ('REFUSED', 'RETRYING')")) {
            ps.setInt(1, size);
            ps.setLong(2, (long) page * size);
            List<Row> rows = list(ps);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return new Page(rows, rs.getLong(1));
            }
        }
    }

    /** Counts by state, for the local run's summary and the admin. */
    public java.util.Map<String, Long> countsByState() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select state, count(*) from portal_sync group by state")) {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        }
    }

    /**
     * Sends a refused (or retrying) dossier again now, from the version the portal has not accepted yet. False when
     * there is nothing to resend (synchronised, or already on its way).
     */
    public boolean resend(UUID dossierId, Instant now) throws SQLException {
        return update("update portal_sync set state = 'PENDING', next_attempt_at = ?, attempts = 0, lease_until = null, "
                + "lease_owner = null, updated_at = ? where dossier_id = ? and state in ('REFUSED', 'RETRYING')",
                Timestamp.from(now), Timestamp.from(now), dossierId) == 1;
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static List<Row> list(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getObject("dossier_id", UUID.class), rs.getString("dossier_code"),
                        rs.getString("competent_unit"), rs.getInt("head_version"), rs.getInt("version_sent"),
                        (Integer) rs.getObject("status_sent"), rs.getBoolean("portal_has_it"),
                        rs.getInt("dossier_call_version"), rs.getString("state"), rs.getInt("attempts"),
                        instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), rs.getString("last_error_code"),
                        rs.getString("last_error"), (Integer) rs.getObject("refused_version"),
                        instant(rs, "refused_at"), instant(rs, "updated_at"), rs.getObject("lease_owner", UUID.class)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
