package vn.motcua.dossier.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The notice outbox (table {@code notice}, V3): rows are written in the command's transaction (reactive session),
 * claimed and retried by the sender (JDBC, its own short transactions), and closed in the transaction that appends
 * the notice's receipt to the dossier's stream.
 */
@ApplicationScoped
public class NoticeStore {
    /** A notice to send, as claimed by the sender. */
    public record Notice(long id, UUID dossierId, String dossierCode, int forVersion, NoticeKind kind,
                         NoticeChannel channel, String recipient, String competentUnit, String lookupSecret,
                         int attempts, String state, String lastError, Instant createdAt, Instant doneAt) {
    }

    /** A notice to write with the event it is about. */
    public record NewNotice(UUID dossierId, String dossierCode, int forVersion, NoticeKind kind, NoticeChannel channel,
                            String recipient, String competentUnit, String lookupSecret) {
    }

    private final AgroalDataSource dataSource;
    private final DataProtection protection;

    public NoticeStore(AgroalDataSource dataSource, DataProtection protection) {
        this.dataSource = dataSource;
        this.protection = protection;
    }

    // ------------------------------------------------------------------ in the command's transaction (reactive)

    // Notices are written by the command's own statement (DossierStore.write): once per (event, kind, channel).

    /**
     * Closes a notice after its last attempt, in the transaction that appends its receipt: the secret is erased, the
     * attempt recorded. Refused (false) when it is no longer pending (another sender closed it).
     */
    public Uni<Boolean> close(long id, boolean delivered, int attempt, String detail, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update notice set state = ?2, done_at = ?3, lookup_secret = null, lease_until = null, "
                                + "last_error = ?4 where id = ?1 and state = 'PENDING'")
                .setParameter(1, id).setParameter(2, delivered ? "DELIVERED" : "FAILED").setParameter(3, now)
                .setParameter(4, delivered ? null : clip(detail)).executeUpdate()
                .chain(n -> n == 0 ? Uni.createFrom().item(false)
                        : s.createNativeQuery("insert into notice_attempt (notice_id, attempt, at, outcome, detail) "
                                        + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                                .setParameter(1, id).setParameter(2, attempt).setParameter(3, now)
                                .setParameter(4, delivered ? "DELIVERED" : "REFUSED").setParameter(5, clip(detail))
                                .executeUpdate().replaceWith(true)));
    }

    // ------------------------------------------------------------------ the sender's own transactions (JDBC)

    /**
     * Claims up to {@code limit} due notices, the oldest first and at most the first pending one of each dossier (a
     * dossier's notices go out in order); each claimed one counts an attempt and is leased until {@code leaseUntil}
     * so no other sender takes it meanwhile.
     */
    public List<Notice> claim(Instant now, Instant leaseUntil, int limit) throws SQLException {
        String sql = """
                update notice n set attempts = n.attempts + 1, lease_until = ?
                where n.id in (
                  select p.id from notice p
                  where p.state = 'PENDING' and p.next_attempt_at <= ? and (p.lease_until is null or p.lease_until < ?)
                    and not exists (select 1 from notice e where e.dossier_id = p.dossier_id and e.id < p.id
                                    and e.state = 'PENDING')
                  order by p.id limit ? for update skip locked)
                returning n.*""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(leaseUntil));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setInt(4, limit);
            List<Notice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            out.sort(java.util.Comparator.comparingLong(Notice::id));
            return out;
        }
    }

    /** Records a failed attempt that will be tried again at {@code next}. */
    public void retryLater(long id, int attempt, String detail, Instant now, Instant next) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement u = c.prepareStatement("update notice set next_attempt_at = ?, lease_until = null, "
                    + "last_error = ? where id = ? and state = 'PENDING'");
                 PreparedStatement a = c.prepareStatement("insert into notice_attempt (notice_id, attempt, at, outcome, "
                         + "detail) values (?, ?, ?, 'RETRY', ?) on conflict do nothing")) {
                u.setTimestamp(1, Timestamp.from(next));
                u.setString(2, clip(detail));
                u.setLong(3, id);
                u.executeUpdate();
                a.setLong(1, id);
                a.setInt(2, attempt);
                a.setTimestamp(3, Timestamp.from(now));
                a.setString(4, clip(detail));
                a.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ the desk's questions (JDBC, blocking)

    /** A notice given up on, with the applicant's name and contacts from the dossier's reception, to phone them. */
    public record Failed(Notice notice, String applicantName, String phone, String email) {
    }

    /** Notices given up on, newest first, for the desk to tell the applicant another way; null units: every unit. */
    public List<Failed> failed(java.util.Set<String> units, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select n.*, e.payload::jsonb -> 'applicant' ->> 'fullName' as applicant_name,
                  e.payload::jsonb -> 'applicant' ->> 'phone' as applicant_phone,
                  e.payload::jsonb -> 'applicant' ->> 'email' as applicant_email
                from notice n left join dossier_event e on e.dossier_id = n.dossier_id and e.version = 1
                where n.state = 'FAILED' and (?::text[] is null or n.competent_unit = any(?::text[]))
                order by n.done_at desc, n.id desc limit ?""")) {
            java.sql.Array array = units == null ? null : c.createArrayOf("text", units.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            ps.setInt(3, limit);
            List<Failed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Failed(read(rs), rs.getString("applicant_name"), rs.getString("applicant_phone"),
                            rs.getString("applicant_email")));
                }
            }
            return out;
        }
    }

    public java.util.Optional<Notice> byId(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select * from notice where id = ?")) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        }
    }

    /** The attempts of a notice: {at, outcome, detail}. */
    public List<String[]> attempts(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select at, outcome, detail from notice_attempt where notice_id = ? order by attempt")) {
            ps.setLong(1, id);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getTimestamp(1).toInstant().toString(), rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        }
    }

    /**
     * Sends a failed notice again (the desk corrected the address, or the gateway is back): it is pending again,
     * due now, its attempts counted on; a later receipt is appended beside the first. False when it was not failed.
     */
    public boolean resend(long id, String recipient, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update notice set state = 'PENDING', next_attempt_at = ?, lease_until = null, done_at = null, "
                        + "recipient = coalesce(?, recipient) where id = ? and state = 'FAILED'")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, protection.seal(recipient));
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    private List<Notice> list(PreparedStatement ps) throws SQLException {
        List<Notice> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private Notice read(ResultSet rs) throws SQLException {
        return new Notice(rs.getLong("id"), rs.getObject("dossier_id", UUID.class), rs.getString("dossier_code"),
                rs.getInt("for_version"), NoticeKind.valueOf(rs.getString("kind")),
                NoticeChannel.valueOf(rs.getString("channel")), protection.open(rs.getString("recipient")),
                rs.getString("competent_unit"), protection.open(rs.getString("lookup_secret")), rs.getInt("attempts"),
                rs.getString("state"), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("done_at") == null ? null : rs.getTimestamp("done_at").toInstant());
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
