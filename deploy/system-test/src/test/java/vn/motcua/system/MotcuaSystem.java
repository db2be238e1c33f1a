package vn.motcua.system;

import vn.motcua.testinfra.FreePorts;
import vn.motcua.testinfra.KafkaBroker;
import vn.motcua.testinfra.OidcTestServer;
import vn.motcua.testinfra.PostgresServer;
import vn.motcua.testinfra.ServiceProcess;
import vn.motcua.testinfra.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system for one test class: one real PostgreSQL (one database, a role and a schema per service, as in
 * production), one real Kafka broker, and the four services as their own processes from their packaged
 * applications, each on a free port. Every service is configured only through the properties and environment an
 * operator would set.
 */
final class MotcuaSystem implements AutoCloseable {
    static final String DATABASE = "motcua";
    static final Duration READY_WITHIN = Duration.ofSeconds(150);

    final PostgresServer postgres;
    final KafkaBroker kafka;
    final OidcTestServer oidc;
    final OtlpCollector collector;
    final Tokens tokens;
    final ServiceProcess catalog;
    final ServiceProcess dossier;
    final ServiceProcess satisfaction;
    final ServiceProcess reporting;

    private MotcuaSystem(String label, Map<String, String> dossierExtra, Map<String, String> dossierEnv)
            throws IOException {
        Path root = Path.of(System.getProperty("motcua.root", "../..")).toAbsolutePath().normalize();
        Path logs = root.resolve("deploy/system-test/target/system-logs/" + label);
        oidc = OidcTestServer.start();
        collector = OtlpCollector.start();
        tokens = oidc.tokens();
        postgres = PostgresServer.startEphemeral();
        kafka = KafkaBroker.startEphemeral();
        String ratingKey = randomHex();
        int satisfactionPort = FreePorts.next();
        catalog = service("catalog-service", "catalog", root.resolve("catalog-service/catalog-app"), FreePorts.next(),
                // every client here is one address (the benchmark's due-date queries): the public reads' per-address
                // limit is the module tests' business
                logs, Map.of("motcua.seed.enabled", "true", "motcua.outbox.retention", "PT0S",
                        "motcua.rate-limit.address.capacity", "100000"), Map.of());
        Map<String, String> dossierProperties = new LinkedHashMap<>(Map.of("motcua.overdue.scan-interval", "2s"));
        dossierProperties.putAll(dossierExtra);
        Map<String, String> dossierSecrets = new LinkedHashMap<>(Map.of("MOTCUA_DOSSIER_DATA_KEY", randomHex()));
        dossierSecrets.putAll(dossierEnv);
        dossier = service("dossier-service", "dossier", root.resolve("dossier-service/dossier-app"), FreePorts.next(),
                logs, dossierProperties, dossierSecrets);
        satisfaction = service("satisfaction-service", "satisfaction", root.resolve("satisfaction-service/satisfaction-app"),
                satisfactionPort, logs,
                Map.of("motcua.rating.public-url", "http://127.0.0.1:" + satisfactionPort + "/api/v1/public/ratings/"),
                Map.of("MOTCUA_RATING_TOKEN_SECRET", ratingKey));
        reporting = service("reporting-service", "reporting", root.resolve("reporting-service"), FreePorts.next(),
                logs, Map.of(), Map.of());
    }

    /** Starts PostgreSQL, Kafka and the four services (the catalog first: the others read its topics). */
    static MotcuaSystem start(String label) {
        return start(label, Map.of(), Map.of());
    }

    /** The same, with more configuration of dossier-service: properties, and secrets by environment. */
    static MotcuaSystem start(String label, Map<String, String> dossierExtra, Map<String, String> dossierEnv) {
        MotcuaSystem system;
        try {
            system = new MotcuaSystem(label, dossierExtra, dossierEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (ServiceProcess s : system.services()) {
                s.start(READY_WITHIN);
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    List<ServiceProcess> services() {
        return List.of(catalog, dossier, satisfaction, reporting);
    }

    private ServiceProcess service(String name, String role, Path module, int port, Path logs,
                                   Map<String, String> extra, Map<String, String> env) {
        postgres.createServiceDatabase(DATABASE, role, role);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.username", role);
        p.put("quarkus.datasource.password", role);
        p.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE));
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.putAll(oidc.serviceConfig());
        p.put("quarkus.log.console.json.enabled", "false");
        p.put("motcua.otlp.endpoint", collector.endpoint());
        p.putAll(extra);
        return new ServiceProcess(name, module.resolve("target/quarkus-app/quarkus-run.jar"), port, p, env,
                logs.resolve(name + ".log"), List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    String dossierUrl() {
        return dossier.baseUrl();
    }

    @Override
    public void close() {
        for (ServiceProcess s : services()) {
            try {
                s.stop();
            } catch (RuntimeException ignored) {
                // go on stopping the others
            }
        }
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                oidc.close();
                collector.close();
            }
        }
    }

    private static String randomHex() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
