package vn.motcua.dossier;

import io.quarkus.test.junit.QuarkusTestProfile;
import vn.motcua.testinfra.NationalPortalStandIn;

import java.util.Map;

/**
 * The profile of the national portal sync tests: the sync on, sending to the portal stand-in (started once for the
 * test JVM) with its account; retries after 10 s doubling to 1 min (the tests move the service's clock, never sleep
 * through a backoff).
 */
public class PortalServers implements QuarkusTestProfile {
    static final String USER = "motcua-nghean";
    static final String PASSWORD = "test-only-portal-password";
    static NationalPortalStandIn portal;

    static synchronized void ensureStarted() {
        if (portal == null) {
            portal = NationalPortalStandIn.start(USER, PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "portal-stand-in-stop"));
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        ensureStarted();
        return Map.of(
                "motcua.portal.enabled", "true",
                "motcua.portal.url", portal.url(),
                "motcua.portal.username", USER,
                "motcua.portal.password", PASSWORD,
                "motcua.portal.timeout", "PT2S",
                "motcua.portal.retry.first-backoff", "PT10S",
                "motcua.portal.retry.max-backoff", "PT1M");
    }
}
