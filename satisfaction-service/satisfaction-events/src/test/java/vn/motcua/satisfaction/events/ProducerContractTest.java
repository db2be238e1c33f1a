package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.satisfaction.events.SatisfactionEvent.Answer;
import vn.motcua.satisfaction.events.SatisfactionEvent.BallotInvalid;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintOpened;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintResolved;
import vn.motcua.satisfaction.events.SatisfactionEvent.CriteriaSetRef;
import vn.motcua.satisfaction.events.SatisfactionEvent.Due;
import vn.motcua.satisfaction.events.SatisfactionEvent.RatingRecorded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drift guard on the producer side: every event satisfaction-service can emit satisfies the published schema and reads
 * back unchanged with the consumers' reader, and the schema follows the Java records. A record component added or
 * renamed without the schema, a schema property without a component, or a code added to an enum without being listed
 * in the schema, fails here.
 */
class ProducerContractTest {
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA_DOCUMENT = schemaDocument();

    static Stream<Named<SatisfactionEventEnvelope>> envelopes() {
        return SatisfactionEventFixtures.allVariants().stream()
                .map(e -> Named.of(e.type() + " " + e.data().getClass().getSimpleName() + " " + e.eventId(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedJsonSatisfiesThePublishedSchema(SatisfactionEventEnvelope envelope) {
        String json = CODEC.writeString(envelope);

        assertThat(SCHEMA.validate(json)).as(json).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedJsonReadsBackToTheSameEnvelope(SatisfactionEventEnvelope envelope) {
        assertThat(CODEC.read(CODEC.write(envelope))).contains(envelope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void emittedEnvelopeNamesTypeDossierAndUnit(SatisfactionEventEnvelope envelope) throws IOException {
        JsonNode node = JSON.readTree(CODEC.write(envelope));

        assertThat(node.path("type").asText()).isEqualTo(SatisfactionEventType.of(envelope.data()).typeName());
        assertThat(node.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(node.path("eventId").asText()).isEqualTo(envelope.eventId().toString());
        assertThat(node.has("dossierId")).as("written even when null").isTrue();
        assertThat(node.has("unitCode")).as("written even when null").isTrue();
        assertThat(node.path("occurredAt").isTextual()).as("ISO-8601 text, never epoch numbers").isTrue();
        assertThat(Instant.parse(node.path("occurredAt").asText())).isEqualTo(envelope.data().at());
    }

    @Test
    void instantsKeepMicrosecondsAndTheUtcDesignatorAndDatesAreDays() {
        SatisfactionEventEnvelope online = SatisfactionEventFixtures.allVariants().stream()
                .filter(e -> e.data() instanceof RatingRecorded r && r.channel().equals("ONLINE")).findFirst()
                .orElseThrow();

        assertThat(CODEC.writeString(online)).contains("\"collectedAt\":\"2026-11-27T13:00:00.123456Z\"");
        assertThat(CODEC.writeString(SatisfactionEventFixtures.ofType("ComplaintOpened")))
                .contains("\"due\":{\"at\":\"2027-01-04T10:00:00Z\",\"date\":\"2027-01-04\"}");
    }

    @Test
    void derivedValuesAreNotWrittenAsFields() throws IOException {
        // at() is the envelope's occurredAt, and key() is the record key: neither is part of data or the envelope.
        for (SatisfactionEventEnvelope envelope : SatisfactionEventFixtures.oneOfEach()) {
            JsonNode node = JSON.readTree(CODEC.write(envelope));
            assertThat(node.path("data").has("at")).as(envelope.type()).isFalse();
            assertThat(node.has("key")).as(envelope.type()).isFalse();
        }
    }

    @Test
    void fixturesCoverEveryEventTypeExactlyOnce() {
        List<Class<?>> covered = SatisfactionEventFixtures.oneOfEach().stream()
                .<Class<?>>map(e -> e.data().getClass()).toList();

        assertThat(covered).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(SatisfactionEvent.class.getPermittedSubclasses());
    }

    @Test
    void theSchemaDescribesEveryComponentOfEveryEventRecordAndNothingElse() {
        for (Class<?> type : SatisfactionEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            String name = SatisfactionEventType.of((Class<? extends SatisfactionEvent>) type).typeName();

            assertThat(fieldNames(SCHEMA_DOCUMENT.at("/$defs/" + name + "/properties")))
                    .as(name + " in the schema vs the record " + type.getName())
                    .containsExactlyInAnyOrderElementsOf(components(type));
        }
    }

    @Test
    void theSchemaDescribesEveryComponentOfTheHelperRecordsAndOfTheEnvelope() {
        Map<String, Class<?>> helpers = Map.of("answer", Answer.class, "criteriaSetRef", CriteriaSetRef.class,
                "due", Due.class);
        helpers.forEach((definition, type) ->
                assertThat(fieldNames(SCHEMA_DOCUMENT.at("/$defs/" + definition + "/properties"))).as(definition)
                        .containsExactlyInAnyOrderElementsOf(components(type)));

        assertThat(fieldNames(SCHEMA_DOCUMENT.path("properties")))
                .containsExactlyInAnyOrderElementsOf(components(SatisfactionEventEnvelope.class));
        assertThat(StreamSupport.stream(SCHEMA_DOCUMENT.path("required").spliterator(), false).map(JsonNode::asText))
                .as("every envelope field is written, null or not")
                .containsExactlyInAnyOrderElementsOf(components(SatisfactionEventEnvelope.class));
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void theReadersRequiredFieldsAreTheSchemasRequiredFields(SatisfactionEventType type) {
        JsonNode required = SCHEMA_DOCUMENT.at("/$defs/" + type.typeName() + "/required");
        List<String> inSchema = StreamSupport.stream(required.spliterator(), false).map(JsonNode::asText).toList();

        assertThat(type.requiredFields()).containsExactlyInAnyOrderElementsOf(inSchema);
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void everyFieldOfEveryTypeIsDescribed(SatisfactionEventType type) {
        JsonNode definition = SCHEMA_DOCUMENT.at("/$defs/" + type.typeName());
        JsonNode properties = definition.path("properties");

        assertThat(definition.path("description").asText()).isNotBlank();
        assertThat(fieldNames(properties)).allSatisfy(field -> assertThat(description(properties.get(field)))
                .as(type.typeName() + "." + field).isNotBlank());
    }

    @Test
    void everyEnvelopeFieldIsDescribed() {
        JsonNode properties = SCHEMA_DOCUMENT.path("properties");

        assertThat(fieldNames(properties)).hasSize(9)
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
    void theSchemaListsEveryKnownCodeWithoutClosingTheList() {
        assertThat(texts(SCHEMA_DOCUMENT.at("/$defs/channel/examples")))
                .containsExactly(names(RatingChannel.values()));
        assertThat(texts(SCHEMA_DOCUMENT.at("/$defs/invalidReason/examples")))
                .containsExactly(names(InvalidReason.values()));
        List<String> notCounting = Arrays.stream(InvalidReason.values()).map(r -> r.status().name()).distinct()
                .toList();
        assertThat(texts(SCHEMA_DOCUMENT.at("/$defs/ballotStatus/examples")))
                .containsExactlyInAnyOrderElementsOf(notCounting);
        assertThat(texts(SCHEMA_DOCUMENT.at("/$defs/ballotStatus/allOf/1/not/enum")))
                .containsExactlyInAnyOrder("VALID", "PENDING")
                .doesNotContainAnyElementsOf(notCounting);
        assertThat(texts(SCHEMA_DOCUMENT.at("/$defs/timeliness/examples")))
                .containsExactly("EARLY", "ON_TIME", "LATE");
        for (String code : List.of("channel", "invalidReason", "timeliness")) {
            assertThat(SCHEMA_DOCUMENT.at("/$defs/" + code).has("enum")).as(code + " is an open code").isFalse();
        }
    }

    @Test
    void theSchemaPairsEveryReasonWithTheStatusOfInvalidReason() {
        Map<String, String> statusByReason = new HashMap<>();
        for (JsonNode branch : SCHEMA_DOCUMENT.at("/$defs/BallotInvalid/allOf")) {
            String status = branch.at("/then/properties/status/const").asText();
            for (String reason : texts(branch.at("/if/properties/reason/enum"))) {
                assertThat(statusByReason.put(reason, status)).as(reason + " listed once").isNull();
            }
        }
        Map<String, String> expected = new HashMap<>();
        EnumSet.allOf(InvalidReason.class).forEach(r -> expected.put(r.name(), r.status().name()));

        assertThat(statusByReason).isEqualTo(expected);
    }

    @Test
    void theWriterRefusesAnEventWithoutAFieldTheContractPromises() {
        // Better to fail in the producer than to publish a record that every consumer dead-letters.
        RatingRecorded incomplete = new RatingRecorded(UUID.randomUUID(), null, null, List.of(), 4, true, false, false,
                null, Instant.parse("2026-12-11T12:30:05Z"), Instant.parse("2026-12-11T03:45:00Z"));

        assertThatThrownBy(() -> CODEC.write(envelopeOf(incomplete))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RatingRecorded").hasMessageContaining("channel")
                .hasMessageContaining("criteriaSet");
    }

    @Test
    void theWriterRefusesABlankCode() {
        BallotInvalid blank = new BallotInvalid(UUID.randomUUID(), "PAPER", "INVALID", " ", null, null,
                Instant.parse("2026-11-24T02:10:00Z"));

        assertThatThrownBy(() -> CODEC.write(envelopeOf(blank))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    static Stream<Named<SatisfactionEvent>> eventsBreakingARule() {
        Instant at = Instant.parse("2026-12-11T12:30:05Z");
        Instant returned = Instant.parse("2026-12-11T03:45:00Z");
        SatisfactionEvent.CriteriaSetRef police = SatisfactionEventFixtures.POLICE;
        Due due = SatisfactionEventFixtures.COMPLAINT_DUE;
        UUID id = UUID.randomUUID();
        return Stream.of(
                Named.of("overall 0", new RatingRecorded(id, "QR", police, List.of(), 0, false, false, false, null, at,
                        returned)),
                Named.of("overall 6", new RatingRecorded(id, "QR", police, List.of(), 6, true, false, false, null, at,
                        returned)),
                Named.of("an answer of level 6", new RatingRecorded(id, "QR", police,
                        List.of(new Answer("result", 6)), 5, true, false, false, null, at, returned)),
                Named.of("an answer without criterion", new RatingRecorded(id, "QR", police,
                        List.of(new Answer("", 3)), 3, false, false, false, null, at, returned)),
                Named.of("satisfied at level 3", new RatingRecorded(id, "QR", police, List.of(), 3, true, false,
                        false, null, at, returned)),
                Named.of("not satisfied at level 4", new RatingRecorded(id, "QR", police, List.of(), 4, false, false,
                        false, null, at, returned)),
                Named.of("criteria set version 0", new RatingRecorded(id, "QR", new CriteriaSetRef("POLICE", 0),
                        List.of(), 4, true, false, false, null, at, returned)),
                Named.of("a ballot with status VALID", new BallotInvalid(id, "PAPER", "VALID", "OTHER", null, null,
                        at)),
                Named.of("a ballot with status PENDING", new BallotInvalid(id, "QR", "PENDING", "NOT_RETURNED", null,
                        null, at)),
                Named.of("a duplicate counted as invalid", new BallotInvalid(id, "PAPER", "INVALID", "DUPLICATE",
                        null, null, at)),
                Named.of("a complaint due without date", new ComplaintOpened(id, id, "QR", at, new Due(at, null),
                        false)),
                Named.of("late but on time", new ComplaintResolved(id, id, at, at, due, "LATE", true)),
                Named.of("early but not on time", new ComplaintResolved(id, id, at, at, due, "EARLY", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsBreakingARule")
    void theWriterRefusesAnEventThatBreaksARuleOfTheSchema(SatisfactionEvent event) throws IOException {
        SatisfactionEventEnvelope envelope = envelopeOf(event);

        assertThatThrownBy(() -> CODEC.write(envelope)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(envelope.type());
        // the schema agrees: the same document, written without the codec's checks, is invalid
        ObjectMapper unchecked = SatisfactionEventCodec.configure(new ObjectMapper());
        assertThat(SCHEMA.validate(unchecked.valueToTree(envelope))).isNotEmpty();
    }

    private static SatisfactionEventEnvelope envelopeOf(SatisfactionEvent event) {
        return SatisfactionEventEnvelope.of(UUID.randomUUID(), SatisfactionEventFixtures.DOSSIER_A,
                SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06, event.at().plusMillis(250), event);
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static String description(JsonNode property) {
        if (property.hasNonNull("description")) {
            return property.get("description").asText();
        }
        String ref = property.path("$ref").asText();
        return ref.isEmpty() ? "" : SCHEMA_DOCUMENT.at(ref.substring(1)).path("description").asText();
    }

    private static List<String> contractNames() {
        return Arrays.stream(SatisfactionEventType.values()).map(SatisfactionEventType::typeName).toList();
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode schemaDocument() {
        try (InputStream in = ProducerContractTest.class.getClassLoader()
                .getResourceAsStream(SatisfactionEventSchema.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
