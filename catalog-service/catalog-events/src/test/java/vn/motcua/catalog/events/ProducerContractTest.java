package vn.motcua.catalog.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift guard on the producer side: everything catalog-service emits must satisfy the published schema and read back
 * unchanged with the consumers' reader, and every event type must be known to the schema, the Jackson type mapping
 * and these tests. A new event type without a schema entry and a fixture fails here.
 */
class ProducerContractTest {
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();
    private static final CatalogEventSchema SCHEMA = new CatalogEventSchema();

    static Stream<Named<CatalogEvent>> events() {
        return CatalogEventFixtures.allVariants().stream()
                .map(e -> Named.of(e.getClass().getSimpleName() + " " + e.key(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void emittedJsonSatisfiesThePublishedSchema(CatalogEvent event) {
        String json = CODEC.writeString(event);

        assertThat(SCHEMA.validate(json)).as(json).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void emittedJsonReadsBackToAnEqualEvent(CatalogEvent event) {
        assertThat(CODEC.read(CODEC.write(event))).contains(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void emittedJsonNamesItsTypeAndSchemaVersion(CatalogEvent event) throws IOException {
        JsonNode node = new ObjectMapper().readTree(CODEC.write(event));

        assertThat(node.path("eventType").asText()).isEqualTo(event.getClass().getSimpleName());
        assertThat(node.path("schemaVersion").asInt()).isEqualTo(CatalogEvent.SCHEMA_VERSION);
        assertThat(node.path("eventId").asText()).isEqualTo(event.eventId().toString());
        assertThat(node.path("occurredAt").isTextual()).as("occurredAt is ISO-8601 text, never epoch numbers").isTrue();
        assertThat(Instant.parse(node.path("occurredAt").asText())).isEqualTo(event.occurredAt());
    }

    @Test
    void occurredAtKeepsMicrosecondsAndTheUtcDesignator() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered());

        assertThat(json).contains("\"occurredAt\":\"2025-07-01T01:15:30.123456Z\"");
    }

    @Test
    void fixturesCoverEveryPermittedEventTypeExactlyOnce() {
        List<Class<?>> covered = CatalogEventFixtures.oneOfEach().stream()
                .<Class<?>>map(Object::getClass).toList();

        assertThat(covered).doesNotHaveDuplicates();
        assertThat(covered).containsExactlyInAnyOrder(CatalogEvent.class.getPermittedSubclasses());
    }

    @Test
    void schemaEventTypeEnumListsExactlyThePermittedSubclasses() throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CatalogEventSchema.RESOURCE)) {
            assertThat(in).as(CatalogEventSchema.RESOURCE + " on the class path").isNotNull();
            schema = new ObjectMapper().readTree(in);
        }
        JsonNode enumNode = schema.path("properties").path("eventType").path("enum");
        List<String> inSchema = StreamSupport.stream(enumNode.spliterator(), false).map(JsonNode::asText).toList();

        assertThat(inSchema).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(permittedNames());
    }

    @Test
    void jacksonTypeNamesAreTheSimpleClassNamesOfThePermittedSubclasses() {
        // OutboxWriter stores getSimpleName() as the event type; the wire name must be the same string.
        JsonSubTypes.Type[] types = CatalogEvent.class.getAnnotation(JsonSubTypes.class).value();

        assertThat(types).allSatisfy(t -> assertThat(t.name()).isEqualTo(t.value().getSimpleName()));
        assertThat(Arrays.stream(types).map(JsonSubTypes.Type::value).toList())
                .containsExactlyInAnyOrder(CatalogEvent.class.getPermittedSubclasses());
    }

    @Test
    void everySchemaBranchIsSelectedByAKnownEventType() throws IOException {
        // A typo in an if/then branch would silently stop validating that event's body.
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CatalogEventSchema.RESOURCE)) {
            schema = new ObjectMapper().readTree(in);
        }
        Set<String> selected = StreamSupport.stream(schema.path("allOf").spliterator(), false)
                .map(branch -> branch.path("if").path("properties").path("eventType"))
                .flatMap(cond -> cond.has("const") ? Stream.of(cond.get("const"))
                        : StreamSupport.stream(cond.path("enum").spliterator(), false))
                .map(JsonNode::asText)
                .collect(Collectors.toSet());

        assertThat(selected).containsExactlyInAnyOrderElementsOf(permittedNames());
    }

    private static List<String> permittedNames() {
        return Arrays.stream(CatalogEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
    }
}
