package vn.motcua.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubernetes.client.openapi.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates one manifest object offline, against the schema of its kind:
 * <ul>
 * <li>Kubernetes' built-in kinds with the official Java client's model, which is generated from the Kubernetes
 * OpenAPI document: an unknown field anywhere, a missing required field or a value of the wrong shape is an error,
 * and quantities and int-or-string values must parse;</li>
 * <li>Strimzi's kinds by strict deserialization into the Strimzi API classes: every object of the graph must have
 * kept no unknown property, and every property Strimzi marks required must be set;</li>
 * <li>CloudNativePG's kinds with motcua's own JSON Schemas of the fields it uses (schemas/), strict as well.</li>
 * </ul>
 * A kind with no schema here is an error, so a new kind cannot slip in unvalidated.
 */
final class ManifestValidator {

    private static final Map<String, Class<?>> KUBERNETES = Map.of(
            "v1/Namespace", io.kubernetes.client.openapi.models.V1Namespace.class,
            "v1/ServiceAccount", io.kubernetes.client.openapi.models.V1ServiceAccount.class,
            "v1/ConfigMap", io.kubernetes.client.openapi.models.V1ConfigMap.class,
            "v1/Service", io.kubernetes.client.openapi.models.V1Service.class,
            "apps/v1/Deployment", io.kubernetes.client.openapi.models.V1Deployment.class,
            "policy/v1/PodDisruptionBudget", io.kubernetes.client.openapi.models.V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", io.kubernetes.client.openapi.models.V1NetworkPolicy.class);

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);

    private static final Map<String, String> CNPG = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster-v1.schema.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "cnpg-scheduledbackup-v1.schema.json");

    /** Fields Strimzi's v1 API no longer has (they remain in the Java classes for v1beta2). */
    private static final List<String> REMOVED_IN_STRIMZI_V1 = List.of("/spec/zookeeper", "/spec/jmxTrans",
            "/spec/kafka/replicas", "/spec/kafka/storage", "/spec/entityOperator/tlsSidecar");

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JSON KUBERNETES_JSON = new JSON();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ManifestValidator() {
    }

    /** The problems of one object; empty when it is valid. */
    static List<String> validate(ObjectNode o) {
        String type = o.path("apiVersion").asText() + "/" + o.path("kind").asText();
        String name = o.path("metadata").path("name").asText();
        List<String> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            errors.add("metadata.name '" + name + "' is not a valid Kubernetes name");
        }
        if (KUBERNETES.containsKey(type)) {
            errors.addAll(kubernetes(KUBERNETES.get(type), o));
        } else if (STRIMZI.containsKey(type)) {
            errors.addAll(strimzi(STRIMZI.get(type), o));
        } else if (CNPG.containsKey(type)) {
            errors.addAll(schema(CNPG.get(type), o));
        } else {
            errors.add("no schema for " + type);
        }
        return errors.stream().map(e -> type + " " + name + ": " + e).toList();
    }

    private static List<String> kubernetes(Class<?> model, ObjectNode o) {
        List<String> errors = new ArrayList<>();
        JsonElement json = JsonParser.parseString(o.toString());
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            // binding checks the value types validateJsonElement leaves alone (numbers, quantities, int-or-string)
            KUBERNETES_JSON.getGson().fromJson(json, model);
        } catch (InvocationTargetException e) {
            errors.add(e.getCause().getMessage());
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        // the API server accepts only strings here; the client model would silently turn a number into one
        checkStrings(o.path("metadata").path("labels"), "metadata.labels", errors);
        checkStrings(o.path("metadata").path("annotations"), "metadata.annotations", errors);
        checkStrings(o.path("spec").path("template").path("metadata").path("labels"), "pod labels", errors);
        checkStrings(o.path("spec").path("template").path("metadata").path("annotations"), "pod annotations", errors);
        if (o.path("kind").asText().equals("ConfigMap")) {
            checkStrings(o.path("data"), "data", errors);
        }
        for (JsonNode container : Kustomize.containers(o)) {
            for (JsonNode env : container.path("env")) {
                if (env.has("value") && !env.get("value").isTextual()) {
                    errors.add("env " + env.path("name").asText() + " has a value that is not a string");
                }
            }
        }
        return errors;
    }

    private static void checkStrings(JsonNode map, String where, List<String> errors) {
        map.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                errors.add(where + "." + e.getKey() + " is not a string");
            }
        });
    }

    private static List<String> strimzi(Class<?> model, ObjectNode o) {
        List<String> errors = new ArrayList<>();
        if (!o.path("metadata").path("labels").has("strimzi.io/cluster") && !o.path("kind").asText().equals("Kafka")) {
            errors.add("no strimzi.io/cluster label: the operator would ignore it");
        }
        for (String removed : REMOVED_IN_STRIMZI_V1) {
            if (!o.at(removed).isMissingNode()) {
                errors.add(removed + " does not exist in kafka.strimzi.io/v1");
            }
        }
        Object value;
        try {
            value = JSON_MAPPER.treeToValue(o, model);
        } catch (IOException e) {
            errors.add(e.getMessage());
            return errors;
        }
        walk(value, "", errors, new IdentityHashMap<>());
        return errors;
    }

    /** Visits the object graph: no unknown properties kept anywhere, every required property present. */
    private static void walk(Object value, String path, List<String> errors, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", errors, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, errors, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.") && !pkg.startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String method = getter.getName();
            if (!method.startsWith("get") || method.length() <= 3) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String property = Character.toLowerCase(method.charAt(3)) + method.substring(4);
            if (method.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    errors.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
                }
                continue;
            }
            JsonProperty annotation = getter.getAnnotation(JsonProperty.class);
            if (annotation != null && annotation.required() && child == null) {
                errors.add("required field " + path + "." + property + " is missing");
            }
            walk(child, path + "." + property, errors, seen);
        }
    }

    private static List<String> schema(String file, ObjectNode o) {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Manifests.DIR.resolve("schemas").resolve(file))) {
            schema = SCHEMAS.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> messages = schema.validate(o);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
