package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every object of the base and of each overlay validates against its kind's schema, offline. */
class ManifestSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectValidates(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        assertThat(objects).hasSizeGreaterThan(30);
        assertThat(objects.stream().flatMap(o -> ManifestValidator.validate(o).stream())).isEmpty();
    }

    @Test
    void everyBaseObjectValidates() {
        assertThat(Kustomize.render(Manifests.BASE).stream().flatMap(o -> ManifestValidator.validate(o).stream()))
                .isEmpty();
    }

    // The validation must be strict; each case below breaks one object in one way.

    @Test
    void anUnknownFieldDeepInADeploymentIsRefused() {
        assertThat(broken("Deployment", "catalog-service",
                o -> ((ObjectNode) o.at("/spec/template/spec/containers/0/readinessProbe")).put("periodSecond", 5)))
                .anyMatch(e -> e.contains("periodSecond"));
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        assertThat(broken("Deployment", "dossier-service", o -> ((ObjectNode) o.at("/spec")).remove("selector")))
                .anyMatch(e -> e.contains("selector"));
        assertThat(broken("Service", "dossier-service", o -> ((ObjectNode) o.at("/spec/ports/0")).remove("port")))
                .anyMatch(e -> e.contains("port"));
    }

    @Test
    void aMalformedQuantityIsRefused() {
        assertThat(broken("Deployment", "reporting-service",
                o -> ((ObjectNode) o.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "1 GB")))
                .isNotEmpty();
    }

    @Test
    void aNumberWhereKubernetesWantsAStringIsRefused() {
        assertThat(broken("ConfigMap", "catalog-service", o -> ((ObjectNode) o.at("/data")).put("FLAG", false)))
                .anyMatch(e -> e.contains("FLAG"));
    }

    @Test
    void strimziResourcesAreCheckedStrictly() {
        assertThat(broken("Kafka", "motcua", o -> ((ObjectNode) o.at("/spec/kafka")).put("replica", 3)))
                .anyMatch(e -> e.contains("replica"));
        assertThat(broken("KafkaTopic", "dossier-events-v1", o -> ((ObjectNode) o.at("/spec")).put("partition", 3)))
                .anyMatch(e -> e.contains("partition"));
        assertThat(broken("Kafka", "motcua", o -> ((ObjectNode) o.at("/spec/kafka/listeners/0")).remove("type")))
                .anyMatch(e -> e.contains("type"));
        assertThat(broken("KafkaNodePool", "brokers", o -> ((ObjectNode) o.at("/spec/storage")).put("type", "floppy")))
                .isNotEmpty();
        // v1beta2 fields that v1 removed
        assertThat(broken("Kafka", "motcua", o -> ((ObjectNode) o.at("/spec/kafka")).put("replicas", 3)))
                .anyMatch(e -> e.contains("/spec/kafka/replicas"));
    }

    @Test
    void cloudNativePgResourcesAreCheckedStrictly() {
        assertThat(broken("Cluster", "motcua-db", o -> ((ObjectNode) o.at("/spec")).put("instance", 3)))
                .anyMatch(e -> e.contains("instance"));
        assertThat(broken("Cluster", "motcua-db",
                o -> ((ObjectNode) o.at("/spec/managed/roles/0/passwordSecret")).put("key", "password")))
                .anyMatch(e -> e.contains("key"));
        assertThat(broken("Cluster", "motcua-db", o -> ((ObjectNode) o.at("/spec")).put("instances", "three")))
                .isNotEmpty();
    }

    @Test
    void aKindWithoutSchemaIsRefused() {
        ObjectNode secret = Kustomize.YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.withObjectProperty("metadata").put("name", "x");
        assertThat(ManifestValidator.validate(secret)).anyMatch(e -> e.contains("no schema for v1/Secret"));
    }

    private static List<String> broken(String kind, String name, Consumer<ObjectNode> damage) {
        List<ObjectNode> objects = Manifests.render("prod");
        ObjectNode o = Manifests.named(objects, kind, name);
        assertThat(ManifestValidator.validate(o)).as("valid before the damage").isEmpty();
        damage.accept(o);
        return ManifestValidator.validate(o);
    }
}
