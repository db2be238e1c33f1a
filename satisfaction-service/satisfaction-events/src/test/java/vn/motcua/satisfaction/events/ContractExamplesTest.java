package vn.motcua.satisfaction.events;

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
 * The documents in {@code src/test/resources/contract-examples} are what consumers (reporting-service) code against:
 * {@code <Type>.json} for every event type, and {@code <Type>-<case>.json} for cases worth showing on their own (a
 * duplicate ballot, a ballot of an unknown dossier). A producer change that makes one invalid or unreadable, or that
 * writes something else for the same event, fails here.
 */
class ContractExamplesTest {
    private static final String DIRECTORY = "contract-examples";
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Path>> examples() {
        return exampleFiles().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @Test
    void everyTypeHasItsExampleAndEveryExampleIsNamedAfterItsType() {
        List<String> contractNames = Arrays.stream(SatisfactionEventType.values())
                .map(SatisfactionEventType::typeName).toList();
        List<String> names = exampleFiles().stream().map(ContractExamplesTest::name).toList();

        assertThat(names.stream().filter(n -> !n.contains("-"))).containsExactlyInAnyOrderElementsOf(contractNames);
        for (Path file : exampleFiles()) {
            assertThat(name(file)).as(file.toString()).startsWith(tree(file).path("type").asText());
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(SatisfactionEventFixtures.examples().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleSatisfiesTheSchema(Path example) {
        assertThat(SCHEMA.validate(text(example))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleReadsIntoTheExpectedEnvelope(Path example) {
        assertThat(CODEC.read(text(example))).contains(SatisfactionEventFixtures.example(name(example)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theProducerWritesExactlyTheExample(Path example) throws IOException {
        // Field for field, ignoring only layout and field order: a renamed, dropped or reformatted field fails.
        SatisfactionEventEnvelope fixture = SatisfactionEventFixtures.example(name(example));

        assertThat(JSON.readTree(CODEC.write(fixture))).isEqualTo(tree(example));
    }

    @Test
    void theBallotOfAnUnknownDossierHasNeitherDossierIdNorUnit() {
        JsonNode unknown = tree(exampleFiles().stream()
                .filter(p -> name(p).equals("BallotInvalid-dossier-unknown")).findFirst().orElseThrow());

        assertThat(unknown.get("dossierId").isNull()).isTrue();
        assertThat(unknown.get("unitCode").isNull()).isTrue();
        assertThat(unknown.at("/data/reason").asText()).isEqualTo("DOSSIER_UNKNOWN");
        assertThat(unknown.at("/data/status").asText()).isEqualTo("REFUSED");
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
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
