package vn.motcua.local;

import vn.motcua.local.identity.KeycloakTokens;
import vn.motcua.local.identity.LocalRealm;
import vn.motcua.local.simulation.Simulator;
import vn.motcua.testinfra.JwtKeys;
import vn.motcua.testinfra.KafkaBroker;
import vn.motcua.testinfra.KeycloakServer;
import vn.motcua.testinfra.LocalIssuer;
import vn.motcua.testinfra.PostgresServer;
import vn.motcua.testinfra.ServiceProcess;
import vn.motcua.testinfra.TokenSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;


/**
 * The local run: a real PostgreSQL and a real Kafka broker with data kept under {@code .motcua/}, then every service
 * that has been built, on fixed ports. Ctrl-C stops everything it started.
 */
public final class LocalRun {
    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final String DATABASE = "motcua";
    static final int KEYCLOAK_PORT = 18080;
    static final int KEYCLOAK_MANAGEMENT_PORT = 18081;
    static final String DASHBOARD_URL = "http://127.0.0.1:8084/dashboard";
    /** Where the applicant's notices go on a local run: a real SMTP server and the SMS gateway stand-in. */
    static final int SMTP_PORT = 2525;
    static final int IMAP_PORT = 3143;
    static final int SMS_GATEWAY_PORT = 8088;
    static final int SENT_VIEWER_PORT = 8089;
    /** The national public-service portal stand-in the sync sends to on a local run. */
    static final int PORTAL_PORT = 8090;
    static final String PORTAL_USER = "motcua-local";

    /** A service of the system: where its runnable jar is and which port it listens on. */
    record Service(String name, String role, Path jar, int port, List<String> extraProperties) {
    }

    private final Path root;
    private final Path home;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private LocalIssuer localIssuer;
    private vn.motcua.testinfra.MailServer mail;
    private vn.motcua.testinfra.SmsGatewayStandIn sms;
    private vn.motcua.testinfra.NationalPortalStandIn portal;
    private com.sun.net.httpserver.HttpServer sentViewer;
    /** Where the services discover the identity provider, and how this run gets its tokens. */
    private String oidcUrl;
    private TokenSource tokens;
    private String identityHelp;
    /** {@code --simulate[=N]}: play a month at the province once everything is up; null when not asked for. */
    private Simulator.Options simulate;
    private Simulator simulator;

