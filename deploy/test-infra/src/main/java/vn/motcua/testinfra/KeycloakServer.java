package vn.motcua.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak, from its server distribution on Maven Central ({@code org.keycloak:keycloak-quarkus-dist}, zip),
 * as its own process on loopback: unpacked and built once into a folder (H2 file database: {@code dev-file}), then
 * started with a realm to import. Keycloak 26 needs Java 21 or newer; {@link #findJava(int)} looks for one.
 */
public final class KeycloakServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String BUILD_OPTIONS = "--db=dev-file --health-enabled=true";

    private final Path home;
    private final Path javaHome;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private Process process;

    private KeycloakServer(Path home, Path javaHome, int httpPort, int managementPort, Path log) {
        this.home = home;
        this.javaHome = javaHome;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Unpacks {@code distribution} under {@code folder} unless it is there already, and builds it for a file
     * database once (Keycloak's own "build" step, about a minute on two cores).
     */
    public static KeycloakServer prepare(Path distribution, Path folder, Path javaHome, int httpPort,
                                         int managementPort, Path log) {
        try {
            Files.createDirectories(folder);
            Path home = unpacked(folder).orElse(null);
            if (home == null) {
                unzip(distribution, folder);
                home = unpacked(folder).orElseThrow(() -> new IllegalStateException(
                        distribution + " holds no Keycloak distribution"));
            }
            KeycloakServer server = new KeycloakServer(home, javaHome, httpPort, managementPort, log);
            Path stamp = home.resolve(".motcua-build");
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(BUILD_OPTIONS)) {
                server.run(List.of("build", "--db=dev-file", "--health-enabled=true"), Duration.ofMinutes(5));
                Files.writeString(stamp, BUILD_OPTIONS);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak cannot be prepared in " + folder, e);
        }
    }

    /** A JDK of at least {@code feature} (MOTCUA_KEYCLOAK_JAVA_HOME, else the newest under /usr/lib/jvm). */
    public static Optional<Path> findJava(int feature) {
        String configured = System.getenv("MOTCUA_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= feature) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(jvms)) {
            return all.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> version(p) >= feature)
                    .max(Comparator.comparingInt(KeycloakServer::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Path log() {
        return log;
    }

    /**
     * Starts Keycloak, importing {@code realmFile} if its realm does not exist yet, and returns once it is ready.
     */
    public synchronized void start(Path realmFile, String adminPassword, Duration readyWithin) {
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            process = launch(List.of("start", "--optimized", "--http-enabled=true", "--http-host=127.0.0.1",
                    "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--hostname-strict=false", "--import-realm"), adminPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
        long deadline = System.nanoTime() + readyWithin.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak started", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready within " + readyWithin + "; log " + log);
    }

    private void run(List<String> args, Duration within) throws IOException {
        Process p = launch(args, null);
        try {
            if (!p.waitFor(within.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("kc.sh " + String.join(" ", args) + " failed; log " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(List<String> args, String adminPassword) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        // small heap: it shares two cores and the memory with PostgreSQL, Kafka and four services
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        if (adminPassword != null) {
            // the bootstrap administrator, only created with the master realm on the first start
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        }
        return builder.start();
    }

    /** Stops Keycloak in order (kc.sh passes SIGTERM to its JVM). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static Optional<Path> unpacked(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                    if (target.toString().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private static int version(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException ignored) {
            // not a JDK we can read
        }
        return 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
