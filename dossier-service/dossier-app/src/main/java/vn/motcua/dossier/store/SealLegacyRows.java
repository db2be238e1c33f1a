package vn.motcua.dossier.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals, once, what was written in clear before sealing at rest existed: notices' addresses and secrets, and the
 * answers kept for idempotent retries. Idempotent (sealed values are skipped), safe with several instances (each row
 * is updated only while still in clear).
 */
@ApplicationScoped
public class SealLegacyRows {
    private static final Logger LOG = Logger.getLogger(SealLegacyRows.class);

    private final AgroalDataSource dataSource;
    private final DataProtection protection;

    public SealLegacyRows(AgroalDataSource dataSource, DataProtection protection) {
        this.dataSource = dataSource;
        this.protection = protection;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        int sealed = seal("notice", "id", "recipient") + seal("notice", "id", "lookup_secret")
                + seal("idempotency_key", "key_hash", "response");
        if (sealed > 0) {
            LOG.infof("sealed %d value(s) written in clear before sealing at rest", sealed);
        }
    }

    private int seal(String table, String key, String column) throws SQLException {
        record Row(Object key, String value) {
        }
        int count = 0;
        try (Connection c = dataSource.getConnection()) {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + key + ", " + column + " from " + table
                    + " where " + column + " is not null and " + column + " not like 'e1:%'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1), rs.getString(2)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update " + table + " set " + column + " = ? where "
                    + key + " = ? and " + column + " = ?")) {
                for (Row r : rows) {
                    ps.setString(1, protection.seal(r.value()));
                    ps.setObject(2, r.key());
                    ps.setString(3, r.value());
                    count += ps.executeUpdate();
                }
            }
        }
        return count;
    }
}
