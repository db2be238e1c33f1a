package vn.motcua.dossier.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.motcua.catalog.events.CatalogTopics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Not ready until the catalog replica holds procedures and a working calendar: before that no dossier can be
 * received (on a first start the replica fills from the catalog topics a few seconds after the service is up).
 */
@Readiness
@ApplicationScoped
public class CatalogReplicaReadiness implements HealthCheck {
    private final AgroalDataSource dataSource;
    private volatile boolean seen;

    public CatalogReplicaReadiness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("catalog replica");
        if (seen) {
            return response.up().build(); // once filled, the replica is never emptied
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) filter (where topic = ?), "
                     + "count(*) filter (where topic = ?) from catalog_replica")) {
            ps.setString(1, CatalogTopics.PROCEDURES);
            ps.setString(2, CatalogTopics.CALENDARS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long procedures = rs.getLong(1);
                long calendars = rs.getLong(2);
                seen = procedures > 0 && calendars > 0;
                return response.status(seen).withData("procedures", procedures).withData("calendarYears", calendars)
                        .build();
            }
        } catch (java.sql.SQLException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
