package vn.motcua.dossier.events;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents in {@code src/test/resources/contract-examples} are what consumers (satisfaction-service,
 * reporting-service) code against: one per event type, named after it. A producer change that makes one invalid or
 * unreadable, or that writes something else for the same event, fails here.
 */
class ContractExamplesTest {
    private static final String DIRECTORY = "contract-examples";
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Path>> examples() {
        return exampleFiles().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @Test
    void thereIsExactlyOneExamplePerEventType() {
        List<String> declaredTypes = exampleFiles().stream().map(p -> tree(p).path("type").asText()).toList();
        List<String> fileNames = exampleFiles().stream()
                .map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
        List<String> contractNames = Arrays.stream(DossierEventType.values()).map(DossierEventType::typeName).toList();

        assertThat(declaredTypes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(contractNames);
        assertThat(fileNames).containsExactlyElementsOf(declaredTypes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleSatisfiesTheSchema(Path example) {
        assertThat(SCHEMA.validate(text(example))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleReadsIntoTheExpectedEnvelope(Path example) {
        DossierEventEnvelope expected = DossierEventFixtures.published(
                DossierEventFixtures.ofType(tree(example).path("type").asText()));

        assertThat(CODEC.read(text(example))).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theProducerWritesExactlyTheExample(Path example) throws IOException {
        // Field for field, ignoring only layout and field order: a renamed, dropped or reformatted field fails.
        DossierEventEnvelope fixture = DossierEventFixtures.ofType(tree(example).path("type").asText());

        assertThat(JSON.readTree(CODEC.write(fixture))).isEqualTo(tree(example));
    }

    @Test
    void examplesUseVietnameseTextAndUtcInstants() {
        String received = text(exampleFiles().stream()
                .filter(p -> p.getFileName().toString().equals("DossierReceived.json")).findFirst().orElseThrow());

        assertThat(received).contains("Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên")
                .contains("\"occurredAt\": \"2026-11-23T01:15:30.123456Z\"");
    }

    private static List<Path> exampleFiles() {
        try {
            URL url = ContractExamplesTest.class.getClassLoader().getResource(DIRECTORY);
            assertThat(url).as(DIRECTORY + " on the test class path").isNotNull();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(Path path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
