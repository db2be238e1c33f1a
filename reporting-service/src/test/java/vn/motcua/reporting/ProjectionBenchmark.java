package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.reporting.query.FigureQueries;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.reporting.Feed.VIETNAM;

/**
 * Throughput and latency at province scale. Publishes a year of dossiers (default 1,000,000; -Dbench.dossiers=N) in
 * time order with the real codec, then measures: the publish rate, a raw read of the topic, the live projection's
 * catch-up, a rebuild by replay, and scorecard latency on the loaded views. Figures are printed as "BENCHMARK ...".
 *
 * <p>Other properties: bench.queries (1000), bench.warmup (200), bench.acks (1), bench.compression (zstd if
 * available), bench.seed, bench.explain (true: print the plans of two scorecard statements), bench.hold (seconds
 * the loaded database stays up after the figures, to try statements on it by hand), bench.profile (true: a JFR
 * profile of the rebuild, summarised by thread, top frame's package and innermost motcua frame).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ProjectionBenchmark {
    static final int DOSSIERS = Integer.getInteger("bench.dossiers", 1_000_000);
    static final int QUERIES = Integer.getInteger("bench.queries", 1000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 200);
    static final String ACKS = System.getProperty("bench.acks", "1");
    static final String COMPRESSION = System.getProperty("bench.compression", defaultCompression());
    static final long SEED = Long.getLong("bench.seed", 20260101L);
    static final int HOLD_SECONDS = Integer.getInteger("bench.hold", 0);
    static final int CODEC_SAMPLE = Integer.getInteger("bench.codec-sample", 200_000);
    static final boolean EXPLAIN = Boolean.parseBoolean(System.getProperty("bench.explain", "true"));
    static final boolean PROFILE = Boolean.parseBoolean(System.getProperty("bench.profile", "true"));

    static final String TOPIC = DossierTopics.EVENTS;
    static final String PROVINCE = "BM";
    static final int DEPARTMENTS = 10;
    static final int SUBUNITS_PER_DEPARTMENT = 10;
    static final Instant YEAR_END = LocalDate.of(2027, 1, 1).atStartOfDay(VIETNAM).toInstant();
    static final Types.Applicant APPLICANT = new Types.Applicant("Nguyễn Văn An", "001099012345", null, null);
    static final List<String> DOCS = List.of("Tờ khai");

    /** Procedures: code, legal working days, online level. */
    static final Types.ProcedureTerms[] PROCEDURES = {
            Feed.terms("BM-P01", ProcessingTime.workingDays(3), null, "FULLY_ONLINE"),
            Feed.terms("BM-P02", ProcessingTime.workingDays(5), null, "FULLY_ONLINE"),
            Feed.terms("BM-P03", ProcessingTime.workingDays(7), null, "PARTLY_ONLINE"),
            Feed.terms("BM-P04", ProcessingTime.workingDays(10), null, "PARTLY_ONLINE"),
            Feed.terms("BM-P05", ProcessingTime.workingDays(15), null, "NONE")};

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @jakarta.inject.Inject
    vn.motcua.reporting.query.SummaryRefresher refresher;

    private final StringBuilder summary = new StringBuilder();

    private static final int DASHBOARD_WARMUP = 5;
    private static final int DASHBOARD_PAGES = 100;

    @Test
    void benchmark() throws Exception {
        TestClock.CLOCK.set(Feed.vn("2027-01-15T10:00"));
        List<String> departments = new ArrayList<>();
        List<String> subUnits = new ArrayList<>();
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        figure("machine", "%d cores, load average %.1f, test JVM max heap %d MiB, dossiers %,d, acks=%s,"
                        + " compression=%s, rebuild batches of %s records, %s facts remembered"
                        + " and up to %s more compact",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20,
                DOSSIERS, ACKS, COMPRESSION,
                config.getOptionalValue("motcua.reporting.rebuild.batch-records", String.class).orElse("5000"),
                config.getOptionalValue("motcua.reporting.rebuild.remembered-facts", String.class).orElse("5000"),
                config.getOptionalValue("motcua.reporting.rebuild.compact-memory", String.class).orElse("32M"));
        figure("jvm", "%s", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).toList()));
        Cpu cpu = new Cpu();

        // ---- 1. catalog, then a year of dossiers in time order
        try (Feed feed = new Feed(infra)) {
            feed.unit(PROVINCE, "Tỉnh Benchmark", UnitType.PROVINCE, null);
            for (int d = 1; d <= DEPARTMENTS; d++) {
                String dep = PROVINCE + ".S%02d".formatted(d);
                departments.add(dep);
                feed.unit(dep, "Sở " + d, UnitType.PROVINCE_DEPARTMENT, PROVINCE);
                for (int s = 1; s <= SUBUNITS_PER_DEPARTMENT; s++) {
                    // the catalog has no type for a department's sub-unit: typed as communes
                    String sub = dep + ".U%02d".formatted(s);
                    subUnits.add(sub);
                    feed.unit(sub, "Đơn vị " + d + "." + s, UnitType.COMMUNE, dep);
                }
            }
            for (Types.ProcedureTerms p : PROCEDURES) {
                feed.procedure(p.code(), p.nameVi(), "F" + p.code().substring(4), "Lĩnh vực " + p.code(),
                        List.of(UnitType.PROVINCE_DEPARTMENT, UnitType.COMMUNE), p.legalTime(),
                        OnlineLevel.valueOf(p.onlineLevel()));
            }
            feed.awaitProjected();
        }
        Generator gen = new Generator(subUnits, new Random(SEED));
        cpu.phase();
        Load load = publish(gen);
        figure("load", "%,d units, %d procedures, %,d dossiers -> %,d events, %,.1f MiB of values (%.0f B/event avg)",
                1 + departments.size() + subUnits.size(), PROCEDURES.length, DOSSIERS, load.events,
                load.bytes / 1048576.0, (double) load.bytes / load.events);
        figure("publish", "%,.0f events/s (%,.1f MiB/s values), %.1f s wall, %.1f s of it encoding (codec.write)",
                load.events / load.seconds, load.bytes / 1048576.0 / load.seconds, load.seconds, load.encodeSeconds);

        Map<TopicPartition, Long> end = endOffsets();
        long topicEvents = end.values().stream().mapToLong(Long::longValue).sum();

        // ---- 3a. live catch-up: the live projection has been consuming since the first event was published
        long liveAtPublishEnd = checkpoint("dossiers");
        awaitCheckpoint("dossiers", topicEvents, "live", load.startNanos, Duration.ofMinutes(60));
        double liveSeconds = (System.nanoTime() - load.startNanos) / 1e9;
        figure("live projection", "%,.0f events/s over %.1f s from first publish to caught up (concurrent with"
                        + " publishing; %,d events behind when publishing ended, caught up %.1f s later)",
                topicEvents / liveSeconds, liveSeconds, topicEvents - liveAtPublishEnd, liveSeconds - load.seconds);
        cpu.report("publish + live projection");

        // ---- 2. raw read of the topic, then the same with decoding
        double raw = read(false);
        double decoded = read(true);
        cpu.report("raw read + read+decode");
        decodeBeforeAndNow();

        // ---- 3b. rebuild by replay (its CPU alone: the decoding comparison above is not counted)
        // measured alone: the summaries the live catch-up dropped are stored again first (the refresher's pass took
        // a third of PostgreSQL's time during the replay otherwise), as on a quiet night of a real rebuild
        refresher.refresh().await().atMost(Duration.ofMinutes(30));
        boolean statements = statementsReset();
        cpu.phase();
        JfrProfile profile = PROFILE ? JfrProfile.start() : null;
        double rebuildSeconds = rebuild(topicEvents);
        cpu.report("rebuild");
        if (profile != null) {
            profile.report("rebuild", (name, text) -> figure(name, "%s", text));
        }
        if (statements) {
            statementsReport("rebuild");
        }
        double rebuildRate = topicEvents / rebuildSeconds;
        figure("rebuild", "%,.0f events/s replayed (%,d events in %.1f s)", rebuildRate, topicEvents, rebuildSeconds);
        figure("rates", "raw read %,.0f events/s | read+decode %,.0f events/s | rebuild %,.0f events/s"
                + " | rebuild/raw = %.4f (%.1fx slower), rebuild/decode = %.4f", raw, decoded, rebuildRate,
                rebuildRate / raw, raw / rebuildRate, rebuildRate / decoded);
        tableStats();

        // ---- 4. scorecard latency
        String analyst = infra.tokens().analyst();
        Random rnd = new Random(SEED + 1);
        // first with no stored summary (as right after a rebuild's swap, before the refresher's next run): the
        // question stores its units' summaries of the year itself
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("delete from reporting.unit_period_summary");
        } catch (java.sql.SQLException noTable) {
            // a version without stored summaries
        }
        long cold = scorecard(analyst, PROVINCE, "2026", "subtree");
        figure("scorecard province subtree/year, cold", "%s ms (no summary stored: the question stores them)",
                ms(cold));
        for (int i = 0; i < WARMUP; i++) {
            scorecard(analyst, subUnits.get(rnd.nextInt(subUnits.size())), month(rnd), "unit");
        }
        Histogram unitMonth = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long t0 = System.nanoTime();
        for (int i = 0; i < QUERIES; i++) {
            unitMonth.recordValue(scorecard(analyst, subUnits.get(rnd.nextInt(subUnits.size())), month(rnd), "unit"));
        }
        double qs = (System.nanoTime() - t0) / 1e9;
        figure("scorecard unit/month, after swap", "%s (%d sequential requests, %.1f req/s, warm-up %d; no summary"
                        + " stored at the start: the questions and the refresher store them meanwhile)",
                percentiles(unitMonth), QUERIES, QUERIES / qs, WARMUP);

        // what a leader meets once the refresher has been through: every recent closed period's summaries stored
        long tr = System.nanoTime();
        int periods = refresher.refresh().await().atMost(Duration.ofMinutes(30)).size();
        figure("summary refresher pass", "%.1f s for %d periods x %d units (what was still missing)",
                (System.nanoTime() - tr) / 1e9, periods, 1 + departments.size() + subUnits.size());
        Histogram unitMonthStored = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        Histogram unitQuarterStored = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        for (int i = 0; i < QUERIES; i++) {
            String unit = subUnits.get(rnd.nextInt(subUnits.size()));
            unitMonthStored.recordValue(scorecard(analyst, unit, month(rnd), "unit"));
            unitQuarterStored.recordValue(scorecard(analyst, unit, "2026-Q" + (1 + rnd.nextInt(4)), "unit"));
        }
        figure("scorecard unit/month", "%s (%d sequential requests, summaries stored)", percentiles(unitMonthStored),
                QUERIES);
        figure("scorecard unit/quarter", "%s (%d sequential requests, summaries stored, alternating with the"
                + " months)", percentiles(unitQuarterStored), QUERIES);

        Histogram depMonth = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        for (int i = 0; i < 20; i++) {
            depMonth.recordValue(scorecard(analyst, departments.get(rnd.nextInt(departments.size())), month(rnd),
                    "subtree"));
        }
        figure("scorecard department subtree/month", "%s (20 requests)", percentiles(depMonth));
        List<String> depYear = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            depYear.add(ms(scorecard(analyst, departments.get(i), "2026", "subtree")));
        }
        figure("scorecard department subtree/year", "%s ms (3 departments)", String.join(", ", depYear));

        List<String> provinceYear = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            provinceYear.add(ms(scorecard(analyst, PROVINCE, "2026", "subtree")));
        }
        figure("scorecard province subtree/year", "%s ms", String.join(", ", provinceYear));
        // read apart from the timing: the client's first JSON-path read starts its own machinery (~0.4 s)
        Map<String, Object> province = given().auth().oauth2(analyst).queryParam("unit", PROVINCE)
                .queryParam("period", "2026").queryParam("scope", "subtree").get("/api/reports/scorecard")
                .then().statusCode(200).extract().path("counts");
        // the first page also compiles the template and warms the page's own code: timed apart, then 100 pages
        Histogram dashboard = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        List<String> firstPages = new ArrayList<>();
        for (int i = 0; i < DASHBOARD_WARMUP + DASHBOARD_PAGES; i++) {
            long td = System.nanoTime();
            given().auth().oauth2(analyst).queryParam("unit", PROVINCE).queryParam("period", month(rnd))
                    .get("/dashboard").then().statusCode(200);
            long micros = (System.nanoTime() - td) / 1000;
            if (i < DASHBOARD_WARMUP) {
                firstPages.add(String.format("%.1f", micros / 1000.0));
            } else {
                dashboard.recordValue(micros);
            }
        }
        figure("dashboard page province/month", "%s (%d requests, mixed months, after %s ms for the first %d)",
                percentiles(dashboard), DASHBOARD_PAGES, String.join(", ", firstPages), DASHBOARD_WARMUP);
        dashboardParts(analyst, rnd);
        cpu.report("queries");
        figure("province 2026 counts", "received %s (expected %,d), completed %s (expected %,d), in progress %s,"
                        + " late %s, returned %s", province.get("received"), DOSSIERS, province.get("completed"),
                gen.completedIn2026, province.get("inProgress"), province.get("late"), province.get("returned"));

        if (EXPLAIN) {
            // what a sub-unit's scorecard spends most on: the ranking among its siblings
            Map<String, String> siblings = new HashMap<>();
            subUnits.stream().filter(u -> u.startsWith(departments.get(0) + ".")).forEach(u -> siblings.put(u, u));
            explain("ranking of the sub-units of " + departments.get(0) + ", 2026-06", siblings, "2026-06");
            Map<String, String> all = new HashMap<>();
            all.put(PROVINCE, PROVINCE);
            departments.forEach(d -> all.put(d, PROVINCE));
            subUnits.forEach(s -> all.put(s, PROVINCE));
            explain("province subtree, 2026", all, "2026");
            explainLateSteps("the dashboard's late steps, province subtree, 2026-11", all.keySet(), "2026-11");
        }

        // ---- 5. memory and storage
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.gc();
        long usedAfterGc = rt.totalMemory() - rt.freeMemory();
        figure("heap", "%,d MiB used at end, %,d MiB after System.gc() (committed %,d MiB, max %,d MiB)",
                used >> 20, usedAfterGc >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
        figure("database", "pg_database_size %,d MiB; dossier_fact %,d MiB, dossier_step %,d MiB (with indexes)",
                Sql.count(infra, "select pg_database_size(current_database())") >> 20,
                // the facts are partitioned by reception year: the parent itself holds nothing
                Sql.count(infra, "select sum(pg_total_relation_size(relid))::bigint"
                        + " from pg_partition_tree('reporting.dossier_fact')") >> 20,
                Sql.count(infra, "select pg_total_relation_size('reporting.dossier_step')") >> 20);

        figure("load average at end", "%.1f (other processes share the 2 cores)", loadAverage());
        System.out.println("\n===== BENCHMARK SUMMARY (ProjectionBenchmark) =====\n" + summary
                + "===== END BENCHMARK SUMMARY =====\n");
        if (HOLD_SECONDS > 0) {
            // the loaded database stays up for a while, to try a statement or an index on it by hand
            System.out.printf("BENCHMARK holding the database for %d s: %s (user postgres)%n", HOLD_SECONDS,
                    infra.postgres().jdbcUrl(infra.database()));
            Thread.sleep(HOLD_SECONDS * 1000L);
        }

        assertThat(((Number) province.get("received")).longValue()).isEqualTo(DOSSIERS);
        assertThat(((Number) province.get("completed")).longValue()).isEqualTo(gen.completedIn2026);
    }

    // ------------------------------------------------------------------ load

    record Load(long events, long bytes, double seconds, double encodeSeconds, long startNanos) {
    }

    private Load publish(Generator gen) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", infra.kafka().bootstrapServers());
        config.put("acks", ACKS);
        config.put("enable.idempotence", ACKS.equals("all"));
        config.put("linger.ms", 20);
        config.put("batch.size", 256 * 1024);
        config.put("buffer.memory", 64L * 1024 * 1024);
        config.put("compression.type", COMPRESSION);
        DossierEventCodec codec = new DossierEventCodec();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long events = 0;
        long bytes = 0;
        long encodeNanos = 0;
        long start = System.nanoTime();
        long nextReport = start + TimeUnit.SECONDS.toNanos(30);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Generator.Next e = gen.next(); e != null; e = gen.next()) {
                long te = System.nanoTime();
                byte[] value = codec.write(e.envelope());
                encodeNanos += System.nanoTime() - te;
                producer.send(new ProducerRecord<>(TOPIC, e.envelope().key(), value), (m, ex) -> {
                    if (ex != null && failed.getAndIncrement() == 0) {
                        firstFailure.set(ex);
                    }
                });
                events++;
                bytes += value.length;
                if (System.nanoTime() > nextReport) {
                    nextReport += TimeUnit.SECONDS.toNanos(30);
                    System.out.printf("BENCHMARK progress publish: %,d events, %,d dossiers started, %.0f s%n", events,
                            gen.started, (System.nanoTime() - start) / 1e9);
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends failed", firstFailure.get());
        }
        return new Load(events, bytes, seconds, encodeNanos / 1e9, start);
    }

    /**
     * A year of dossiers in event-time order: dossiers are received on the working days of 2026 in office hours, and
     * each one's later events are queued by their instant, so a batch mixes new receptions with results of earlier
     * dossiers as in production.
     */
    static final class Generator {
        record Next(DossierEventEnvelope envelope) {
        }

        /** One dossier's planned events, published one at a time. */
        static final class Plan {
            final UUID id;
            final String code;
            final List<DossierEvent> events = new ArrayList<>(6);
            int next;

            Plan(UUID id, String code) {
                this.id = id;
                this.code = code;
            }

            Instant at() {
                return events.get(next).at();
            }
        }

        private final List<String> units;
        private final Random rnd;
        private final List<LocalDate> days = new ArrayList<>();
        private final PriorityQueue<Plan> pending = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        private final List<Plan> today = new ArrayList<>();
        private int day;
        private int todayNext;
        private long position = 1;
        long started;
        long completedIn2026;

        Generator(List<String> units, Random rnd) {
            this.units = units;
            this.rnd = rnd;
            for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
                if (working(d)) {
                    days.add(d);
                }
            }
        }

        /** The next event in time order, or null when every dossier is published. */
        Next next() {
            while (todayNext >= today.size() && day < days.size()) {
                plan(days.get(day++));
            }
            Plan p;
            if (todayNext < today.size() && (pending.isEmpty() || !pending.peek().at().isBefore(today.get(todayNext).at()))) {
                p = today.get(todayNext);
                today.set(todayNext++, null);
            } else {
                p = pending.poll();
            }
            if (p == null) {
                return null;
            }
            DossierEvent e = p.events.get(p.next++);
            DossierEventEnvelope env = DossierEventEnvelope.of(uuid(), p.id, p.code, p.next, position++, e.at(), e);
            if (p.next < p.events.size()) {
                pending.add(p);
            }
            return new Next(env);
        }

        /** The receptions of one working day, in time order. */
        private void plan(LocalDate d) {
            int from = (int) ((long) DOSSIERS * (day - 1) / days.size());
            int to = (int) ((long) DOSSIERS * day / days.size());
            long[] seconds = new long[to - from];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = 7 * 3600 + 1800 + rnd.nextInt(9 * 3600); // 07:30 to 16:30
            }
            Arrays.sort(seconds);
            today.clear();
            todayNext = 0;
            for (int i = 0; i < seconds.length; i++) {
                Instant at = d.atStartOfDay(VIETNAM).plusSeconds(seconds[i]).toInstant();
                today.add(dossier("BM-2026-%07d".formatted(from + i + 1), d, at));
            }
        }

        private Plan dossier(String code, LocalDate day, Instant at) {
            started++;
            Plan p = new Plan(uuid(), code);
            String unit = units.get(rnd.nextInt(units.size()));
            Types.ProcedureTerms proc = PROCEDURES[rnd.nextInt(PROCEDURES.length)];
            int n = proc.legalTime().amount();
            double c = rnd.nextDouble();
            Types.Channel channel = c < 0.4 ? Types.Channel.ONLINE : c < 0.9 ? Types.Channel.COUNTER : Types.Channel.POSTAL;
            Types.Due due = Feed.dueOn(addWorkingDays(day, n).toString());
            p.events.add(new DossierEvent.Received(code, proc, unit, unit, channel, APPLICANT, DOCS, at, at, "mot.cua",
                    "ND118-2025", due, at, at.plus(Duration.ofHours(4)), null));
            double kind = rnd.nextDouble();
            Instant processed;
            if (kind < 0.06) {
                return p; // still in progress
            } else if (kind < 0.10) {
                // one supplement: the due of record restarts, the national due moves by the wait
                LocalDate asked = addWorkingDays(day, 1);
                LocalDate supplied = addWorkingDays(asked, 1 + rnd.nextInt(3));
                Instant suppliedAt = office(supplied);
                Types.Due record = Feed.dueOn(addWorkingDays(supplied, n).toString());
                Types.Due national = Feed.dueOn(addWorkingDays(due.date(), workingDaysBetween(asked, supplied)).toString());
                p.events.add(new DossierEvent.SupplementRequested(unit, "can.bo", List.of("Bản sao"), 1, office(asked)));
                p.events.add(new DossierEvent.SupplementSupplied(List.of("Bản sao"), suppliedAt));
                p.events.add(new DossierEvent.DueDateChanged(Types.DueChangeReason.SUPPLEMENT_RESTART, due, record,
                        record, national, suppliedAt));
                processed = later(office(addWorkingDays(supplied, rnd.nextInt(n + 1))), suppliedAt);
            } else if (kind < 0.11) {
                // an apology the working day before the due, then a result late by the due of record
                LocalDate apologyDay = addWorkingDays(due.date(), -1);
                Instant apologyAt = later(office(apologyDay), at);
                Types.Due newDue = Feed.dueOn(addWorkingDays(due.date(), 5).toString());
                p.events.add(new DossierEvent.Apologized(unit, "quá tải", newDue, apologyAt));
                p.events.add(new DossierEvent.DueDateChanged(Types.DueChangeReason.APOLOGY, due, newDue, due, due,
                        apologyAt));
                processed = office(addWorkingDays(due.date(), 1 + rnd.nextInt(4)));
            } else if (kind < 0.19) {
                p.events.add(new DossierEvent.Overdue(due, due.at()));
                processed = office(addWorkingDays(due.date(), 1 + rnd.nextInt(5)));
            } else {
                processed = later(office(addWorkingDays(day, rnd.nextInt(n + 1))), at);
            }
            p.events.add(new DossierEvent.Processed(unit, "can.bo", Types.Outcome.GRANTED, "KQ", processed));
            Instant returned = processed.plus(Duration.ofMinutes(30 + rnd.nextInt(2 * 24 * 60)));
            p.events.add(new DossierEvent.Returned(channel == Types.Channel.POSTAL ? Types.ReturnChannel.POSTAL
                    : channel == Types.Channel.ONLINE ? Types.ReturnChannel.ONLINE : Types.ReturnChannel.COUNTER, returned));
            if (processed.isBefore(YEAR_END)) {
                completedIn2026++;
            }
            return p;
        }

        /** An instant in office hours (08:00 to 16:30) of a day. */
        private Instant office(LocalDate d) {
            return d.atTime(LocalTime.of(8, 0)).atZone(VIETNAM).plusSeconds(rnd.nextInt(8 * 3600 + 1800)).toInstant();
        }

        private Instant later(Instant candidate, Instant after) {
            return candidate.isAfter(after) ? candidate : after.plus(Duration.ofMinutes(30 + rnd.nextInt(90)));
        }

        private UUID uuid() {
            long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo);
        }

        static boolean working(LocalDate d) {
            return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        static LocalDate addWorkingDays(LocalDate d, int n) {
            int step = n < 0 ? -1 : 1;
            for (int left = Math.abs(n); left > 0; ) {
                d = d.plusDays(step);
                if (working(d)) {
                    left--;
                }
            }
            return d;
        }

        static int workingDaysBetween(LocalDate from, LocalDate to) {
            int n = 0;
            for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                n += working(d) ? 1 : 0;
            }
            return n;
        }
    }

    // ------------------------------------------------------------------ reading and projecting

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", infra.kafka().bootstrapServers(),
                "enable.auto.commit", false, "max.poll.records", 2000), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            return c.endOffsets(partitions(c));
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(TOPIC, Duration.ofSeconds(10))) {
            out.add(new TopicPartition(p.topic(), p.partition()));
        }
        return out;
    }

    /** Reads the whole topic from the beginning, optionally decoding each record; events/s. */
    private double read(boolean decode) {
        DossierEventCodec codec = new DossierEventCodec();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = partitions(c);
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long n = 0;
            long bytes = 0;
            long decoded = 0;
            long t0 = System.nanoTime();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    n++;
                    bytes += r.value().length;
                    if (decode && codec.read(r.value()).isPresent()) {
                        decoded++;
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            figure(decode ? "read+decode" : "raw read", "%,.0f events/s (%,d events, %,.1f MiB in %.1f s%s)",
                    n / seconds, n, bytes / 1048576.0, seconds, decode ? ", " + decoded + " decoded" : "");
            return n / seconds;
        }
    }

    /** The envelope's fields, as the codec binds them. */
    record TreeWire(UUID eventId, String type, int schemaVersion, UUID dossierId, String dossierCode, long version,
                    long position, Instant occurredAt, Instant recordedAt) {
    }

    /**
     * The codec against the way it decoded before, on the same records in one run: a mapper with java.time's own
     * instant reader (a formatter at work for each of an event's instants) that looks each class up on every call,
     * against the codec (canonical instants parsed directly, a reader made once per type). Both read the record as a
     * tree first. Three rounds each, alternating; the best round of each counts.
     */
    private void decodeBeforeAndNow() throws IOException {
        DossierEventCodec codec = new DossierEventCodec();
        com.fasterxml.jackson.databind.ObjectMapper before = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = partitions(c);
            c.assign(tps);
            c.seekToBeginning(tps);
            while (values.size() < CODEC_SAMPLE) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long t = System.nanoTime();
            for (byte[] v : values) {
                com.fasterxml.jackson.databind.JsonNode node = before.readTree(v);
                var type = vn.motcua.dossier.events.DossierEventType.byName(node.get("type").asText()).orElseThrow();
                sink += before.treeToValue(node, TreeWire.class).version()
                        + before.treeToValue(node.get("data"), type.eventClass()).hashCode();
            }
            best[0] = Math.min(best[0], System.nanoTime() - t);
            t = System.nanoTime();
            for (byte[] v : values) {
                sink += codec.read(v).orElseThrow().version();
            }
            best[1] = Math.min(best[1], System.nanoTime() - t);
        }
        figure("decode before and now", "%,.0f events/s before, %,.0f events/s the codec: %.2fx (%,d records,"
                        + " best of 3 rounds each, alternating; %d)", values.size() / (best[0] / 1e9),
                values.size() / (best[1] / 1e9), (double) best[0] / best[1], values.size(), sink & 1);
    }

    private long checkpoint(String name) {
        return Sql.count(infra, "select coalesce(sum(next_offset), 0) from reporting.projection_checkpoint"
                + " where projection = ? and topic = ?", name, TOPIC);
    }

    private void awaitCheckpoint(String name, long target, String label, long since, Duration max) {
        awaitCheckpoint(name, target, label, since, max, Duration.ofMillis(200));
    }

    private void awaitCheckpoint(String name, long target, String label, long since, Duration max, Duration poll) {
        awaitCheckpoint(name, target, label, since, max, poll, () -> { });
    }

    /** The same, running {@code atEachPoll} at each poll. */
    private void awaitCheckpoint(String name, long target, String label, long since, Duration max, Duration poll,
                                 Runnable atEachPoll) {
        long[] last = {checkpoint(name), System.nanoTime(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30)};
        Awaitility.await(label + " catching up").atMost(max).pollInterval(poll).until(() -> {
            atEachPoll.run();
            long at = checkpoint(name);
            long now = System.nanoTime();
            if (at < target && now > last[2]) {
                System.out.printf("BENCHMARK progress %s: %,d of %,d events at %.0f s (%,.0f events/s lately)%n",
                        label, at, target, (now - since) / 1e9, (at - last[0]) / ((now - last[1]) / 1e9));
                last[0] = at;
                last[1] = now;
                last[2] = now + TimeUnit.SECONDS.toNanos(30);
            }
            return at >= target;
        });
    }

    /** The CPU nanoseconds of this JVM's projection and rebuild threads so far, into {@code into}. */
    private static void rebuildThreadsCpu(Map<String, Long> into) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rebuild-") || t.getName().startsWith("projection-")) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    into.merge(t.getName(), ns, Math::max);
                }
            }
        }
    }

    /** Starts a rebuild of the dossier views and waits for it to be swapped in; wall seconds. */
    private double rebuild(long topicEvents) throws InterruptedException {
        String admin = infra.tokens().admin();
        Map<String, Long> threadsCpuBefore = new java.util.HashMap<>();
        rebuildThreadsCpu(threadsCpuBefore);
        long t0 = System.nanoTime();
        given().auth().oauth2(admin).post("/api/projections/dossiers/rebuild").then().statusCode(202);
        // the progress lines and the end of the replay only: a connection a second, not five, during the measured
        // replay
        long[] replayed = {0};
        // the rebuild's own threads' CPU, last seen while they ran (they end before the figures): what of the replay
        // each spent computing, the rest waiting (for PostgreSQL, the collector, or each other)
        Map<String, Long> rebuildThreadsCpu = new java.util.concurrent.ConcurrentHashMap<>();
        Thread progress = new Thread(() -> {
            try {
                awaitCheckpoint("dossiers#rebuild", topicEvents, "rebuild", t0, Duration.ofMinutes(90),
                        Duration.ofSeconds(1), () -> rebuildThreadsCpu(rebuildThreadsCpu));
                replayed[0] = System.nanoTime();
            } catch (RuntimeException e) {
                // the swap renames the checkpoint; the status below is what counts
            }
        }, "bench-rebuild-progress");
        progress.setDaemon(true);
        progress.start();
        // asked ten times a second with the JDK's own client: REST Assured's requests took a tenth of the JVM's
        // samples during the replay (JFR), CPU the rebuild being measured did not get
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ask = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + "/api/projections/dossiers/rebuild"))
                .header("Authorization", "Bearer " + admin).GET().build();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<?, ?> status = Awaitility.await("rebuild").atMost(Duration.ofMinutes(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    java.net.http.HttpResponse<byte[]> r = http.send(ask,
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(r.statusCode()).isEqualTo(200);
                    return json.readValue(r.body(), Map.class);
                }, st -> !"RUNNING".equals(st.get("state")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.interrupt();
        progress.join(5_000);
        if (replayed[0] != 0) {
            // what follows the replay (indexes, statistics, the swap) is wall time the rebuild spends after its
            // last record, on work the plain consumer does not have
            figure("rebuild phases", "replay %.1f s (until its checkpoint reached the topic's end, the facts it kept"
                    + " written; to the second), then %.1f s to the swap (indexes, statistics, swap)",
                    (replayed[0] - t0) / 1e9, seconds - (replayed[0] - t0) / 1e9);
        }
        if (!rebuildThreadsCpu.isEmpty() && replayed[0] != 0) {
            double replay = (replayed[0] - t0) / 1e9;
            Map<String, Long> used = new java.util.HashMap<>();
            rebuildThreadsCpu.forEach((name, ns) -> used.put(name, ns - threadsCpuBefore.getOrDefault(name, 0L)));
            figure("rebuild threads cpu", "%s (of a %.1f s replay; the rest of it each waited)", String.join(" | ",
                    used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                            .map(e -> "%s %.1f s (%.0f%%)".formatted(e.getKey(), e.getValue() / 1e9,
                                    100 * e.getValue() / 1e9 / replay)).toList()), replay);
        }
        figure("rebuild time by phase", "%s (the rebuild's thread, seconds)", status.get("secondsSpent"));
        figure("rebuild status", "state %s, eventsReplayed %s, started over %s times%s", status.get("state"),
                status.get("eventsReplayed"), status.get("startedOver"),
                status.get("startOverReason") == null ? "" : " (" + status.get("startOverReason") + ")");
        var memory = io.quarkus.arc.Arc.container().instance(vn.motcua.reporting.projection.DossierProjection.class)
                .get().lastRebuildMemory();
        if (memory != null) {
            figure("rebuild memory", "at its end %,d facts kept, %,d of them compact in %.1f MiB (%.1f MiB at most,"
                            + " %.0f bytes a compact fact with its bookkeeping); compact facts expanded %,d times;"
                            + " %,d facts let go", memory.kept(), memory.compact(), memory.compactBytes() / 1048576.0,
                    memory.peakCompactBytes() / 1048576.0, memory.compactBytes() / Math.max(1.0, memory.compact()),
                    memory.expanded(), memory.letGo());
        }
        assertThat(status.get("state")).isEqualTo("DONE");
        assertThat(status.get("startedOver")).as("a rebuild in one pass").isEqualTo(0);
        assertThat(((Number) status.get("eventsReplayed")).longValue()).isEqualTo(topicEvents);
        return seconds;
    }

    /** Empties pg_stat_statements' counts, if the server loads it (the benchmark profile asks it to). */
    private boolean statementsReset() {
        try {
            Sql.execute(infra, "create extension if not exists pg_stat_statements");
            Sql.rows(infra, "select pg_stat_statements_reset()");
            return true;
        } catch (RuntimeException notLoaded) {
            return false;
        }
    }

    /** The statements PostgreSQL spent the most time in since the reset, the largest first. */
    private void statementsReport(String phase) {
        List<Map<String, Object>> rows = Sql.rows(infra, "select calls, total_exec_time, rows,"
                + " regexp_replace(query, '\\s+', ' ', 'g') as q from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())"
                + " order by total_exec_time desc limit 10");
        double total = Sql.count(infra, "select coalesce(sum(total_exec_time), 0)::bigint from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())");
        figure("statements " + phase, "%,.1f s in all statements of the service's database", total / 1000);
        for (Map<String, Object> r : rows) {
            String q = r.get("q").toString();
            figure("statement " + phase, "%5.1f s %6.1f%% %,9d calls %,11d rows  %s",
                    ((Number) r.get("total_exec_time")).doubleValue() / 1000,
                    100 * ((Number) r.get("total_exec_time")).doubleValue() / Math.max(1, total),
                    ((Number) r.get("calls")).longValue(), ((Number) r.get("rows")).longValue(),
                    q.length() > 110 ? q.substring(0, 110) + "…" : q);
        }
    }

    private void tableStats() {
        figure("indexes on dossier_fact", "%s", Sql.rows(infra, "select string_agg(indexdef, '; ' order by indexname)"
                + " as d from pg_indexes where schemaname = 'reporting' and tablename = 'dossier_fact'").get(0).get("d"));
        for (Map<String, Object> r : Sql.rows(infra, "select relname, n_live_tup, last_analyze, last_autoanalyze,"
                + " autovacuum_count, autoanalyze_count from pg_stat_user_tables where schemaname = 'reporting'"
                + " and relname like 'dossier_%' order by 1")) {
            figure("table " + r.get("relname"), "n_live_tup %,d, last analyze %s / autoanalyze %s (after the swap);"
                            + " autovacuums %s, autoanalyzes %s since created",
                    ((Number) r.get("n_live_tup")).longValue(), r.get("last_analyze"), r.get("last_autoanalyze"),
                    r.get("autovacuum_count"), r.get("autoanalyze_count"));
        }
    }

    // ------------------------------------------------------------------ queries

    /** One scorecard request; latency in microseconds. */
    private static long scorecard(String token, String unit, String period, String scope) {
        long t = System.nanoTime();
        given().auth().oauth2(token).queryParam("unit", unit).queryParam("period", period).queryParam("scope", scope)
                .get("/api/reports/scorecard").then().statusCode(200);
        return (System.nanoTime() - t) / 1000;
    }

    /**
     * The five questions a dashboard page asks together, each asked alone through the API for the same kind of
     * page (province subtree, mixed months), so the page's time can be laid at the door of one of them.
     */
    private void dashboardParts(String token, Random rnd) {
        Map<String, Histogram> parts = new java.util.LinkedHashMap<>();
        for (String part : List.of("scorecard", "ranking", "trend (12 months)", "overdue dossiers (50)",
                "late steps (30)")) {
            parts.put(part, new Histogram(TimeUnit.MINUTES.toMicros(30), 3));
        }
        for (int i = 0; i < 40; i++) {
            String m = month(rnd);
            long t = System.nanoTime();
            given().auth().oauth2(token).queryParam("unit", PROVINCE).queryParam("period", m)
                    .get("/api/reports/scorecard").then().statusCode(200);
            t = record(parts.get("scorecard"), t);
            given().auth().oauth2(token).queryParam("parent", PROVINCE).queryParam("period", m)
                    .get("/api/reports/ranking").then().statusCode(200);
            t = record(parts.get("ranking"), t);
            given().auth().oauth2(token).queryParam("unit", PROVINCE).queryParam("from", "2026-01")
                    .queryParam("to", "2026-12").get("/api/reports/trend").then().statusCode(200);
            t = record(parts.get("trend (12 months)"), t);
            given().auth().oauth2(token).queryParam("unit", PROVINCE).queryParam("period", m)
                    .queryParam("figure", "overdueOpen").queryParam("limit", 50)
                    .get("/api/reports/dossiers").then().statusCode(200);
            t = record(parts.get("overdue dossiers (50)"), t);
            given().auth().oauth2(token).queryParam("unit", PROVINCE).queryParam("period", m)
                    .queryParam("limit", 30).get("/api/reports/steps/late").then().statusCode(200);
            record(parts.get("late steps (30)"), t);
        }
        parts.forEach((part, h) -> figure("dashboard part " + part, "%s (40 requests alone, province subtree)",
                percentiles(h)));
    }

    private static long record(Histogram h, long since) {
        long now = System.nanoTime();
        h.recordValue((now - since) / 1000);
        return now;
    }

    private static String month(Random rnd) {
        return "2026-%02d".formatted(1 + rnd.nextInt(12));
    }

    private static String percentiles(Histogram h) {
        return "p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, mean %s ms".formatted(ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()),
                ms((long) h.getMean()));
    }

    private static String ms(long micros) {
        return "%.1f".formatted(micros / 1000.0);
    }

    /** EXPLAIN ANALYZE of the statement behind the dossier counts of a scorecard (as the superuser). */
    private void explain(String label, Map<String, String> members, String period) throws Exception {
        Field marks = FigureQueries.class.getDeclaredField("MARKS");
        Field sums = FigureQueries.class.getDeclaredField("SUMS");
        marks.setAccessible(true);
        sums.setAccessible(true);
        String sql = marks.get(null) + ((String) sums.get(null)).formatted("grp");
        vn.motcua.duedate.Period p = vn.motcua.duedate.Period.parse(period);
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("set search_path = reporting");
            s.execute("prepare q(text[], text[], timestamptz, timestamptz) as " + sql);
            String keys = "array['" + String.join("','", members.keySet()) + "']";
            String groups = "array['" + String.join("','", members.values()) + "']";
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers) execute q(" + keys + ", " + groups + ", '"
                    + p.start() + "', '" + p.end() + "')")) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            System.out.println("BENCHMARK explain (" + label + "):\n" + plan);
        }
    }

    /** The plan and time of the dashboard's late-steps list (FigureQueries.LATE_STEPS) for these handling units. */
    private void explainLateSteps(String label, java.util.Collection<String> units, String period) throws Exception {
        Field lateSteps = FigureQueries.class.getDeclaredField("LATE_STEPS");
        lateSteps.setAccessible(true);
        vn.motcua.duedate.Period p = vn.motcua.duedate.Period.parse(period);
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("set search_path = reporting");
            s.execute("prepare late(text[], timestamptz, timestamptz, int) as " + lateSteps.get(null));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers) execute late(array['"
                    + String.join("','", units) + "'], '" + p.start() + "', '" + p.end() + "', 30)")) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            System.out.println("BENCHMARK explain (" + label + "):\n" + plan);
        }
    }

    // ------------------------------------------------------------------ CPU per phase

    /**
     * CPU seconds used by this JVM (the service and the benchmark client), PostgreSQL (postmaster, its live
     * backends and the ones that exited) and the broker JVM, from /proc; "n/a" where unavailable.
     */
    final class Cpu {
        private double[] last = sample();
        private Map<String, Double> lastThreads = threads();
        private long lastWall = System.nanoTime();

        void phase() {
            last = sample();
            lastThreads = threads();
            lastWall = System.nanoTime();
        }

        void report(String phase) {
            double[] now = sample();
            Map<String, Double> threadsNow = threads();
            double wall = (System.nanoTime() - lastWall) / 1e9;
            figure("cpu " + phase, "jvm %s s, postgres %s s, broker %s s over %.1f s wall (%.1f cores available)",
                    delta(now[0], last[0]), delta(now[1], last[1]), delta(now[2], last[2]), wall,
                    (double) Runtime.getRuntime().availableProcessors());
            // the JVM's share by thread kind: the application's threads, and the collector's and the compiler's,
            // which a sampling profile does not see
            List<Map.Entry<String, Double>> used = new ArrayList<>();
            threadsNow.forEach((name, seconds) -> used.add(Map.entry(name,
                    seconds - lastThreads.getOrDefault(name, 0.0))));
            used.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            figure("cpu " + phase + " jvm threads", "%s", String.join(" | ", used.stream().limit(8)
                    .map(e -> "%s %.1f s".formatted(e.getKey(), e.getValue())).toList()));
            phase();
        }

        /** CPU seconds of this JVM's threads by name, numbers folded ("GC Thread#0" and "#1" are one). */
        private static Map<String, Double> threads() {
            Map<String, Double> out = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        String s = Files.readString(t.resolve("stat"));
                        String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).replaceAll("[#-]?\\d+$", "#N")
                                .replaceAll("\\d", "");
                        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                        out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException notLinux) {
                // no /proc: nothing to report
            }
            return out;
        }

        private static String delta(double now, double before) {
            return now < 0 || before < 0 ? "n/a" : "%.1f".formatted(now - before);
        }

        private double[] sample() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            double pg = -1;
            double broker = -1;
            try {
                long postmaster = Long.parseLong(Files.readAllLines(infra.postgres().dataDir()
                        .resolve("postmaster.pid")).get(0).trim());
                pg = ticks(postmaster, true);
                try (var dirs = Files.list(Path.of("/proc"))) {
                    for (Path d : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                        String[] f = stat(Long.parseLong(d.getFileName().toString()));
                        if (f != null && Long.parseLong(f[1]) == postmaster) {
                            pg += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                        }
                    }
                }
                broker = ProcessHandle.current().children()
                        .filter(h -> cmdline(h.pid()).contains("KafkaBrokerMain"))
                        .mapToDouble(h -> ticks(h.pid(), false)).sum();
            } catch (IOException | RuntimeException e) {
                // not Linux, or the files moved: leave n/a
            }
            return new double[]{jvm, pg, broker};
        }

        /** utime + stime (+ reaped children's) in seconds; USER_HZ is 100 on Linux. */
        private static double ticks(long pid, boolean children) {
            String[] f = stat(pid);
            if (f == null) {
                return 0;
            }
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (children) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t / 100.0;
        }

        private static String cmdline(long pid) {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")));
            } catch (IOException e) {
                return "";
            }
        }

        /** /proc/pid/stat fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
        private static String[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ------------------------------------------------------------------ output

    private void figure(String name, String format, Object... args) {
        String line = "BENCHMARK %-36s %s".formatted(name + ":", format.formatted(args));
        System.out.println(line);
        summary.append(line).append('\n');
    }

    private static String defaultCompression() {
        for (String[] c : new String[][]{{"zstd", "com.github.luben.zstd.Zstd"}, {"snappy", "org.xerial.snappy.Snappy"}}) {
            try {
                Class.forName(c[1], false, ProjectionBenchmark.class.getClassLoader());
                return c[0];
            } catch (ClassNotFoundException e) {
                // next
            }
        }
        return "none";
    }
}
