package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.motcua.consumer.Consumers;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the live projections and runs rebuilds. A rebuild replays the projection's topics from the beginning into
 * "_rebuild" twins of its tables while the live tables keep serving; once it has reached the live checkpoint, it
 * takes the live projection's lock, renames the twins into place, re-creates the analyst views on them and hands
 * its checkpoint to the live projection, all in one transaction.
 */
@ApplicationScoped
public class Projections {
    private static final Logger LOG = Logger.getLogger(Projections.class);
    private static final long REBUILD_LOCK = vn.motcua.support.AdvisoryLock.REPORTING_REBUILD_OFFSET.id();

    /**
     * A rebuild's state, for the REST status; {@code startedOver}: how many times it began again from the first
     * record (a checkpoint it did not commit, a kept fact the database refused), the last reason in
     * {@code startOverReason}. {@code secondsSpent}, once it has ended: where its replay's thread spent its time, by
     * phase (see {@link ProjectionRunner.Phase}); null before.
     */
    public record RebuildStatus(String projection, String state, Instant startedAt, Instant finishedAt,
                                long eventsReplayed, String error, int startedOver, String startOverReason,
                                Map<String, Double> secondsSpent) {
    }

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final DataSource dataSource;
    private final Consumers consumers;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final String bootstrap;
    private final int maxPollRecords;
    private final int rebuildBatchRecords;
    private final int indexBuilders;
    private final boolean enabled;
    private final String analystRole;
    private final CatalogProjection catalog;
    private final io.opentelemetry.api.OpenTelemetry telemetry;
    private final Map<String, ProjectionRunner> live = new ConcurrentHashMap<>();
    private final Map<String, RebuildStatus> rebuilds = new ConcurrentHashMap<>();
    /**
     * A running rebuild's secondary indexes, built once its replay has caught up (not row by row during it): by
     * projection, then by twin table.
     */
    private final Map<String, Map<String, List<String>>> deferredIndexes = new ConcurrentHashMap<>();

