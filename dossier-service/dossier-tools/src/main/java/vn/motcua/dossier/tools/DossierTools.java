package vn.motcua.dossier.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Entry point: {@code bench}, {@code import} or {@code verify-history}, each with {@code --name value} options. */
public final class DossierTools {
    private DossierTools() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("verify-history")) {
            Options o = Options.parse(args);
            System.exit(VerifyHistory.run(o.get("jdbc-url", "jdbc:postgresql://127.0.0.1:15432/motcua"),
                    o.get("user", "dossier"), o.get("password", System.getenv().getOrDefault("DOSSIER_DB_PASSWORD",
                            "dossier")), o.get("schema", "dossier"), System.out));
        }
        if (args.length == 0 || !(args[0].equals("bench") || args[0].equals("import"))) {
            System.err.println("""
                    usage: dossier-tools bench  [--url http://127.0.0.1:8082] [--token T] [--lifecycles 3000]
                                                [--concurrency 8] [--warmup 300]
                                                [--jdbc jdbc:postgresql://127.0.0.1:15432/motcua] [--jdbc-user postgres]
                                                [--reporting-url http://127.0.0.1:8084] [--rss-target-mb 300]
                                                [--profile false]  (true: JFR of dossier-service after measuring)
                           dossier-tools import [--url http://127.0.0.1:8082] [--token T] [--count 100000]
                                                [--batch 500] [--parallel 2] [--source legacy-2026] [--seed 1]
                           dossier-tools verify-history [--jdbc-url jdbc:postgresql://127.0.0.1:15432/motcua]
                                                [--user dossier] [--password P] [--schema dossier]
                             (exit 0 intact, 1 tampered, 2 could not check)
                    The admin token defaults to ADMIN_TOKEN from the environment or .motcua/tokens.env.""");
            System.exit(2);
        }
        Options o = Options.parse(args);
        if (args[0].equals("bench")) {
            new Benchmark(o).run();
        } else {
            new BulkImport(o).run();
        }
    }

    /** Parsed {@code --name value} options. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> v = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                v.put(args[i].substring(2), args[++i]);
            }
            return new Options(v);
        }

        String get(String name, String defaultValue) {
            return values.getOrDefault(name, defaultValue);
        }

        int getInt(String name, int defaultValue) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
        }

        String url() {
            return get("url", "http://127.0.0.1:8082");
        }

        String token() throws IOException {
            if (values.containsKey("token")) {
                return values.get("token");
            }
            String env = System.getenv("ADMIN_TOKEN");
            if (env != null && !env.isBlank()) {
                return env;
            }
            Path file = Path.of(System.getenv().getOrDefault("MOTCUA_HOME", ".motcua"), "tokens.env");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("ADMIN_TOKEN=")) {
                        return line.substring("ADMIN_TOKEN=".length()).trim();
                    }
                }
            }
            throw new IllegalStateException("no admin token: pass --token, set ADMIN_TOKEN, or start the local run");
        }
    }

    /** A small JSON-over-HTTP client with a bearer token. */
    static final class Api {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String token;

        Api(String base, String token) {
            this.base = base;
            this.token = token;
        }

        HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
