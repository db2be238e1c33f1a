package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renderer gives what kustomize gives, and the committed rendered files (rendered/) are a fresh render.
 * Regenerate them with {@code ./mvnw -B verify -pl deploy/kubernetes -Dmotcua.kubernetes.write-rendered=true}.
 */
class KustomizeTest {

    static final String HEADER = "# Rendered from deploy/kubernetes/overlays/%s; do not edit: change the base or the overlay and\n"
            + "# regenerate with ./mvnw -B verify -pl deploy/kubernetes -Dmotcua.kubernetes.write-rendered=true\n";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theCommittedRenderIsFresh(String overlay) throws IOException {
        String fresh = HEADER.formatted(overlay) + Kustomize.toYaml(Manifests.render(overlay));
        Path file = Manifests.DIR.resolve("rendered").resolve(overlay + ".yaml");
        if (Boolean.getBoolean("motcua.kubernetes.write-rendered")) {
            Files.writeString(file, fresh, StandardCharsets.UTF_8);
        }
        assertThat(file).as("rendered/%s.yaml is stale: regenerate it (see this test's comment)", overlay).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("rendered/%s.yaml is stale: regenerate it (see this test's comment)", overlay)
                .isEqualTo(fresh);
        // the written YAML reads back as the same objects (quoting kept every string a string)
        assertThat(Kustomize.readObjects(file)).isEqualTo(Manifests.render(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersAsKubectlKustomizeDoes(String dir) throws Exception {
        Path kubectl = findKubectl();
        Assumptions.assumeTrue(kubectl != null,
                "kubectl is not installed here: the renderer is not compared with kubectl kustomize on this machine");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Manifests.DIR.resolve(dir).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize exit code").isZero();
        Path file = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.write(file, out);
            Map<String, ObjectNode> theirs = Kustomize.byIdentity(Kustomize.readObjects(file));
            Map<String, ObjectNode> ours = Kustomize.byIdentity(Kustomize.render(Manifests.DIR.resolve(dir)));
            assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(theirs.keySet());
            ours.forEach((id, o) -> assertThat((JsonNode) o).as(id).isEqualTo(theirs.get(id)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        Path dir = Files.createTempDirectory("kustomization");
        try {
            Files.writeString(dir.resolve("kustomization.yaml"), "namePrefix: x-\nresources: []\n");
            assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("namePrefix");
            Files.writeString(dir.resolve("kustomization.yaml"),
                    "resources: []\npatches:\n  - path: p.yaml\n");
            assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("path");
        } finally {
            Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }

    private static Path findKubectl() {
        List<Path> candidates = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "kubectl"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
