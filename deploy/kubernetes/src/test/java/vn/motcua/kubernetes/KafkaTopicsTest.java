package vn.motcua.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.satisfaction.events.SatisfactionTopics;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The KafkaTopic resources are exactly the topics the code and the services' configuration use, set up as the code expects. */
class KafkaTopicsTest {

    private final List<ObjectNode> base = Kafka.topics(Kustomize.render(Manifests.BASE));

    @Test
    void everyTopicTheServicesUseIsDeclaredAndNoOther() {
        Set<String> used = new TreeSet<>(CatalogTopics.ALL);
        used.add(DossierTopics.EVENTS);
        used.add(SatisfactionTopics.EVENTS);
        for (String service : Manifests.SERVICES) {
            Properties p = ServiceConfig.of(service);
            for (String key : p.stringPropertyNames()) {
                boolean consumed = key.matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topics?");
                boolean deadLetters = key.endsWith(".dead-letter-queue.topic") || key.equals("motcua.reporting.dead-letter-topic");
                if (consumed || deadLetters) {
                    Arrays.stream(p.getProperty(key).split(",")).map(String::trim).forEach(used::add);
                }
            }
        }
        assertThat(used).as("dead-letter topics found in the configuration").anyMatch(t -> t.contains(".dlq."));
        Set<String> declared = base.stream().map(t -> t.at("/spec/topicName").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).isEqualTo(used);
    }

    @Test
    void eventLogsAreKeptForeverWithTheSettingsTheCodeCreatesThemWith() {
        for (Map.Entry<String, Map<String, String>> e : Map.of(
                DossierTopics.EVENTS, DossierTopics.TOPIC_CONFIG,
                SatisfactionTopics.EVENTS, SatisfactionTopics.TOPIC_CONFIG).entrySet()) {
            JsonNode config = Kafka.topic(base, e.getKey()).at("/spec/config");
            e.getValue().forEach((k, v) -> assertThat(config.path(k).asText()).as(e.getKey() + " " + k).isEqualTo(v));
            assertThat(config.path("cleanup.policy").asText()).isEqualTo("delete");
            assertThat(config.path("retention.ms").asLong()).isEqualTo(-1);
        }
    }

    @Test
    void catalogTopicsAreCompactedAsCatalogServiceCreatesThem() throws IOException {
        // catalog-service states its topic settings where its outbox relay is set up
        String source = Files.readString(ServiceConfig.module("catalog-service")
                .resolve("src/main/java/vn/motcua/catalog/messaging/CatalogOutbox.java"));
        Matcher m = Pattern.compile("Map\\.of\\(\"cleanup\\.policy\", \"(\\w+)\", \"min\\.compaction\\.lag\\.ms\", \"(\\d+)\"\\)")
                .matcher(source);
        assertThat(m.find()).as("the topic settings in CatalogOutbox.java").isTrue();
        assertThat(m.group(1)).isEqualTo("compact");
        for (String topic : CatalogTopics.ALL) {
            JsonNode config = Kafka.topic(base, topic).at("/spec/config");
            assertThat(config.path("cleanup.policy").asText()).as(topic).isEqualTo(m.group(1));
            assertThat(config.path("min.compaction.lag.ms").asText()).as(topic).isEqualTo(m.group(2));
        }
    }

    @Test
    void deadLetterTopicsExpire() {
        base.stream().filter(t -> t.at("/spec/topicName").asText().contains(".dlq.")).forEach(t -> {
            assertThat(t.at("/spec/config/cleanup.policy").asText()).isEqualTo("delete");
            assertThat(t.at("/spec/config/retention.ms").asLong()).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void replicationFitsTheBrokers(String overlay) {
        List<ObjectNode> objects = Manifests.render(overlay);
        int brokers = Manifests.ofKind(objects, "KafkaNodePool").stream()
                .filter(p -> p.at("/spec/roles").toString().contains("broker"))
                .mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
        ObjectNode kafka = Manifests.named(objects, "Kafka", "motcua");
        JsonNode config = kafka.at("/spec/kafka/config");
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(config.path("default.replication.factor").asInt()).isBetween(1, brokers);
        assertThat(config.path("offsets.topic.replication.factor").asInt()).isBetween(1, brokers);
        for (ObjectNode topic : Kafka.topics(objects)) {
            int replicas = topic.at("/spec/replicas").asInt();
            assertThat(replicas).as(topic.at("/spec/topicName").asText()).isBetween(1, brokers);
            // a write must survive the loss of one broker wherever there is more than one
            int minIsr = topic.at("/spec/config/min.insync.replicas").asInt();
            assertThat(minIsr).isBetween(1, replicas);
            if (replicas > 1) {
                assertThat(minIsr).isLessThan(replicas).isGreaterThan(1);
            }
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("motcua");
            assertThat(topic.at("/spec/partitions").asInt()).isPositive();
        }
        assertThat(overlay.equals("prod") ? brokers : 3).isGreaterThanOrEqualTo(3);
    }

    /** Helpers over KafkaTopic objects. */
    static final class Kafka {
        static List<ObjectNode> topics(List<ObjectNode> objects) {
            return Manifests.ofKind(objects, "KafkaTopic");
        }

        static ObjectNode topic(List<ObjectNode> topics, String name) {
            return topics.stream().filter(t -> t.at("/spec/topicName").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + name));
        }
    }
}
