package vn.motcua.system;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures of every service on one machine, all four services, PostgreSQL, Kafka and the clients sharing its cores:
 * catalog due-date answers, dossier lifecycles, satisfaction ballots, and how long after the last call the
 * reporting projections have counted everything. Prints its figures; run with
 * {@code ./mvnw -B -o verify -pl deploy/system-test -Pbenchmark} (after an install of the services).
 */
class SystemBenchmark {
    static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    static final int LIFECYCLES = Integer.getInteger("bench.lifecycles", 2000);
    static final int DUE_DATE_QUERIES = Integer.getInteger("bench.due-dates", 20000);
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void figuresOfEveryService() throws Exception {
        try (MotcuaSystem system = MotcuaSystem.start("benchmark")) {
            String officer = system.tokens.officer(Load.UNIT);
            // warm-up: the JIT and the pools, not measured
            run(CLIENTS, 200, i -> get(system.catalog.baseUrl() + dueDateQuery(i)));
            run(CLIENTS, 50, i -> lifecycle(system, officer, "warm-" + i));
            Thread.sleep(3_000);

            Result due = run(CLIENTS, DUE_DATE_QUERIES, i -> get(system.catalog.baseUrl() + dueDateQuery(i)));
            print("catalog-service: due date computed and explained (GET /api/v1/due-dates)", due, "queries");

            List<String> codes = new ArrayList<>(LIFECYCLES);
            ConcurrentLinkedQueue<String> returned = new ConcurrentLinkedQueue<>();
            Result life = run(CLIENTS, LIFECYCLES, i -> {
                String code = lifecycle(system, officer, "bench-" + i);
                returned.add(code);
                return 3;
            });
            codes.addAll(returned);
            print("dossier-service: receive + record result + return (3 commands)", life, "lifecycles");

            AtomicInteger next = new AtomicInteger();
            Result ballots = run(CLIENTS, codes.size(), i -> {
                String code = codes.get(next.getAndIncrement());
                post(system.satisfaction.baseUrl() + "/api/v1/ratings", officer, null, "{\"channel\":\"PAPER\",\"dossierCode\":\""
                        + code + "\",\"ballotNumber\":\"B-" + i + "\",\"overall\":" + (1 + i % 5)
                        + ",\"collectedAt\":\"" + Instant.now() + "\"}", 201, 202);
                return 1;
            });
            print("satisfaction-service: paper ballot typed in (POST /api/v1/ratings)", ballots, "ballots");

            long t0 = System.nanoTime();
            String period = YearMonth.now(Scenario.VIETNAM).toString();
            long expected = LIFECYCLES + 50;
            while (true) {
                String card = get(system.reporting.baseUrl() + "/api/reports/scorecard?unit=" + Load.UNIT + "&period=" + period,
                        system.tokens.analyst());
                if (card.contains("\"returned\":" + expected + ",") && card.matches("(?s).*\"ratings\":\\d+.*")
                        && ratings(card) == LIFECYCLES) {
                    break;
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                    throw new AssertionError("reporting did not catch up: " + card);
                }
                Thread.sleep(100);
            }
            System.out.printf("BENCH | reporting-service: every dossier and ballot counted %.1f s after the last call%n",
                    (System.nanoTime() - t0) / 1e9);
            Reconciliation.Snapshot s = Reconciliation.take(system);
            System.out.printf("BENCH | store %d events of %d dossiers; topic %d records; differences %s%n",
                    s.storeEvents(), s.storeLastVersion().size(), s.topicRecords(), s.differences());
        }
    }

    private static long ratings(String card) {
        Matcher valid = Pattern.compile("\"ratings\":(\\d+)").matcher(card);
        Matcher invalid = Pattern.compile("\"invalidBallots\":(\\d+)").matcher(card);
        return (valid.find() ? Long.parseLong(valid.group(1)) : 0) + (invalid.find() ? Long.parseLong(invalid.group(1)) : 0);
    }

    private String lifecycle(MotcuaSystem system, String officer, String key) {
        String d = system.dossierUrl() + "/api/v1/dossiers";
        String receipt = post(d, officer, key + "/r", "{\"procedureCode\":\"" + Load.PROCEDURE + "\",\"receivingUnit\":\""
                + Load.UNIT + "\",\"competentUnit\":\"" + Load.UNIT + "\",\"channel\":\"COUNTER\",\"applicant\":{\"fullName\":"
                + "\"Hồ Thị Lan\",\"personalId\":\"040190000001\"},\"documents\":[\"Tờ khai CC01\"]}", 201);
        Matcher m = CODE.matcher(receipt);
        if (!m.find()) {
            throw new IllegalStateException(receipt);
        }
        String code = m.group(1);
        post(d + "/" + code + "/result", officer, key + "/x", "{\"outcome\":\"GRANTED\"}", 200);
        post(d + "/" + code + "/return", officer, key + "/t", "{\"channel\":\"COUNTER\"}", 200);
        return code;
    }

    private static String dueDateQuery(int i) {
        LocalDate day = LocalDate.of(2026, 1, 1).plusDays(i % 360);
        String at = day + "T" + String.format("%02d", 8 + i % 9) + ":30:00+07:00";
        return "/api/v1/due-dates?procedureCode=2.000200&unitCode=" + Load.UNIT + "&receivedAt="
                + URLEncoder.encode(at, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ a small closed-loop driver

    record Result(int operations, double seconds, Histogram latency) {
    }

    private Result run(int clients, int operations, IntFunction<Object> op) throws Exception {
        Histogram h = new Histogram(60_000_000_000L, 3);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < operations) {
                    long t = System.nanoTime();
                    op.apply(i);
                    synchronized (h) {
                        h.recordValue(System.nanoTime() - t);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(operations, seconds, h);
    }

    private static void print(String what, Result r, String unit) {
        System.out.printf("BENCH | %s | %d %s in %.1f s = %.0f/s with %d clients | p50 %.1f ms, p99 %.1f ms%n", what,
                r.operations(), unit, r.seconds(), r.operations() / r.seconds(), CLIENTS,
                r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6);
    }

    private String get(String url) {
        return get(url, null);
    }

    private String get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build(), 200);
    }

    private String post(String url, String token, String key, String json, int... ok) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", java.util.UUID.nameUUIDFromBytes(key.getBytes()).toString());
        }
        return send(b.build(), ok);
    }

    private String send(HttpRequest request, int... ok) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int s : ok) {
                if (r.statusCode() == s) {
                    return r.body();
                }
            }
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
