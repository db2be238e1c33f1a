package vn.motcua.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: one real PostgreSQL, one real Kafka broker and Quarkus' OIDC test server per test JVM, shared
 * by every test class of a service, removed when the JVM exits. Usage:
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

    /** The running servers and the identity provider of this test JVM. */
    public record Handles(PostgresServer postgres, KafkaBroker kafka, OidcTestServer oidc, String database,
                          String role) {
        /** Tokens signed with the identity provider's published key. */
        public Tokens tokens() {
            return oidc.tokens();
        }
    }

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static OidcTestServer oidc;

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
        config.putAll(oidc.serviceConfig());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(handles(),
                new TestInjector.AnnotatedAndMatchesType(Infra.class, Handles.class));
    }

    public Handles handles() {
        return new Handles(postgres, kafka, oidc, service, service);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: removed by the shutdown hook, not between classes.
    }

    private static synchronized void ensureStarted() {
        if (postgres != null) {
            return;
        }
        oidc = OidcTestServer.start();
        postgres = PostgresServer.startEphemeral();
        kafka = KafkaBroker.startEphemeral();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } finally {
                try {
                    postgres.close();
                } finally {
                    oidc.close();
                }
            }
        }, "motcua-test-infra-stop"));
    }
}