    public Projections(CatalogProjection catalog, DossierProjection dossiers, SatisfactionProjection satisfaction,
                       DataSource dataSource, Consumers consumers, MeterRegistry metrics, Clock clock,
                       @ConfigProperty(name = "motcua.reporting.dead-letter-topic") String deadLetterTopic,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                       @ConfigProperty(name = "motcua.reporting.max-poll-records", defaultValue = "2000") int maxPollRecords,
                       @ConfigProperty(name = "motcua.reporting.rebuild.batch-records", defaultValue = "5000")
                       int rebuildBatchRecords,
                       @ConfigProperty(name = "motcua.reporting.rebuild.index-builders", defaultValue = "2")
                       int indexBuilders,
                       @ConfigProperty(name = "motcua.reporting.projections.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "motcua.reporting.analyst-role") String analystRole,
                       io.opentelemetry.api.OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.catalog = catalog;
        for (Projection p : List.of(catalog, dossiers, satisfaction)) {
            projections.put(p.name(), p);
        }
        this.dataSource = dataSource;
        this.consumers = consumers;
        for (Projection p : projections.values()) {
            consumers.register(p.name(), deadLetterTopic, record -> replayOne(p, record));
        }
        this.metrics = metrics;
        this.clock = clock;
        this.bootstrap = bootstrap;
        this.maxPollRecords = maxPollRecords;
        this.rebuildBatchRecords = rebuildBatchRecords;
        this.indexBuilders = indexBuilders;
        this.enabled = enabled;
        this.analystRole = analystRole;
    }

    /**
     * A parked record applied again (an admin's replay): alone, to the live tables, in a transaction that holds the
     * projection's lock so the live runner waits meanwhile. Its checkpoint has moved past it already.
     */
    private io.smallrye.mutiny.Uni<Void> replayOne(Projection p, org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        return io.smallrye.mutiny.Uni.createFrom().<Void>item(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                        ps.setLong(1, p.lockId());
                        ps.execute();
                    }
                    p.apply(c, "", List.of(record));
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            p.afterCommit(List.of(record));
            return null;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    public Map<String, Projection> all() {
        return projections;
    }

    public Optional<Projection> byName(String name) {
        return Optional.ofNullable(projections.get(name));
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        catalog.reloadCalendars();
        // the catalog first: facts use its working calendar, so it should be caught up before dossiers are folded
        CountDownLatch catalogCaughtUp = new CountDownLatch(1);
        ProjectionRunner c = runner(catalog, "").onCaughtUp(catalogCaughtUp::countDown);
        live.put(catalog.name(), c);
        c.start();
        Thread starter = new Thread(() -> {
            try {
                catalogCaughtUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (Projection p : projections.values()) {
                if (p != catalog) {
                    ProjectionRunner r = runner(p, "");
                    live.put(p.name(), r);
                    r.start();
                }
            }
        }, "projection-starter");
        starter.setDaemon(true);
        starter.start();
    }

    void stop(@Observes ShutdownEvent event) {
        live.values().forEach(ProjectionRunner::stop);
    }

    private ProjectionRunner runner(Projection p, String suffix) {
        return new ProjectionRunner(p, suffix, suffix.isEmpty() ? p.lockId() : null, dataSource, consumers,
                bootstrap, maxPollRecords, metrics, () -> false,
                suffix.isEmpty() ? telemetry : io.opentelemetry.api.OpenTelemetry.noop());
    }

    public Optional<RebuildStatus> status(String projection) {
        return Optional.ofNullable(rebuilds.get(projection));
    }

    /**
     * Starts a rebuild; false if one is already running for this projection (in this replica or another: a
     * session-level advisory lock guards it).
     */
    public synchronized boolean rebuild(String name) {
        Projection p = projections.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown projection " + name);
        }
        RebuildStatus current = rebuilds.get(name);
        if (current != null && current.state().equals("RUNNING")) {
            return false;
        }
        Instant started = clock.instant();
        rebuilds.put(name, new RebuildStatus(name, "RUNNING", started, null, 0, null, 0, null, null));
        Thread t = new Thread(() -> runRebuild(p, started), "rebuild-" + name);
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void runRebuild(Projection p, Instant started) {
        try (Connection guard = dataSource.getConnection()) {
            if (!sessionLock(guard, REBUILD_LOCK + p.lockId())) {
                rebuilds.put(p.name(), new RebuildStatus(p.name(), "REFUSED", started, clock.instant(), 0,
                        "a rebuild of " + p.name() + " is already running in another replica", 0, null, null));
                return;
            }
            try {
                replay(p, started);
            } finally {
                // a pooled connection keeps session locks: release before handing it back
                try (PreparedStatement ps = guard.prepareStatement("select pg_advisory_unlock(?)")) {
                    ps.setLong(1, REBUILD_LOCK + p.lockId());
                    ps.execute();
                }
            }
        } catch (Exception e) {
            LOG.errorf(e, "rebuild of %s failed", p.name());
            rebuilds.put(p.name(), new RebuildStatus(p.name(), "FAILED", started, clock.instant(), 0, e.toString(), 0, null, null));
        }
    }

    private void replay(Projection p, Instant started) throws SQLException {
        boolean[] swapped = {false};
        ProjectionRunner runner;
        long t0 = System.nanoTime();
        int startedOver = 0;
        String startOverReason = null;
        while (true) {
            prepare(p);
            SwapAttempt attempt = new SwapAttempt();
            runner = new ProjectionRunner(p, "_rebuild", null, dataSource, consumers, bootstrap,
                    rebuildBatchRecords, metrics, () -> swapped[0] = trySwap(p, attempt),
                    io.opentelemetry.api.OpenTelemetry.noop());
            p.rebuilding(true);
            try {
                runner.run(); // on this thread: returns once swapped (or asked to start over)
            } finally {
                p.rebuilding(false);
                attempt.release();
            }
            if (!runner.startedOver() || swapped[0]) {
                break;
            }
            startedOver++;
            startOverReason = runner.startOverReason();
            rebuilds.put(p.name(), new RebuildStatus(p.name(), "RUNNING", started, null, 0, null, startedOver,
                    startOverReason, null));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.infof("rebuild of %s: %d events in %.1f s (%.0f events/s), swapped; seconds by phase %s", p.name(),
                runner.eventsApplied(), seconds, runner.eventsApplied() / Math.max(seconds, 1e-9),
                runner.secondsSpent());
        rebuilds.put(p.name(), new RebuildStatus(p.name(), swapped[0] ? "DONE" : "STOPPED", started,
                clock.instant(), runner.eventsApplied(), null, startedOver, startOverReason, runner.secondsSpent()));
    }

    private void prepare(Projection p) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            Map<String, List<String>> deferred = new LinkedHashMap<>();
            for (String t : p.tables()) {
                deferred.put(t, new ArrayList<>());
                s.execute("drop table if exists " + t + "_rebuild");
                String partitioning = null;
                try (ResultSet rs = s.executeQuery("select pg_get_partkeydef(to_regclass('" + t + "'))")) {
                    if (rs.next()) {
                        partitioning = rs.getString(1);
                    }
                }
                // a partitioned table's twin is partitioned alike; its partitions come with the rows that need them
                s.execute("create table " + t + "_rebuild (like " + t + " including all)"
                        + (partitioning == null ? "" : " partition by " + partitioning));
                // the replay's merges need the unique ones; the others serve queries only, so they are built
                // at the end in one pass each, instead of being updated at every write of the replay
                List<String[]> secondary = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select indexrelid::regclass::text, pg_get_indexdef(indexrelid)"
                        + " from pg_index where indrelid = '" + t + "_rebuild'::regclass and not indisunique")) {
                    while (rs.next()) {
                        secondary.add(new String[]{rs.getString(1), rs.getString(2)});
                    }
                }
                for (String[] index : secondary) {
                    s.execute("drop index " + index[0]);
                    // a partitioned table's index is shown "on only" the parent: built again, it is built on all
                    deferred.get(t).add(index[1].replace(" ON ONLY ", " ON "));
                }
            }
            deferredIndexes.put(p.name(), deferred);
            try (PreparedStatement ps = c.prepareStatement("delete from projection_checkpoint where projection = ?")) {
                ps.setString(1, ProjectionRunner.checkpointName(p, "_rebuild"));
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * A swap under way: the transaction that holds the live projection's lock while the rebuild reads the last
     * records the live projection read before it stopped. Without it, events arriving faster than one attempt
     * (statistics, lock) takes kept the rebuild one step behind for ever.
     */
    private static final class SwapAttempt {
        /** Catch-up batches allowed while the live projection waits; then the lock is let go and the try starts over. */
        static final int MAX_HELD_TRIES = 20;
        Connection held;
        int tries;

        void release() {
            if (held == null) {
                return;
            }
            try (Connection c = held) {
                c.rollback();
            } catch (SQLException e) {
                LOG.warnf("releasing a swap attempt: %s", e.toString());
            }
            held = null;
            tries = 0;
        }
    }

    /**
     * Swaps when the rebuild has reached the live checkpoint on every partition; false to keep replaying. Once the
     * rebuild has caught up and its tables are indexed and analyzed, the live projection's lock is taken and kept
     * across calls: the live projection stops between two batches, the rebuild reads what the live one had read in
     * the meantime, and the swap follows in the same transaction.
     */
    private boolean trySwap(Projection p, SwapAttempt attempt) {
        String rebuildName = ProjectionRunner.checkpointName(p, "_rebuild");
        try {
            if (attempt.held == null) {
                Connection c = dataSource.getConnection();
                try {
                    c.setAutoCommit(false);
                    if (behind(c, p.name(), rebuildName)) {
                        c.rollback();
                        c.close();
                        return false;
                    }
                    indexAndAnalyze(p);
                    // the live projection stops between two of its batches until this transaction ends
                    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                        ps.setLong(1, p.lockId());
                        ps.execute();
                    }
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    c.close();
                    throw e;
                }
                attempt.held = c;
            }
            if (behind(attempt.held, p.name(), rebuildName)) {
                if (++attempt.tries >= SwapAttempt.MAX_HELD_TRIES) {
                    LOG.warnf("rebuild of %s: still behind the live projection after %d batches under its lock; "
                            + "letting it go and trying again", p.name(), attempt.tries);
                    attempt.release();
                }
                return false;
            }
            swap(attempt.held, p);
            attempt.held.commit();
            attempt.held.close();
            attempt.held = null;
            if (p == catalog) {
                catalog.reloadCalendars();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            attempt.release();
            throw new IllegalStateException("swap of " + p.name() + " failed", e);
        }
    }

    /**
     * The twin tables' secondary indexes, then their statistics (fresh tables have none: without them the first
     * queries after the swap plan badly; a table's are taken after its indexes, which add statistics of their
     * expressions). Each index is a task of its own on {@code indexBuilders} connections, the GiST ones first (the
     * steps' took 11.7 s of a 1,000,000-dossier rebuild, longer than all the others together), so the longest does
     * not wait behind the rest of its table: at this point the replay is over, and PostgreSQL would otherwise build
     * them one after the other on one core. Each index is committed on its own: an attempt to swap that finds the
     * live projection ahead again keeps them.
     */
    private void indexAndAnalyze(Projection p) throws SQLException {
        Map<String, List<String>> defs = deferredIndexes.remove(p.name());
        List<String[]> indexes = new ArrayList<>(); // table, definition
        for (String t : p.tables()) {
            for (String def : defs == null ? List.<String>of() : defs.getOrDefault(t, List.of())) {
                indexes.add(new String[]{t, def});
            }
        }
        indexes.sort(java.util.Comparator.comparing(ix -> !ix[1].toLowerCase(java.util.Locale.ROOT)
                .contains(" using gist "))); // stable: the GiST ones first, the others in their order
        java.util.concurrent.ExecutorService builders = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, indexBuilders), r -> {
                    Thread t = new Thread(r, "rebuild-" + p.name() + "-indexes");
                    t.setDaemon(true);
                    return t;
                });
        try {
            Map<String, List<java.util.concurrent.CompletableFuture<Void>>> built = new LinkedHashMap<>();
            p.tables().forEach(t -> built.put(t, new ArrayList<>()));
            for (String[] ix : indexes) {
                built.get(ix[0]).add(java.util.concurrent.CompletableFuture.runAsync(() -> execute(ix[1]), builders));
            }
            List<java.util.concurrent.CompletableFuture<Void>> analyzed = new ArrayList<>();
            built.forEach((t, its) -> analyzed.add(java.util.concurrent.CompletableFuture
                    .allOf(its.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .thenRunAsync(() -> execute("analyze " + t + "_rebuild"), builders)));
            java.util.concurrent.CompletableFuture.allOf(analyzed.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            // the statement's own failure, under the futures' wrappers
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    throw sql;
                }
            }
            throw new SQLException("building the rebuild's indexes failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while building the rebuild's indexes", e);
        } finally {
            builders.shutdownNow();
        }
    }

    /** One statement on a connection of its own, committed. */
    private void execute(String statement) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(statement);
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
    }

    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException e) {
            super(e);
        }
    }

    private static boolean behind(Connection c, String liveName, String rebuildName) throws SQLException {
        Map<TopicPartition, Long> liveAt = ProjectionRunner.read(c, liveName);
        Map<TopicPartition, Long> rebuildAt = ProjectionRunner.read(c, rebuildName);
        for (Map.Entry<TopicPartition, Long> e : liveAt.entrySet()) {
            if (rebuildAt.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return true;
            }
        }
        return false;
    }

    private void swap(Connection c, Projection p) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : p.tables()) {
                s.execute("alter table " + t + " rename to " + t + "_retired");
                s.execute("alter table " + t + "_rebuild rename to " + t);
            }
            // the views were bound to the retired tables: re-create them on the new ones, then drop the old
            s.execute(analystViews());
            Summaries.dropAll(s);
            for (String t : p.tables()) {
                s.execute("drop table " + t + "_retired");
                FactPartitions.takeLiveNames(c, t);
            }
            try (PreparedStatement del = c.prepareStatement("delete from projection_checkpoint where projection = ?")) {
                del.setString(1, p.name());
                del.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement(
                    "update projection_checkpoint set projection = ? where projection = ?")) {
                up.setString(1, p.name());
                up.setString(2, ProjectionRunner.checkpointName(p, "_rebuild"));
                up.executeUpdate();
            }
        }
    }

    /** The analyst views, the same script Flyway applies (R__analyst_views.sql). */
    private String analystViews() {
        try (InputStream in = Projections.class.getResourceAsStream("/db/migration/R__analyst_views.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${analystRole}", analystRole);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sessionLock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
