package vn.motcua.kubernetes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for exactly the features motcua's manifests use:
 * {@code resources} (files and directories), {@code namespace}, {@code labels} (metadata only), {@code patches}
 * (JSON 6902 operations selected by a target), {@code images} and {@code replicas}. Anything else in a
 * kustomization.yaml is refused rather than ignored, so the manifests cannot come to depend on a feature this
 * renderer does not apply. It exists so that the build needs no kustomize binary; the tests compare it with
 * {@code kubectl kustomize} wherever kubectl is installed.
 */
public final class Kustomize {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "labels",
            "patches", "images", "replicas");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private Kustomize() {
    }

    /** The objects the kustomization in {@code dir} produces, in the order kustomize would list its resources. */
    public static List<ObjectNode> render(Path dir) {
        ObjectNode k = readKustomization(dir);
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(readObjects(path));
            }
        }
        // the order of kustomize's built-in transformers
        for (JsonNode patch : k.path("patches")) {
            applyPatch(patch, objects, dir);
        }
        if (k.hasNonNull("namespace")) {
            String namespace = k.get("namespace").asText();
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (JsonNode label : k.path("labels")) {
            expectOnly(label, Set.of("pairs", "includeSelectors", "includeTemplates"), "labels entry in " + dir);
            if (label.path("includeSelectors").asBoolean(false) || label.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException("labels with includeSelectors/includeTemplates are not supported: " + dir);
            }
            label.path("pairs").properties().forEach(pair -> objects.forEach(o ->
                    metadata(o).withObjectProperty("labels").put(pair.getKey(), pair.getValue().asText())));
        }
        for (JsonNode replicas : k.path("replicas")) {
            expectOnly(replicas, Set.of("name", "count"), "replicas entry in " + dir);
            List<ObjectNode> targets = objects.stream()
                    .filter(o -> SCALABLE.contains(o.path("kind").asText()))
                    .filter(o -> o.path("metadata").path("name").asText().equals(replicas.path("name").asText()))
                    .toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("replicas: no workload named " + replicas.path("name").asText());
            }
            targets.forEach(o -> o.withObjectProperty("spec").put("replicas", replicas.path("count").asInt()));
        }
        for (JsonNode image : k.path("images")) {
            expectOnly(image, Set.of("name", "newName", "newTag", "digest"), "images entry in " + dir);
            objects.forEach(o -> containers(o).forEach(c -> setImage(c, image)));
        }
        return objects;
    }

    static ObjectNode readKustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        List<ObjectNode> docs = readObjects(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + " must hold one document");
        }
        ObjectNode k = docs.get(0);
        expectOnly(k, FIELDS, file.toString());
        return k;
    }

    /** Every non-empty document of a YAML file, as a JSON tree. */
    public static List<ObjectNode> readObjects(Path file) {
        try {
            List<ObjectNode> docs = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc == null || doc.isNull() || doc.isMissingNode()) {
                        continue;
                    }
                    if (!doc.isObject()) {
                        throw new IllegalArgumentException(file + ": a document is not a mapping");
                    }
                    docs.add((ObjectNode) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The objects as one multi-document YAML text. */
    public static String toYaml(List<ObjectNode> objects) {
        StringWriter out = new StringWriter();
        try {
            for (int i = 0; i < objects.size(); i++) {
                if (i > 0) {
                    out.write("---\n");
                }
                out.write(YAML.writeValueAsString(objects.get(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void applyPatch(JsonNode entry, List<ObjectNode> objects, Path dir) {
        expectOnly(entry, Set.of("target", "patch"), "patches entry in " + dir);
        JsonNode target = entry.path("target");
        expectOnly(target, Set.of("group", "version", "kind", "name", "labelSelector"), "patch target in " + dir);
        JsonNode ops;
        try {
            ops = YAML.readTree(entry.path("patch").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("patch in " + dir + " is not YAML", e);
        }
        if (!ops.isArray()) {
            throw new IllegalArgumentException("only JSON 6902 patches (a list of operations) are supported: " + dir);
        }
        List<ObjectNode> matched = objects.stream().filter(o -> matches(target, o)).toList();
        if (matched.isEmpty()) {
            throw new IllegalArgumentException("patch target matches nothing: " + target + " in " + dir);
        }
        matched.forEach(o -> ops.forEach(op -> applyOperation(o, op)));
    }

    static boolean matches(JsonNode target, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (target.has("group") && !target.get("group").asText().equals(group)) {
            return false;
        }
        if (target.has("version") && !target.get("version").asText().equals(version)) {
            return false;
        }
        // kustomize reads kind and name as regular expressions over the whole value
        if (target.has("kind") && !Pattern.matches(target.get("kind").asText(), o.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !Pattern.matches(target.get("name").asText(), o.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            JsonNode labels = o.path("metadata").path("labels");
            for (String term : target.get("labelSelector").asText().split(",")) {
                String[] kv = term.trim().split("=", 2);
                if (kv.length != 2 || kv[0].endsWith("!")) {
                    throw new IllegalArgumentException("only key=value label selectors are supported: " + term);
                }
                if (!labels.path(kv[0].trim()).asText("\u0000").equals(kv[1].trim())) {
                    return false;
                }
            }
        }
        return true;
    }

    static void applyOperation(ObjectNode root, JsonNode op) {
        expectOnly(op, Set.of("op", "path", "value"), "patch operation");
        String path = op.path("path").asText();
        JsonPointer pointer = JsonPointer.compile(path);
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        String kind = op.path("op").asText();
        if (parent.isMissingNode()) {
            throw new IllegalArgumentException(kind + ": no parent for " + path + " in " + describe(root));
        }
        switch (kind) {
            case "add" -> {
                if (parent.isArray()) {
                    ArrayNode array = (ArrayNode) parent;
                    int index = last.equals("-") ? array.size() : Integer.parseInt(last);
                    array.insert(index, op.get("value").deepCopy());
                } else {
                    ((ObjectNode) parent).set(last, op.get("value").deepCopy());
                }
            }
            case "replace" -> {
                if (root.at(pointer).isMissingNode()) {
                    throw new IllegalArgumentException("replace: nothing at " + path + " in " + describe(root));
                }
                if (parent.isArray()) {
                    ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value").deepCopy());
                } else {
                    ((ObjectNode) parent).set(last, op.get("value").deepCopy());
                }
            }
            case "remove" -> {
                if (root.at(pointer).isMissingNode()) {
                    throw new IllegalArgumentException("remove: nothing at " + path + " in " + describe(root));
                }
                if (parent.isArray()) {
                    ((ArrayNode) parent).remove(Integer.parseInt(last));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
            }
            default -> throw new IllegalArgumentException("unsupported patch operation " + kind);
        }
    }

    /** The containers of a pod template (Deployment and the like) or of a Pod. */
    static List<ObjectNode> containers(ObjectNode o) {
        JsonNode podSpec = o.path("kind").asText().equals("Pod") ? o.path("spec") : o.path("spec").path("template").path("spec");
        List<ObjectNode> result = new ArrayList<>();
        for (String field : List.of("initContainers", "containers")) {
            podSpec.path(field).forEach(c -> result.add((ObjectNode) c));
        }
        return result;
    }

    private static void setImage(ObjectNode container, JsonNode rule) {
        String image = container.path("image").asText();
        String name = image;
        String suffix = "";
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        if (at >= 0) {
            name = image.substring(0, at);
            suffix = image.substring(at);
        } else if (colon > image.lastIndexOf('/')) {
            name = image.substring(0, colon);
            suffix = image.substring(colon);
        }
        if (!name.equals(rule.path("name").asText())) {
            return;
        }
        if (rule.hasNonNull("newName")) {
            name = rule.get("newName").asText();
        }
        if (rule.hasNonNull("digest")) {
            suffix = "@" + rule.get("digest").asText();
        } else if (rule.hasNonNull("newTag")) {
            suffix = ":" + rule.get("newTag").asText();
        }
        container.put("image", name + suffix);
    }

    private static ObjectNode metadata(ObjectNode o) {
        return o.withObjectProperty("metadata");
    }

    private static void expectOnly(JsonNode node, Set<String> allowed, String where) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("unsupported field '" + f + "' in " + where);
            }
        });
    }

    private static String describe(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    /** Usage: {@code Kustomize <kustomization dir>}: prints the rendered objects. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Kustomize <directory with kustomization.yaml>");
            System.exit(2);
        }
        System.out.print(toYaml(render(Path.of(args[0]))));
    }

    /** Objects keyed by apiVersion, kind, namespace and name: how kustomize identifies a resource. */
    public static Map<String, ObjectNode> byIdentity(List<ObjectNode> objects) {
        Map<String, ObjectNode> map = new LinkedHashMap<>();
        for (ObjectNode o : objects) {
            String id = o.path("apiVersion").asText() + "|" + o.path("kind").asText() + "|"
                    + o.path("metadata").path("namespace").asText() + "|" + o.path("metadata").path("name").asText();
            if (map.put(id, o) != null) {
                throw new IllegalArgumentException("two resources with the same identity: " + id);
            }
        }
        return map;
    }
}
