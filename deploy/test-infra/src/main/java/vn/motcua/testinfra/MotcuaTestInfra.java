package vn.motcua.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: one real PostgreSQL and one real Kafka broker per test JVM, shared by every test class of a
 * service, removed when the JVM exits. Usage:
 * <pre>@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))</pre>
 * The service gets its own database role and schema named after it. Tests can inject the running servers with
 * {@link Infra} to stop and restart them.
 */
public class MotcuaTestInfra implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field of type {@link Handles} to receive the running infrastructure. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Infra {
    }

    /** The running servers and token issuer of this test JVM. */
    public record Handles(PostgresServer postgres, KafkaBroker kafka, Tokens tokens, String database, String role) {
    }

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static JwtKeys keys;
    private static Path keyDir;

    private String service = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        ensureStarted();
        String database = service;
        postgres.createServiceDatabase(database, service, service);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", service);
        config.put("quarkus.datasource.password", service);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", JwtKeys.ISSUER);
        config.put("smallrye.jwt.sign.key.location", keys.privateKeyFile().toUri().toString());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(handles(),
                new TestInjector.AnnotatedAndMatchesType(Infra.class, Handles.class));
    }

    public Handles handles() {
        return new Handles(postgres, kafka, new Tokens(keys), service, service);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: removed by the shutdown hook, not between classes.
    }

    private static synchronized void ensureStarted() {
        if (postgres != null) {
            return;
        }
        try {
            keyDir = Files.createTempDirectory("motcua-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = JwtKeys.inDirectory(keyDir);
        postgres = PostgresServer.startEphemeral();
        kafka = KafkaBroker.startEphemeral();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } finally {
                postgres.close();
                Dirs.deleteRecursively(keyDir);
            }
        }, "motcua-test-infra-stop"));
    }
}
