package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image build of the parent pom (profile "image"), run by this module's build on a stand-in of Quarkus'
 * fast-jar layout onto the empty base "scratch" (target/image-check.tar): the tar holds what a service image
 * needs to run on the real base.
 */
class ImageBuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImageRunsTheFastJarAsAnUnprivilegedUserOnPort8080() throws IOException {
        Map<String, byte[]> tar = untar(Files.newInputStream(Path.of(System.getProperty("motcua.image.tar"))));
        JsonNode manifest = JSON.readTree(tar.get("manifest.json")).get(0);
        assertThat(manifest.at("/RepoTags/0").asText()).isEqualTo("motcua/image-check:test");
        JsonNode config = JSON.readTree(tar.get(manifest.path("Config").asText())).path("config");

        // the heap follows the container's limit (ManifestRulesTest checks the limits leave room beside it), with the
        // memory choices measured under the write benchmark
        assertThat(strings(config.path("Entrypoint"))).containsExactly("java",
                "-XX:MaxRAMPercentage=" + ManifestRulesTest.HEAP_PERCENT_OF_LIMIT, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:TrimNativeHeapInterval=5000",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar");
        assertThat(config.path("User").asText()).isEqualTo("185:0");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("ExposedPorts").size()).isEqualTo(1);
        assertThat(strings(config.path("Env"))).contains("QUARKUS_HTTP_PORT=8080", "MALLOC_ARENA_MAX=2");

        // layers, least often changed first, each with its part of target/quarkus-app
        List<String> layerNames = new ArrayList<>();
        JsonNode image = JSON.readTree(tar.get(manifest.path("Config").asText()));
        image.path("history").forEach(h -> {
            if (!h.path("empty_layer").asBoolean(false)) {
                layerNames.add(h.path("comment").asText());
            }
        });
        Map<String, List<String>> files = new LinkedHashMap<>();
        JsonNode layers = manifest.path("Layers");
        assertThat(layers.size()).isEqualTo(layerNames.size());
        for (int i = 0; i < layers.size(); i++) {
            Map<String, byte[]> layer = untar(new GZIPInputStream(new ByteArrayInputStream(tar.get(layers.get(i).asText()))));
            files.put(layerNames.get(i), layer.keySet().stream().filter(f -> !f.endsWith("/")).toList());
        }
        assertThat(layerNames).containsSubsequence("quarkus-lib", "quarkus-run", "quarkus-generated", "quarkus-app");
        assertThat(files.get("quarkus-lib")).containsExactlyInAnyOrder(
                "deployments/lib/boot/io.quarkus.quarkus-bootstrap-runner.jar", "deployments/lib/main/io.vertx.vertx-core.jar");
        assertThat(files.get("quarkus-run")).containsExactly("deployments/quarkus-run.jar");
        assertThat(files.get("quarkus-generated")).containsExactly("deployments/quarkus/quarkus-application.dat");
        assertThat(files.get("quarkus-app")).containsExactly("deployments/app/service.jar");
        // nothing else: not Jib's default /app layout of the module's own classes, not the dependency list
        assertThat(files.values().stream().mapToInt(List::size).sum()).isEqualTo(5);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The regular files and directories of a tar stream (ustar, with pax headers skipped), by name. */
    static Map<String, byte[]> untar(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (in) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x' || type == 'g') {
                    String pax = new String(body, StandardCharsets.UTF_8);
                    for (String line : pax.split("\n")) {
                        int eq = line.indexOf(" path=");
                        if (eq >= 0) {
                            longName = line.substring(eq + 6);
                        }
                    }
                    continue;
                }
                String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                entries.put(full, body);
            }
        }
        return entries;
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }
}
