package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written documents in {@code src/test/resources/contract-examples} are what consumers (dossier-service,
 * reporting-service) code against. A producer change that makes them invalid, unreadable, or drops or renames one of
 * their fields fails here. One file per event type, named after it.
 */
class ContractExamplesTest {
    private static final String DIRECTORY = "contract-examples";
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();
    private static final CatalogEventSchema SCHEMA = new CatalogEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Path>> examples() {
        return exampleFiles().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @Test
    void thereIsExactlyOneExamplePerEventType() {
        List<String> declaredTypes = exampleFiles().stream().map(ContractExamplesTest::eventTypeOf).toList();
        List<String> fileNames = exampleFiles().stream()
                .map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
        List<String> permitted = Arrays.stream(CatalogEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName).toList();

        assertThat(declaredTypes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(fileNames).containsExactlyInAnyOrderElementsOf(declaredTypes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleSatisfiesTheSchema(Path example) {
        assertThat(SCHEMA.validate(text(example))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleReadsAsTheEventTypeItDeclares(Path example) {
        CatalogEvent event = CODEC.read(bytes(example)).orElseThrow(
                () -> new AssertionError(example.getFileName() + " was skipped as an unknown event type"));

        assertThat(event.getClass().getSimpleName()).isEqualTo(eventTypeOf(example));
        assertThat(event.schemaVersion()).isEqualTo(CatalogEvent.SCHEMA_VERSION);
        assertThat(event.eventId().toString()).isEqualTo(tree(example).get("eventId").asText());
        assertThat(event.key()).isNotBlank();
        assertThat(CatalogTopics.ALL).contains(event.topic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void producerReEmitsTheExampleWithoutLosingAnything(Path example) throws IOException {
        CatalogEvent event = CODEC.read(bytes(example)).orElseThrow();
        byte[] reEmitted = CODEC.write(event);

        assertThat(SCHEMA.validate(new String(reEmitted, StandardCharsets.UTF_8))).isEmpty();
        assertThat(CODEC.read(reEmitted)).contains(event);
        assertThat(fieldPaths(JSON.readTree(reEmitted)))
                .as("every field a consumer sees in the example is still emitted under the same name")
                .containsAll(fieldPaths(tree(example)));
    }

    @Test
    void calendarExampleIsAUsableWorkingCalendar() {
        // Consumers build a WorkingCalendar from it, which rejects calendars with violations.
        CatalogEvent.CalendarYearPublished event = (CatalogEvent.CalendarYearPublished) CODEC
                .read(bytes(exampleFile("CalendarYearPublished.json"))).orElseThrow();

        assertThat(event.calendar().validate()).isEmpty();
        assertThat(event.calendar().officeDayMinutes()).isEqualTo(450);
        assertThat(event.key()).isEqualTo("2025");
    }

    @Test
    void examplesDescribeTheSameEntitiesAsTheProducerFixtures() {
        // Keeps the documentation and the producer-side fixtures telling the same story.
        Map<String, CatalogEvent> fixtures = Map.of(
                "UnitRegistered.json", CatalogEventFixtures.unitRegistered(),
                "ProcedureAmended.json", CatalogEventFixtures.procedureAmended(),
                "CalendarYearPublished.json", CatalogEventFixtures.calendarYearPublished());

        fixtures.forEach((file, fixture) -> {
            CatalogEvent example = CODEC.read(bytes(exampleFile(file))).orElseThrow();
            assertThat(example).as(file).usingRecursiveComparison()
                    .ignoringFields("eventId", "occurredAt").isEqualTo(fixture);
        });
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static List<Path> exampleFiles() {
        URL url = ContractExamplesTest.class.getClassLoader().getResource(DIRECTORY);
        assertThat(url).as(DIRECTORY + " on the test class path").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path exampleFile(String name) {
        return exampleFiles().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no example " + name));
    }

    private static String eventTypeOf(Path example) {
        return tree(example).path("eventType").asText();
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(Path p) {
        try {
            return JSON.readTree(bytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths of all object fields, array positions collapsed: {@code procedure.versions[].legalTime.unit}. */
    private static Set<String> fieldPaths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                collect(field.getValue(), path, out);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, prefix + "[]", out));
        }
    }
}
