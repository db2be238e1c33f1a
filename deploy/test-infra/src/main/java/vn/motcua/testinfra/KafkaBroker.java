package vn.motcua.testinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker running in its own JVM, so that broker jars stay off the service's classpath and
 * the broker can be stopped, killed and restarted like a real one (same port, same logs).
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "vn/motcua/testinfra/broker.classpath";

    private final Path logDir;
    private final Path outputFile;
    private final int port;
    private final int controllerPort;
    private final boolean ephemeral;
    private final String clusterId;
    private Process process;

    private KafkaBroker(Path logDir, int port, int controllerPort, boolean ephemeral) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.ephemeral = ephemeral;
        this.outputFile = logDir.resolveSibling(logDir.getFileName() + "-broker.out");
        this.clusterId = clusterId(logDir);
    }

    /** A broker for one test run: free ports, temporary logs removed on close. */
    public static KafkaBroker startEphemeral() {
        try {
            Path base = Files.createTempDirectory("motcua-kafka-");
            KafkaBroker broker = new KafkaBroker(base.resolve("logs"), FreePorts.next(), FreePorts.next(), true);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker whose logs survive restarts, on fixed ports. */
    public static KafkaBroker startPersistent(Path logDir, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort, false);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dlog4j2.level=warn",
                    "-cp", brokerClasspath(), KafkaBrokerMain.class.getName(),
                    "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                    "--log-dir", logDir.toString(), "--cluster-id", clusterId));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true);
            process = pb.start();
            awaitReady(process, 90);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker did not start", e);
        }
    }

    /** Orderly stop (the broker flushes and closes its logs). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            process = null;
        }
    }

    /** Crash: SIGKILL, no flush. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (ephemeral) {
            Dirs.deleteRecursively(logDir.getParent());
        }
    }

    private void awaitReady(Process p, int seconds) throws IOException {
        InputStream out = p.getInputStream();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
                 var log = Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                    if (line.startsWith(KafkaBrokerMain.READY)) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.complete(false);
        }, "kafka-broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            Boolean ok = ready.get(seconds, TimeUnit.SECONDS);
            if (!ok) {
                throw new IllegalStateException("Kafka broker exited before it was ready; see " + outputFile + ":\n"
                        + tail(outputFile));
            }
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("Kafka broker not ready after " + seconds + " s; see " + outputFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** The cluster id is kept beside the logs: a restarted broker must present the same one. */
    private static String clusterId(Path logDir) {
        Path file = logDir.resolveSibling(logDir.getFileName() + ".cluster-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
            buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This module's classes plus the broker's jars, as recorded at build time. */
    static String brokerClasspath() throws IOException {
        URL resource = KafkaBroker.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build deploy/test-infra with Maven");
        }
        String recorded;
        try (InputStream in = resource.openStream()) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return ownLocation(resource) + java.io.File.pathSeparator + recorded;
    }

    private static String ownLocation(URL resource) {
        String url = resource.toString();
        try {
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Paths.get(new java.net.URI(jar)).toString();
            }
            if (url.startsWith("file:")) {
                Path file = Paths.get(resource.toURI());
                // strip vn/motcua/testinfra/broker.classpath
                return file.getParent().getParent().getParent().getParent().toString();
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        // Unusual class loaders: fall back to the JVM class path entry that holds this module.
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("motcua-test-infra") || entry.contains("test-infra" + java.io.File.separator + "target")) {
                return entry;
            }
        }
        throw new IllegalStateException("cannot locate the test-infra classes from " + url);
    }
}
