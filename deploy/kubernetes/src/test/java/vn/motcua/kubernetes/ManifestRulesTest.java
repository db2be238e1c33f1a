package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service's objects must have, and that the pieces refer to one another correctly. */
class ManifestRulesTest {

    /** The heap's share of a container's memory limit (ImageBuildTest checks the image's entrypoint sets it). */
    static final String HEAP_PERCENT_OF_LIMIT = "35.0";
    /**
     * What a service holds beside its heap under the write benchmark: metaspace and class space (~115 MiB), compiled
     * code, symbols, thread stacks, the jars' mapped pages and malloc (measured 200-250 MiB, README "Resident memory
     * under load"), with margin.
     */
    private static final long NON_HEAP_MIB = 256;
    /** The project's target, 300 MB resident under the write benchmark, in MiB. */
    private static final long RESIDENT_TARGET_MIB = 300_000_000L / (1024 * 1024);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceRequestsWhatItUsesUnderLoadAndItsLimitHoldsTheHeapAndTheRest(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        for (String service : Manifests.SERVICES) {
            JsonNode resources = Kustomize.containers(Manifests.named(objects, "Deployment", service)).get(0)
                    .path("resources");
            long request = mebibytes(resources.at("/requests/memory").asText());
            long limit = mebibytes(resources.at("/limits/memory").asText());
            long heap = (long) (limit * Double.parseDouble(HEAP_PERCENT_OF_LIMIT) / 100);
            // a full heap must not push the container over its limit: the kernel would kill it, not the JVM report it
            assertThat(limit - heap).as(service + ": room beside a " + heap + " MiB heap").isGreaterThanOrEqualTo(NON_HEAP_MIB);
            // a node is chosen with room for what the service holds under load
            assertThat(request).as(service + " request").isGreaterThanOrEqualTo(RESIDENT_TARGET_MIB).isLessThanOrEqualTo(limit);
        }
    }

    /** A memory quantity in binary units (Mi, Gi), as the manifests write them, in MiB. */
    private static long mebibytes(String quantity) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory quantity " + quantity + " in Mi or Gi").isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsObjectsProbesAndLimits(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        for (String service : Manifests.SERVICES) {
            ObjectNode deployment = Manifests.named(objects, "Deployment", service);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(matches(deployment.at("/spec/selector/matchLabels"), podLabels)).as(service).isTrue();

