package vn.motcua.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients of the one-stop desk during a fault: each worker receives a dossier, records its result, returns it and
 * types in the citizen's paper ballot, as a desk application does, retrying a call that got no answer or a 5xx
 * with the same Idempotency-Key (a ballot by its number), as a well-behaved client must. Bounded in count and
 * time; stops by itself.
 */
final class Load implements AutoCloseable {
    static final String UNIT = "000.00.20.H40";
    static final String PROCEDURE = "2.000200";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private final MotcuaSystem system;
    private final String returnChannel;
    private final String officer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Thread[] workers;
    private final long deadline;
    final Set<String> returned = new ConcurrentSkipListSet<>();
    final Set<String> rated = new ConcurrentSkipListSet<>();
    final AtomicInteger retries = new AtomicInteger();
    /** Status codes seen on a first try or a retry, other than the expected ones: what clients saw during the fault. */
    final Map<Integer, Integer> unexpected = new ConcurrentHashMap<>();
    /** The first answer seen per unexpected status (where and what), so a failed assertion says what the client saw. */
    final Map<Integer, String> firstUnexpected = new ConcurrentHashMap<>();
    volatile Throwable failure;

    Load(MotcuaSystem system, String label, int workerCount, int maxDossiers, Duration maxTime) {
        this(system, label, workerCount, maxDossiers, maxTime, "COUNTER");
    }

    /** A load whose results are returned by {@code returnChannel} (COUNTER, POSTAL). */
    Load(MotcuaSystem system, String label, int workerCount, int maxDossiers, Duration maxTime, String returnChannel) {
        this.returnChannel = returnChannel;
        this.system = system;
        this.officer = system.tokens.officer(UNIT);
        this.deadline = System.nanoTime() + maxTime.toNanos();
        this.workers = new Thread[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Thread(() -> run(label, maxDossiers), "load-" + label + "-" + i);
            workers[i].start();
        }
    }

    int completed() {
        return rated.size();
    }

    /** Waits until at least {@code n} dossiers went the whole way (or the load failed). */
    void awaitCompleted(int n, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (completed() < n && failure == null && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        if (failure != null) {
            throw new AssertionError("the load failed", failure);
        }
        if (completed() < n) {
            throw new AssertionError("only " + completed() + " of " + n + " dossiers went through in " + within);
        }
    }

    private void run(String label, int maxDossiers) {
        try {
            while (!stopping.get() && System.nanoTime() < deadline) {
                int i = sequence.incrementAndGet();
                if (i > maxDossiers) {
                    return;
                }
                lifecycle(label + "-" + i);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void lifecycle(String key) throws InterruptedException {
        String d = system.dossierUrl() + "/api/v1/dossiers";
        String receipt = call(d, "{\"procedureCode\":\"" + PROCEDURE + "\",\"receivingUnit\":\"" + UNIT
                + "\",\"competentUnit\":\"" + UNIT + "\",\"channel\":\"COUNTER\",\"applicant\":{\"fullName\":\"Lê Văn "
                + key + "\",\"personalId\":\"040" + String.format("%09d", Math.abs(key.hashCode()) % 1_000_000_000)
                + "\",\"phone\":\"0912345678\"},\"documents\":[\"Tờ khai CC01\"]}", key + "/receive", 201);
        Matcher m = CODE.matcher(receipt);
        if (!m.find()) {
            throw new IllegalStateException("no code in " + receipt);
        }
        String code = m.group(1);
        call(d + "/" + code + "/result", "{\"outcome\":\"GRANTED\"}", key + "/result", 200);
        call(d + "/" + code + "/return", "{\"channel\":\"" + returnChannel + "\"}", key + "/return", 200);
        returned.add(code);
        call(system.satisfaction.baseUrl() + "/api/v1/ratings", "{\"channel\":\"PAPER\",\"dossierCode\":\"" + code
                + "\",\"ballotNumber\":\"F-" + key + "\",\"overall\":" + (1 + Math.abs(key.hashCode()) % 5)
                + ",\"collectedAt\":\"" + Instant.now() + "\"}", null, 201, 202);
        rated.add(code);
    }

    /**
     * Sends until answered with the expected status. No answer or a 5xx: the same request again (same key). A 409 on a
     * retried ballot means the first try was stored.
     */
    private String call(String url, String json, String idempotencyKey, int... expected) throws InterruptedException {
        String key = idempotencyKey == null ? null : UUID.nameUUIDFromBytes(idempotencyKey.getBytes()).toString();
        boolean retried = false;
        while (System.nanoTime() < deadline + Duration.ofSeconds(120).toNanos()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (key != null) {
                b.header("Idempotency-Key", key);
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (java.util.Arrays.stream(expected).anyMatch(x -> x == r.statusCode()) || (retried && key == null && r.statusCode() == 409)) {
                    return r.body();
                }
                unexpected.merge(r.statusCode(), 1, Integer::sum);
                firstUnexpected.putIfAbsent(r.statusCode(), url + " -> " + r.body());
                if (r.statusCode() < 500) {
                    throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException noAnswer) {
                // the service is down or restarting: try again
            }
            retried = true;
            retries.incrementAndGet();
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + ": no answer in time");
    }

    @Override
    public void close() throws InterruptedException {
        stopping.set(true);
        for (Thread t : workers) {
            t.join(Duration.ofMinutes(3).toMillis());
        }
        if (failure != null) {
            throw new AssertionError("the load failed", failure);
        }
    }
}