    LocalRun(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        // Unit names are Vietnamese: print UTF-8 whatever the terminal's locale says.
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8));
        Path root = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getenv().getOrDefault("MOTCUA_HOME", root.resolve(".motcua").toString()));
        LocalRun run = new LocalRun(root, home);
        try {
            run.simulate = Simulator.Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("motcua: " + e.getMessage() + "\n" + Simulator.Options.USAGE);
            System.exit(2);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stop();
            stopped.countDown();
        }, "motcua-local-stop"));
        try {
            run.start();
        } catch (Exception e) {
            System.err.println("motcua: start failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    List<Service> services() {
        return List.of(
                new Service("catalog-service", "catalog",
                        root.resolve("catalog-service/catalog-app/target/quarkus-app/quarkus-run.jar"), 8081,
                        // the simulator reads the catalog as many portals at once, from one address
                        List.of("motcua.seed.enabled=true", "motcua.rate-limit.address.capacity=100000")),
                new Service("dossier-service", "dossier",
                        root.resolve("dossier-service/dossier-app/target/quarkus-app/quarkus-run.jar"), 8082,
                        // notices to the applicant: to the local SMTP server and the SMS gateway stand-in
                        List.of("motcua.notices.enabled=true", "quarkus.mailer.host=127.0.0.1",
                                "quarkus.mailer.port=" + SMTP_PORT, "quarkus.mailer.from=motcua@motcua.local",
                                "motcua.notices.sms.url=http://127.0.0.1:" + SMS_GATEWAY_PORT + "/sms/v1/messages",
                                "motcua.notices.lookup-url=http://127.0.0.1:8082/api/v1/public/dossiers/{code}",
                                "motcua.rating.public-url=http://127.0.0.1:8083/api/v1/public/ratings/",
                                // the national portal sync: to the portal stand-in, with the local account
                                "motcua.portal.enabled=true",
                                "motcua.portal.url=http://127.0.0.1:" + PORTAL_PORT
                                        + vn.motcua.testinfra.NationalPortalStandIn.PATH,
                                "motcua.portal.username=" + PORTAL_USER,
                                "motcua.portal.initial-delay=1s")),
                new Service("satisfaction-service", "satisfaction",
                        root.resolve("satisfaction-service/satisfaction-app/target/quarkus-app/quarkus-run.jar"), 8083,
                        // rating links point at this service's own public endpoint on a local run; the simulator
                        // rates as every citizen at once from one address, so the per-address limit is raised
                        List.of("motcua.rating.public-url=http://127.0.0.1:8083/api/v1/public/ratings/",
                                "motcua.rate-limit.address.capacity=100000")),
                new Service("reporting-service", "reporting",
                        root.resolve("reporting-service/target/quarkus-app/quarkus-run.jar"), 8084, List.of()));
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("logs"));
        say("data and logs in " + home);
        say("starting PostgreSQL on 127.0.0.1:" + POSTGRES_PORT + " (data: " + home.resolve("postgres") + ")");
        postgres = PostgresServer.startPersistent(home.resolve("postgres"), POSTGRES_PORT);
        say("starting Kafka on 127.0.0.1:" + KAFKA_PORT + " (logs: " + home.resolve("kafka") + ")");
        kafka = KafkaBroker.startPersistent(home.resolve("kafka/logs"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        startIdentity();
        startNoticeServers();
        say("starting the national portal (DVCQG) stand-in on 127.0.0.1:" + PORTAL_PORT);
        portal = vn.motcua.testinfra.NationalPortalStandIn.start(PORTAL_PORT, PORTAL_USER, portalPassword());

        List<Service> started = new ArrayList<>();
        for (Service s : services()) {
            if (!Files.exists(s.jar())) {
                say("skipping " + s.name() + ": " + s.jar() + " not built");
                continue;
            }
            postgres.createServiceDatabase(DATABASE, s.role(), s.role());
            if (s.role().equals("reporting")) {
                createAnalystRole();
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.datasource.username", s.role());
            properties.put("quarkus.datasource.password", s.role());
            properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE));
            properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
            properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            properties.put("quarkus.oidc.auth-server-url", oidcUrl);
            properties.put("quarkus.log.console.json.enabled", "false");
            if (keycloak == null) {
                // the local issuer signs tokens but has no sign-in page: the dashboard takes a bearer token then
                properties.put("quarkus.oidc.dashboard.tenant-enabled", "false");
            }
            s.extraProperties().forEach(p -> properties.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            // measuring: MOTCUA_LOCAL_PROPERTIES="k=v k=v" overrides any service's configuration on this run
            overrides().forEach(p -> properties.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            Path log = home.resolve("logs/" + s.name() + ".log");
            say("starting " + s.name() + " on http://127.0.0.1:" + s.port() + " (log: " + log + ")");
            // secrets go by environment, not on the command line where any process listing shows them
            Map<String, String> environment = new LinkedHashMap<>(memoryEnvironment());
            environment.putAll(Map.of("MOTCUA_RATING_TOKEN_SECRET", ratingLinkKey(),
                    "MOTCUA_DOSSIER_DATA_KEY", secret(home.resolve("keys/dossier-data.key")),
                    "MOTCUA_DASHBOARD_CLIENT_SECRET", secret(home.resolve("keys/keycloak-clients.secret")),
                    "MOTCUA_SMS_API_KEY", smsKey(),
                    "MOTCUA_PORTAL_PASSWORD", portalPassword()));
            ServiceProcess process = new ServiceProcess(s.name(), s.jar(), s.port(), properties, environment,
                    log, jvmOptions());
            processes.add(process);
            process.start(Duration.ofSeconds(180));
            started.add(s);
        }

        StringBuilder out = new StringBuilder("\n==================== motcua is running ====================\n");
        out.append("PostgreSQL  jdbc:postgresql://127.0.0.1:").append(POSTGRES_PORT).append('/').append(DATABASE)
                .append("  (superuser postgres; each service has its own role and schema)\n");
        out.append("Kafka       ").append(kafka.bootstrapServers()).append('\n');
        out.append("Identity    ").append(oidcUrl).append('\n');
        out.append("Notices     what the applicants were told: http://127.0.0.1:").append(SENT_VIEWER_PORT)
                .append("/mail and /sms (mail also by IMAP on 127.0.0.1:").append(IMAP_PORT)
                .append(", user and password = the applicant's address; SMTP 127.0.0.1:").append(SMTP_PORT)
                .append(", SMS gateway stand-in 127.0.0.1:").append(SMS_GATEWAY_PORT).append(")\n");
        out.append("DVCQG       the national portal STAND-IN holds what the sync sent: ").append(portal.url())
                .append(" (GET: dossiers held, by status; each dossier's sync: GET /api/v1/dossiers/{id}/portal-sync,"
                        + " failures: GET /api/v1/admin/portal-sync/failures)\n");
        for (Service s : started) {
            String base = "http://127.0.0.1:" + s.port();
            out.append(String.format("%-20s %s/q/swagger-ui   health: %s/q/health   metrics: %s/q/metrics%n",
                    s.name(), base, base, base));
        }
        String admin = tokens.admin();
        String officer = tokens.officer("000.00.20.H40");
        String analyst = tokens.analyst();
        String system = tokens.system(LocalRealm.POLICE_DESK, "000.00.20.H40");
        String leader = tokens.leader("000.00.00.H40");
        out.append("\nBearer tokens (also written to ").append(home.resolve("tokens.env")).append("):\n");
        out.append("admin    ").append(admin).append('\n');
        out.append("officer  (unit 000.00.20.H40, Công an tỉnh Nghệ An) ").append(officer).append('\n');
        out.append("analyst  ").append(analyst).append('\n');
        out.append("system   (").append(LocalRealm.POLICE_DESK).append(") ").append(system).append('\n');
        out.append("leader   (unit 000.00.00.H40, the province) ").append(leader).append('\n');
        out.append(identityHelp);
        if (started.stream().anyMatch(x -> x.role().equals("reporting"))) {
            out.append("\nLeaders' dashboard: ").append(DASHBOARD_URL).append("?unit=000.00.00.H40")
                    .append(keycloak != null ? " (sign in as leader.000.00.00.h40)\n"
                            : " (send the leader token as a Bearer header)\n");
            out.append("Analysts' SQL: role motcua_analyst, password in ").append(home.resolve("keys/analyst-db.password"))
                    .append(", views reporting.v_*\n");
        }
        Files.writeString(home.resolve("tokens.env"), "ADMIN_TOKEN=" + admin + "\nOFFICER_TOKEN=" + officer
                + "\nANALYST_TOKEN=" + analyst + "\nSYSTEM_TOKEN=" + system + "\nLEADER_TOKEN=" + leader + "\n");
        out.append("\nPress Ctrl-C to stop everything.\n");
        System.out.println(out);
        if (simulate != null) {
            simulator = Simulator.start(simulate, tokens);
        }
    }

    /**
     * The identity provider: a real Keycloak (its Maven Central distribution on a Java 21+ found on the machine)
     * with the local realm made from the seed units; where no such Java exists, the local issuer, which publishes
     * the local key's JWKS the same way (MOTCUA_IDENTITY=local chooses it too).
     */
    private void startIdentity() throws IOException {
        java.util.Optional<Path> java = KeycloakServer.findJava(21);
        Path distribution = keycloakDistribution();
        boolean wanted = !"local".equalsIgnoreCase(System.getenv().getOrDefault("MOTCUA_IDENTITY", ""));
        if (wanted && java.isPresent() && distribution != null) {
            LocalRealm.Secrets secrets = new LocalRealm.Secrets(secret(home.resolve("keys/keycloak-users.password")),
                    secret(home.resolve("keys/keycloak-clients.secret")));
            Path realm = LocalRealm.write(home.resolve("keycloak/motcua-realm.json"), LocalRealm.seedUnits(root),
                    secrets, DASHBOARD_URL);
            say("starting Keycloak on http://127.0.0.1:" + KEYCLOAK_PORT + " with " + java.get()
                    + " (first run: unpacked and built, about a minute; log: " + home.resolve("logs/keycloak.log") + ")");
            keycloak = KeycloakServer.prepare(distribution, home.resolve("keycloak"), java.get(), KEYCLOAK_PORT,
                    KEYCLOAK_MANAGEMENT_PORT, home.resolve("logs/keycloak.log"));
            keycloak.start(realm, secret(home.resolve("keys/keycloak-admin.password")), Duration.ofMinutes(5));
            oidcUrl = keycloak.realmUrl(LocalRealm.REALM);
            KeycloakTokens keycloakTokens = new KeycloakTokens(oidcUrl, secrets);
            tokens = keycloakTokens;
            identityHelp = "\nKeycloak " + keycloak.baseUrl() + "/admin (user admin, password in "
                    + home.resolve("keys/keycloak-admin.password") + "), realm " + LocalRealm.REALM + ":\n"
                    + "  users admin, analyst, officer.<unit>, leader.<unit> (unit codes in lower case), password in "
                    + home.resolve("keys/keycloak-users.password") + "\n"
                    + "  systems " + LocalRealm.PROVINCE_PORTAL + " (every unit), " + LocalRealm.POLICE_DESK
                    + " (the police), secret in " + home.resolve("keys/keycloak-clients.secret") + "\n"
                    + "  a fresh token (they live an hour): deploy/token.sh officer.000.00.20.h40  or  deploy/token.sh --client "
                    + LocalRealm.PROVINCE_PORTAL + "\n";
        } else {
            say(java.isEmpty() ? "no Java 21 or newer found for Keycloak: using the local OIDC issuer instead"
                    : distribution == null ? "the Keycloak distribution is not built: using the local OIDC issuer"
                    : "MOTCUA_IDENTITY=local: using the local OIDC issuer");
            localIssuer = LocalIssuer.start(JwtKeys.inDirectory(home.resolve("keys")), KEYCLOAK_PORT);
            oidcUrl = localIssuer.issuer();
            tokens = localIssuer.tokens(LocalRealm.AUDIENCE);
            identityHelp = "\nThe local issuer (" + oidcUrl + ") publishes only its keys: the tokens above are valid"
                    + " 12 hours; run again for new ones.\n";
        }
    }

    /**
     * Each service's JVM options unless MOTCUA_SERVICE_JVM_OPTIONS gives others. Measured under the write benchmark
     * (README "Resident memory under load"): most of a service's memory is class metadata, compiled code and the
     * collector's own structures, not the heap, so the serial collector (no G1 remembered sets), a heap sized to the
     * live data, C1 only (no profiling data in metaspace, a third of the code cache, cheaper warm-up on 2 cores) and
     * returning freed malloc memory to the system keep each service under 300 MB resident.
     */
    static List<String> serviceJvmOptions(Runtime.Version java) {
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-Xmx160m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        if (trimsNativeHeap(java)) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(options);
    }

    /** The switch is a product option from 17.0.11 and 21.0.3 on (before: unknown or experimental, refused). */
    static boolean trimsNativeHeap(Runtime.Version java) {
        return switch (java.feature()) {
            case 17 -> java.update() >= 11;
            case 21 -> java.update() >= 3;
            default -> java.feature() >= 23;
        };
    }

    static List<String> jvmOptions() {
        String given = System.getenv().getOrDefault("MOTCUA_SERVICE_JVM_OPTIONS", "").strip();
        // the services run on this JVM's java (ServiceProcess), so its version says which switches they know
        return given.isEmpty() ? serviceJvmOptions(Runtime.version()) : List.of(given.split("\\s+"));
    }

    /**
     * glibc gives each thread that allocates its own malloc arena, up to 8 per core, each keeping freed memory; two
     * are enough for a service whose work runs on a few event loops. A MALLOC_ARENA_MAX of the caller's own wins.
     */
    static Map<String, String> memoryEnvironment() {
        return Map.of("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
    }

    /** Configuration every service gets on top of its own, from MOTCUA_LOCAL_PROPERTIES ("k=v k=v"). */
    static List<String> overrides() {
        String given = System.getenv().getOrDefault("MOTCUA_LOCAL_PROPERTIES", "").strip();
        if (given.isEmpty()) {
            return List.of();
        }
        List<String> pairs = List.of(given.split("\\s+"));
        for (String p : pairs) {
            if (p.indexOf('=') < 1) {
                throw new IllegalArgumentException("MOTCUA_LOCAL_PROPERTIES: not key=value: " + p);
            }
        }
        return pairs;
    }

    /** The Keycloak distribution zip resolved by the build (deploy/local-run/target/keycloak.path). */
    private Path keycloakDistribution() throws IOException {
        Path recorded = root.resolve("deploy/local-run/target/keycloak.path");
        if (!Files.exists(recorded)) {
            return null;
        }
        Path zip = Path.of(Files.readString(recorded).strip());
        return Files.exists(zip) ? zip : null;
    }

    /** The read-only role analysts' SQL and BI tools use; reporting-service grants it its views at start. */
    private void createAnalystRole() throws IOException {
        Path file = home.resolve("keys/analyst-db.password");
        String password = secret(file);
        postgres.execute(DATABASE, "do $$ begin if not exists (select 1 from pg_roles where rolname = 'motcua_analyst')"
                + " then create role motcua_analyst login password '" + password + "'; end if; end $$;"
                + " grant connect on database " + DATABASE + " to motcua_analyst;");
    }

    private String portalPassword() throws IOException {
        return secret(home.resolve("keys/portal.password"));
    }

    private String smsKey() throws IOException {
        return secret(home.resolve("keys/sms-gateway.key"));
    }

    /**
     * A real SMTP server (in memory: a restart empties it) and the SMS gateway stand-in, and a page listing what
     * they received, so a local run shows what each applicant was told.
     */
    private void startNoticeServers() throws IOException {
        say("starting the SMTP server on 127.0.0.1:" + SMTP_PORT + " and the SMS gateway stand-in on 127.0.0.1:"
                + SMS_GATEWAY_PORT);
        mail = vn.motcua.testinfra.MailServer.start(SMTP_PORT, IMAP_PORT);
        sms = vn.motcua.testinfra.SmsGatewayStandIn.start(SMS_GATEWAY_PORT, smsKey());
        sentViewer = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1",
                SENT_VIEWER_PORT), 0);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, java.util.function.Supplier<Object>> pages = Map.of("/mail", mail::summaries, "/sms", sms::accepted);
        pages.forEach((path, content) -> sentViewer.createContext(path, ex -> {
            try (ex) {
                byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content.get());
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        }));
        sentViewer.start();
    }

    private String ratingLinkKey() throws IOException {
        return secret(home.resolve("keys/rating-link.key"));
    }

    /** A random secret kept in a file only its owner can read, created on first use. */
    private static String secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            Files.writeString(file, java.util.HexFormat.of().formatHex(random));
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
        }
        return Files.readString(file).strip();
    }

    synchronized void stop() {
        say("stopping");
        if (simulator != null) {
            simulator.cancel();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        processes.clear();
        if (keycloak != null) {
            keycloak.stop();
            keycloak = null;
        }
        if (localIssuer != null) {
            localIssuer.close();
            localIssuer = null;
        }
        if (portal != null) {
            portal.close();
            portal = null;
        }
        if (sentViewer != null) {
            sentViewer.stop(0);
            sms.close();
            mail.close();
            sentViewer = null;
        }
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
        say("stopped; data kept in " + home);
    }

    private static void say(String line) {
        System.out.println("motcua: " + line);
        System.out.flush();
    }
}
