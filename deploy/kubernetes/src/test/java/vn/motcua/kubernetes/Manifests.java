package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/** Where the manifests are, and the rendered overlays. */
final class Manifests {
    static final Path DIR = Path.of(System.getProperty("motcua.kubernetes.dir", ".")).toAbsolutePath().normalize();
    static final Path ROOT = DIR.resolve("../..").normalize();
    static final Path BASE = DIR.resolve("base");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("catalog-service", "dossier-service", "satisfaction-service",
            "reporting-service");

    private Manifests() {
    }

    static Path overlay(String name) {
        return DIR.resolve("overlays").resolve(name);
    }

    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(overlay(overlay));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
}
