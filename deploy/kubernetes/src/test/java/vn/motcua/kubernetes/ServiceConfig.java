package vn.motcua.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** A service's application.properties, as the service reads it outside tests. */
final class ServiceConfig {
    static final Map<String, String> MODULES = Map.of(
            "catalog-service", "catalog-service/catalog-app",
            "dossier-service", "dossier-service/dossier-app",
            "satisfaction-service", "satisfaction-service/satisfaction-app",
            "reporting-service", "reporting-service");

    private ServiceConfig() {
    }

    static Path module(String service) {
        return Manifests.ROOT.resolve(MODULES.get(service));
    }

    /** The runtime configuration every service shares (service-support's microprofile-config.properties). */
    static String shared() {
        try {
            return Files.readString(Manifests.ROOT.resolve(
                    "deploy/service-support/src/main/resources/META-INF/microprofile-config.properties"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties of(String service) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(module(service).resolve("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // profile-specific values (%test. ...) are not what runs on Kubernetes
        p.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(p::remove);
        return p;
    }
}