            List<ObjectNode> containers = Kustomize.containers(deployment);
            assertThat(containers).hasSize(1);
            JsonNode c = containers.get(0);
            assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(c.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
            }
            assertThat(c.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(c.at("/resources/" + kind + "/" + resource).isMissingNode()).as(service + " " + kind + " " + resource).isFalse();
                }
            }
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();

            String account = pod.path("serviceAccountName").asText();
            assertThat(account).isEqualTo(service);
            Manifests.named(objects, "ServiceAccount", account);
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            for (JsonNode from : c.path("envFrom")) {
                Manifests.named(objects, "ConfigMap", from.at("/configMapRef/name").asText());
            }

            ObjectNode svc = Manifests.named(objects, "Service", service);
            assertThat(matches(svc.at("/spec/selector"), podLabels)).isTrue();
            assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

            ObjectNode pdb = Manifests.named(objects, "PodDisruptionBudget", service);
            assertThat(matches(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue();

            ObjectNode hpa = Manifests.named(objects, "HorizontalPodAutoscaler", service);
            assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isBetween(1, hpa.at("/spec/maxReplicas").asInt());
            assertThat(deployment.at("/spec/replicas").asInt()).isBetween(hpa.at("/spec/minReplicas").asInt(),
                    hpa.at("/spec/maxReplicas").asInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesAndNamespace(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        String namespace = Kustomize.readKustomization(Manifests.overlay(overlay)).path("namespace").asText();
        Manifests.named(objects, "Namespace", namespace);
        for (ObjectNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.at("/metadata/namespace").asText()).as(o.path("kind") + " " + o.at("/metadata/name")).isEqualTo(namespace);
            }
            assertThat(o.at("/metadata/labels/motcua.vn~1environment").asText()).isEqualTo(overlay);
        }
        for (String service : Manifests.SERVICES) {
            String image = Kustomize.containers(Manifests.named(objects, "Deployment", service)).get(0).path("image").asText();
            // the image built by -Pimage for this service, with an explicit tag
            assertThat(image).matches(".*motcua/" + service + ":[\\w.-]+");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceHasItsDatabaseRoleSchemaAndPasswordSecret(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        ObjectNode cluster = Manifests.named(objects, "Cluster", "motcua-db");
        Map<String, String> rolePasswordSecrets = new java.util.TreeMap<>();
        cluster.at("/spec/managed/roles").forEach(r -> rolePasswordSecrets.put(r.path("name").asText(),
                r.at("/passwordSecret/name").asText()));
        List<String> sql = texts(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL"));
        String database = cluster.at("/spec/bootstrap/initdb/database").asText();
        String host = cluster.at("/metadata/name").asText() + "-rw";

        Set<String> expectedRoles = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            Properties p = ServiceConfig.of(service);
            String role = p.getProperty("quarkus.datasource.username");
            String schema = p.getProperty("quarkus.flyway.schemas");
            expectedRoles.add(role);
            ObjectNode deployment = Manifests.named(objects, "Deployment", service);
            JsonNode password = env(deployment, "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).as(service)
                    .isEqualTo(rolePasswordSecrets.get(role));
            // CloudNativePG reads the password from the key "password" of a basic-auth Secret
            assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
            assertThat(sql).contains("create schema " + schema + " authorization " + role);

            ObjectNode config = Manifests.named(objects, "ConfigMap", service);
            assertThat(config.at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://" + host + ":5432/" + database);
            assertThat(config.at("/data/QUARKUS_DATASOURCE_REACTIVE_URL").asText())
                    .isEqualTo("postgresql://" + host + ":5432/" + database);
            ObjectNode kafka = Manifests.named(objects, "Kafka", "motcua");
            assertThat(config.at("/data/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo(
                    "motcua-kafka-bootstrap:" + kafka.at("/spec/kafka/listeners/0/port").asInt());
            // tokens are verified against the provider's discovery document over HTTPS, for motcua's audience
            assertThat(config.at("/data/MOTCUA_OIDC_URL").asText()).as(service).startsWith("https://");
            assertThat(config.at("/data/MOTCUA_OIDC_AUDIENCE").asText()).as(service).isEqualTo("motcua");
            assertThat(ServiceConfig.shared()).contains("${MOTCUA_OIDC_URL:", "${MOTCUA_OIDC_AUDIENCE:",
                    "${OTEL_EXPORTER_OTLP_ENDPOINT:");
        }
        expectedRoles.add(ServiceConfig.of("reporting-service").getProperty("motcua.reporting.analyst-role"));
        assertThat(rolePasswordSecrets.keySet()).isEqualTo(expectedRoles);
        // the services' own roles and the analyst role never share a password Secret
        assertThat(new HashSet<>(rolePasswordSecrets.values())).hasSameSizeAs(rolePasswordSecrets.values());
    }

    @Test
    void secretsAreReferencedNeverCommittedAndTheReadmeSaysHowToCreateThem() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")).toList()) {
                for (ObjectNode o : Kustomize.readObjects(f)) {
                    assertThat(o.path("kind").asText()).as(f.toString()).isNotEqualTo("Secret");
                }
            }
        }
        String readme = Files.readString(Manifests.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        for (String overlay : Manifests.OVERLAYS) {
            List<ObjectNode> objects = Manifests.render(overlay);
            Set<String> referenced = new TreeSet<>();
            for (ObjectNode o : objects) {
                o.findValues("secretKeyRef").forEach(r -> referenced.add(r.path("name").asText()));
                o.findValues("passwordSecret").forEach(r -> referenced.add(r.path("name").asText()));
                o.findValues("s3Credentials").forEach(r -> r.forEach(sel -> referenced.add(sel.path("name").asText())));
                o.findValues("configMap").forEach(r -> referenced.add(r.path("name").asText()));
            }
            Set<String> provided = new HashSet<>();
            objects.forEach(o -> provided.add(o.at("/metadata/name").asText()));
            referenced.removeAll(provided);
            assertThat(referenced).isNotEmpty();
            for (String name : referenced) {
                assertThat(readme.contains("`" + name + "`")).as("README tells the operator to create " + name).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatIsUsed(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        List<ObjectNode> policies = Manifests.ofKind(objects, "NetworkPolicy");
        ObjectNode deny = Manifests.named(objects, "NetworkPolicy", "default-deny");
        assertThat(deny.at("/spec/podSelector").size()).isZero();
        assertThat(texts(deny.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode() && deny.at("/spec/egress").isMissingNode()).isTrue();

        JsonNode dbLabels = Json.labels("cnpg.io/cluster", "motcua-db");
        JsonNode kafkaLabels = Json.labels("strimzi.io/cluster", "motcua", "strimzi.io/kind", "Kafka");
        for (String service : Manifests.SERVICES) {
            JsonNode pod = Manifests.named(objects, "Deployment", service).at("/spec/template/metadata/labels");
            List<ObjectNode> mine = policies.stream().filter(p -> matches(p.at("/spec/podSelector/matchLabels"), pod)).toList();
            Set<String> egress = new TreeSet<>();
            Set<String> ingressFromNamespaces = new TreeSet<>();
            for (ObjectNode p : mine) {
                for (JsonNode rule : p.at("/spec/egress")) {
                    for (JsonNode to : rule.path("to")) {
                        for (JsonNode port : rule.path("ports")) {
                            if (to.has("podSelector") && matches(to.at("/podSelector/matchLabels"), dbLabels)) {
                                egress.add("postgres:" + port.path("port").asInt());
                            }
                            if (to.has("podSelector") && matches(to.at("/podSelector/matchLabels"), kafkaLabels)) {
                                egress.add("kafka:" + port.path("port").asInt());
                            }
                            if (to.has("namespaceSelector") && !to.has("podSelector")) {
                                egress.add(to.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()
                                        + ":" + port.path("port").asInt());
                            }
                        }
                    }
                    if (!rule.has("to")) {
                        // a rule without destinations opens its ports to everywhere: DNS, and HTTPS to the identity
                        // provider, which may run anywhere; dossier-service also the province's mail relay
                        assertThat(rule.path("ports").findValuesAsText("port")).as(service + " egress anywhere")
                                .isSubsetOf(service.equals("dossier-service") ? List.of("53", "443", "587") : List.of("53", "443"));
                        rule.path("ports").forEach(port -> egress.add("anywhere:" + port.path("port").asInt()));
                    }
                }
                for (JsonNode rule : p.at("/spec/ingress")) {
                    assertThat(rule.path("ports").findValuesAsText("port")).containsOnly("8080");
                    rule.path("from").forEach(f -> ingressFromNamespaces.add(f.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()));
                }
            }
            assertThat(egress).as(service).contains("postgres:5432", "kafka:9092", "anywhere:443", "monitoring:4318");
            assertThat(egress).as(service).allMatch(e -> Set.of("postgres:5432", "kafka:9092", "anywhere:443",
                    "monitoring:4318", "kube-system:53", "anywhere:53").contains(e)
                    || service.equals("dossier-service") && e.equals("anywhere:587"));
            if (service.equals("dossier-service")) {
                assertThat(egress).as("the applicant's e-mail goes to the mail relay").contains("anywhere:587");
            }
            assertThat(ingressFromNamespaces).as(service).containsExactlyInAnyOrder("ingress-nginx", "monitoring");
        }
    }

    private static JsonNode env(ObjectNode deployment, String name) {
        for (JsonNode e : Kustomize.containers(deployment).get(0).path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name);
    }

    /** True when every label the selector asks for is on the labels. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.size() == 0) {
            return true;
        }
        for (var e : selector.properties()) {
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Small JSON builders. */
    static final class Json {
        static JsonNode labels(String... kv) {
            ObjectNode o = Kustomize.YAML.createObjectNode();
            for (int i = 0; i < kv.length; i += 2) {
                o.put(kv[i], kv[i + 1]);
            }
            return o;
        }
    }
}
