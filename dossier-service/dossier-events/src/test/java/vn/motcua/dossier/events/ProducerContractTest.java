package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.DueChangeReason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drift guard on the producer side: everything dossier-service emits satisfies the published schema and reads back
 * unchanged with the consumers' reader, and the schema follows the domain records. A record component added or
 * renamed in dossier-domain without the schema fails here.
 */
class ProducerContractTest {
    /** Components that are deliberately not published (Decree 13/2023/NĐ-CP). */
    static final Map<Class<?>, Set<String>> UNPUBLISHED = Map.of(
            DossierEvent.Received.class, Set.of("applicant", "lookupSecretHash"),
            DossierEvent.RefusedAtReception.class, Set.of("applicant"));

    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA_DOCUMENT = schemaDocument();

    static Stream<Named<DossierEventEnvelope>> envelopes() {
        return DossierEventFixtures.allVariants().stream().map(e -> Named.of(e.type() + " " + e.eventId(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedJsonSatisfiesThePublishedSchema(DossierEventEnvelope envelope) {
        String json = CODEC.writeString(envelope);

        assertThat(SCHEMA.validate(json)).as(json).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedJsonReadsBackToTheSameEnvelopeWithoutPersonalData(DossierEventEnvelope envelope) {
        assertThat(CODEC.read(CODEC.write(envelope))).contains(DossierEventFixtures.published(envelope));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedEnvelopeNamesTypeDossierAndPlaceInTheStream(DossierEventEnvelope envelope) throws IOException {
        JsonNode node = JSON.readTree(CODEC.write(envelope));

        assertThat(node.path("type").asText()).isEqualTo(DossierEventType.of(envelope.data()).typeName());
        assertThat(node.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(node.path("eventId").asText()).isEqualTo(envelope.eventId().toString());
        assertThat(node.path("dossierId").asText()).isEqualTo(envelope.dossierId().toString());
        assertThat(node.path("version").asLong()).isEqualTo(envelope.version());
        assertThat(node.path("position").asLong()).isEqualTo(envelope.position());
        assertThat(node.path("occurredAt").isTextual()).as("ISO-8601 text, never epoch numbers").isTrue();
        assertThat(Instant.parse(node.path("occurredAt").asText())).isEqualTo(envelope.data().at());
        assertThat(Instant.parse(node.path("data").path("at").asText())).isEqualTo(envelope.data().at());
    }

    @Test
    void instantsKeepMicrosecondsAndTheUtcDesignator() {
        String json = CODEC.writeString(DossierEventFixtures.ofType("DossierReceived"));

        assertThat(json).contains("\"occurredAt\":\"2026-11-23T01:15:30.123456Z\"")
                .contains("\"due\":{\"at\":\"2026-12-02T10:00:00Z\",\"date\":\"2026-12-02\"}");
    }

    @Test
    void aProcessingTimeIsOnlyItsAmountAndUnit() throws IOException {
        JsonNode procedure = JSON.readTree(CODEC.write(DossierEventFixtures.ofType("DossierReceived")))
                .at("/data/procedure");

        assertThat(fieldNames(procedure.get("legalTime"))).containsExactly("amount", "unit");
        assertThat(procedure.get("committedTime").isNull()).isTrue();
    }

    @Test
    void aDueWithoutDeadlineIsWrittenAsTwoNulls() throws IOException {
        DossierEventEnvelope none = DossierEventEnvelope.of(UUID.randomUUID(),
                DossierEventFixtures.DOSSIER_A, DossierEventFixtures.CODE_A, 6, 9, Instant.parse("2026-11-25T02:20:01Z"),
                new DossierEvent.DueDateChanged(DueChangeReason.PAYMENT_PAUSE,
                        Due.NONE, Due.NONE, Due.NONE, Due.NONE, Instant.parse("2026-11-25T02:20:00Z")));

        JsonNode due = JSON.readTree(CODEC.write(none)).at("/data/oldDue");

        assertThat(fieldNames(due)).containsExactly("at", "date");
        assertThat(due.get("at").isNull()).isTrue();
        assertThat(due.get("date").isNull()).isTrue();
    }

    @Test
    void fixturesCoverEveryDomainEventTypeExactlyOnce() {
        List<Class<?>> covered = DossierEventFixtures.oneOfEach().stream()
                .<Class<?>>map(e -> e.data().getClass()).toList();

        assertThat(covered).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(DossierEvent.class.getPermittedSubclasses());
    }

    @Test
    void theSchemaDescribesEveryPublishedComponentOfEveryDomainRecordAndNothingElse() {
        for (Class<?> type : DossierEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            String name = DossierEventType.of((Class<? extends DossierEvent>) type).typeName();
            JsonNode properties = SCHEMA_DOCUMENT.at("/$defs/" + name + "/properties");
            Set<String> unpublished = UNPUBLISHED.getOrDefault(type, Set.of());
            List<String> published = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .filter(c -> !unpublished.contains(c)).toList();
            List<String> inSchema = fieldNames(properties).stream()
                    .filter(p -> !properties.get(p).has("not")).toList();

            assertThat(inSchema).as(name + " in the schema vs the record " + type.getName())
                    .containsExactlyInAnyOrderElementsOf(published);
            for (String personal : unpublished) {
                assertThat(properties.path(personal).has("not"))
                        .as(name + "." + personal + " is declared as never published").isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void theReadersRequiredFieldsAreTheSchemasRequiredFields(DossierEventType type) {
        JsonNode required = SCHEMA_DOCUMENT.at("/$defs/" + type.typeName() + "/required");
        List<String> inSchema = StreamSupport.stream(required.spliterator(), false).map(JsonNode::asText).toList();

        assertThat(type.requiredFields()).containsExactlyInAnyOrderElementsOf(inSchema);
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void everyFieldOfEveryTypeIsDescribed(DossierEventType type) {
        JsonNode definition = SCHEMA_DOCUMENT.at("/$defs/" + type.typeName());
        JsonNode properties = definition.path("properties");

        assertThat(definition.path("description").asText()).isNotBlank();
        assertThat(fieldNames(properties)).allSatisfy(field -> assertThat(description(properties.get(field)))
                .as(type.typeName() + "." + field).isNotBlank());
    }

    @Test
    void everyEnvelopeFieldIsDescribed() {
        JsonNode properties = SCHEMA_DOCUMENT.path("properties");

        assertThat(fieldNames(properties)).hasSize(10)
                .allSatisfy(field -> assertThat(description(properties.get(field))).as(field).isNotBlank());
    }

    @Test
    void theSchemaTypeEnumListsExactlyTheContractNames() {
        List<String> inSchema = StreamSupport.stream(SCHEMA_DOCUMENT.at("/properties/type/enum").spliterator(), false)
                .map(JsonNode::asText).toList();

        assertThat(inSchema).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(contractNames());
    }

    @Test
    void everyTypeSelectsItsOwnDataDefinition() {
        // A typo in one if/then branch would silently stop validating that type's data.
        List<String> selected = new ArrayList<>();
        for (JsonNode branch : SCHEMA_DOCUMENT.path("allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            assertThat(branch.at("/then/properties/data/$ref").asText()).isEqualTo("#/$defs/" + type);
            assertThat(SCHEMA_DOCUMENT.at("/$defs/" + type).isObject()).as(type).isTrue();
            selected.add(type);
        }

        assertThat(selected).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(contractNames());
    }

    @Test
    void theWriterRefusesAnEventWithoutAFieldTheContractPromises() {
        // Better to fail in the producer than to publish a record that every consumer dead-letters.
        DossierEventEnvelope noUnit = DossierEventEnvelope.of(UUID.randomUUID(),
                DossierEventFixtures.DOSSIER_A, DossierEventFixtures.CODE_A, 12, 102_876,
                Instant.parse("2026-12-10T02:00:01Z"),
                new DossierEvent.Processed(null, "tran.quoc.hung", null, null, Instant.parse("2026-12-10T02:00:00Z")));

        assertThatThrownBy(() -> CODEC.write(noUnit)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DossierProcessed").hasMessageContaining("unitCode")
                .hasMessageContaining("outcome");
    }

    private static String description(JsonNode property) {
        if (property.hasNonNull("description")) {
            return property.get("description").asText();
        }
        String ref = property.path("$ref").asText();
        return ref.isEmpty() ? "" : SCHEMA_DOCUMENT.at(ref.substring(1)).path("description").asText();
    }

    private static List<String> contractNames() {
        return Arrays.stream(DossierEventType.values()).map(DossierEventType::typeName).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode schemaDocument() {
        try (InputStream in = ProducerContractTest.class.getClassLoader()
                .getResourceAsStream(DossierEventSchema.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
