package vn.motcua.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * A real PostgreSQL server started from the binaries shipped in a Maven artifact (no Docker, no installation).
 * Ephemeral servers (tests) use a free port and a temporary data directory removed on close; persistent servers
 * (local run) keep their data directory, so a restart keeps the data.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private final boolean ephemeral;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDir, int port, boolean ephemeral) {
        this.dataDir = dataDir;
        this.port = port;
        this.ephemeral = ephemeral;
    }

    /** A throw-away server for a test run: free port, temporary data, durability traded for speed. */
    public static PostgresServer startEphemeral() {
        try {
            PostgresServer server = new PostgresServer(Files.createTempDirectory("motcua-pg-"), FreePorts.next(), true);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose data survives restarts, on a fixed port. */
    public static PostgresServer startPersistent(Path dataDir, int port) {
        PostgresServer server = new PostgresServer(dataDir, port, false);
        server.start();
        return server;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
            if (Boolean.getBoolean("motcua.test.pg-stat-statements")) {
                // a benchmark's view of where PostgreSQL's time went, statement by statement
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (ephemeral) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** Stops the server; the data directory stays until {@link #close()} (for ephemeral servers). */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates (if missing) a database and a login role for one service. The role owns a schema of the same name and
     * may create nothing in {@code public}, so a service cannot write outside its own schema.
     */
    public void createServiceDatabase(String database, String role, String password) {
        Objects.requireNonNull(database);
        Objects.requireNonNull(role);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            try (Statement s = c.createStatement()) {
                if (!exists(c, "select 1 from pg_roles where rolname = '" + role + "'")) {
                    s.execute("create role " + ident(role) + " login password '" + password.replace("'", "''") + "'");
                }
                if (!exists(c, "select 1 from pg_database where datname = '" + database + "'")) {
                    s.execute("create database " + ident(database));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        execute(database, "revoke create on schema public from public;"
                + "create schema if not exists " + ident(role) + " authorization " + ident(role) + ";"
                + "grant connect on database " + ident(database) + " to " + ident(role) + ";");
    }

    /** Runs SQL as the superuser. */
    public void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    private static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }

    @Override
    public void close() {
        stop();
        if (ephemeral) {
            Dirs.deleteRecursively(dataDir);
        }
    }
}
