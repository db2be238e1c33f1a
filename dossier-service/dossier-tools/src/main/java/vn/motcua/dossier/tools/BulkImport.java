package vn.motcua.dossier.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports a legacy system's dossiers in batches, a few batches at a time, and prints the totals and the rate.
 * Re-running with the same source and seed imports nothing twice (the service skips known source ids).
 */
final class BulkImport {
    private final DossierTools.Options options;
    private final ObjectMapper json = new ObjectMapper();

    BulkImport(DossierTools.Options options) {
        this.options = options;
    }

    void run() throws Exception {
        int count = options.getInt("count", 100_000);
        int batchSize = options.getInt("batch", 500);
        int parallel = options.getInt("parallel", 2);
        String source = options.get("source", "legacy-2026");
        HistoryGenerator generator = new HistoryGenerator(options.getInt("seed", 1),
                LocalDate.parse(options.get("from", "2026-01-05")), LocalDate.parse(options.get("to", "2026-09-30")));
        DossierTools.Api api = new DossierTools.Api(options.url(), options.token());

        List<String> batches = new ArrayList<>();
        for (int done = 0; done < count; done += batchSize) {
            ObjectNode batch = json.createObjectNode().put("sourceSystem", source);
            ArrayNode dossiers = batch.putArray("dossiers");
            for (int i = 0; i < Math.min(batchSize, count - done); i++) {
                dossiers.add(generator.next());
            }
            batches.add(json.writeValueAsString(batch));
        }
        System.out.printf("importing %,d dossiers from %s in %d batches of %d, %d at a time, into %s%n", count, source,
                batches.size(), batchSize, parallel, options.url());

        AtomicLong imported = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            String body = batches.get(b);
            int number = b + 1;
            futures.add(pool.submit(() -> {
                HttpResponse<String> r = api.post("/api/v1/imports", body);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("batch " + number + " -> " + r.statusCode() + " " + r.body());
                }
                JsonNode report = json.readTree(r.body());
                imported.addAndGet(report.path("imported").asLong());
                skipped.addAndGet(report.path("skipped").asLong());
                events.addAndGet(report.path("events").asLong());
                rejected.addAndGet(report.path("rejected").size());
                if (report.path("rejected").size() > 0 && rejected.get() <= 20) {
                    System.err.println("rejected in batch " + number + ": " + report.path("rejected"));
                }
                if (number % 20 == 0) {
                    System.out.printf("  %d/%d batches%n", number, batches.size());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.println();
        System.out.println("==================== dossier import ====================");
        System.out.printf(Locale.ROOT, "dossiers imported  %,10d%n", imported.get());
        System.out.printf(Locale.ROOT, "already there      %,10d   (skipped: a re-run adds nothing)%n", skipped.get());
        System.out.printf(Locale.ROOT, "rejected           %,10d%n", rejected.get());
        System.out.printf(Locale.ROOT, "events appended    %,10d%n", events.get());
        System.out.printf(Locale.ROOT, "time               %10.1f s   (%.0f dossiers/s, %.0f events/s)%n", seconds,
                count / seconds, events.get() / seconds);
    }
}
