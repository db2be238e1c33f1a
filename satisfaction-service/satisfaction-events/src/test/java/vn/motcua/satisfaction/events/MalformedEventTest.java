package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.satisfaction.events.SatisfactionEventCodec.MalformedEventException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record that no version of the contract could have produced raises {@link MalformedEventException}, which
 * consumers send to their dead-letter topic. It is never skipped silently (that is for unknown types only) and never
 * leaks a Jackson or JDK exception a consumer would not catch.
 */
class MalformedEventTest {
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nullAndEmptyRecordsAreMalformed() {
        assertThatThrownBy(() -> CODEC.read((byte[]) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read((String) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read(new byte[0])).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read("   ")).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\": \"RatingRecorded\",", "<rating overall=\"5\"/>",
            "{type: RatingRecorded}", "RatingRecorded;000.00.20.H40-261123-0001;5"})
    void textThatIsNotJsonIsMalformed(String text) {
        assertMalformed(text);
    }

    @Test
    void bytesThatAreNotTextAreMalformed() {
        byte[] serializedJavaObject = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72};

        assertThatThrownBy(() -> CODEC.read(serializedJavaObject)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aJsonArrayIsMalformedEvenWhenItHoldsAValidEvent() {
        // A record carries exactly one event.
        assertMalformed("[" + CODEC.writeString(SatisfactionEventFixtures.ofType("RatingRecorded")) + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "5", "\"RatingRecorded\"", "true"})
    void aJsonScalarIsMalformed(String scalar) {
        assertMalformed(scalar);
    }

    @Test
    void aDocumentWithoutTypeIsMalformed() {
        ObjectNode doc = emitted("RatingRecorded");
        doc.remove("type");

        assertMalformed(doc, "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "1", "[\"RatingRecorded\"]", "{\"name\": \"RatingRecorded\"}"})
    void aTypeThatIsNotTextIsMalformed(String type) throws IOException {
        ObjectNode doc = emitted("RatingRecorded");
        doc.set("type", JSON.readTree(type));

        assertMalformed(doc, "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "schemaVersion", "dossierCode", "occurredAt", "recordedAt", "data"})
    void anEnvelopeWithoutARequiredFieldIsMalformed(String field) {
        ObjectNode doc = emitted("ComplaintOpened");
        doc.remove(field);

        assertMalformed(doc, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "dossierCode", "occurredAt", "recordedAt", "data"})
    void anEnvelopeWithANullRequiredFieldIsMalformed(String field) {
        ObjectNode doc = emitted("ComplaintOpened");
        doc.putNull(field);

        assertMalformed(doc, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dossierId", "unitCode"})
    void anEventOfAKnownDossierWithoutDossierOrUnitIsMalformed(String field) {
        ObjectNode absent = emitted("RatingRecorded");
        absent.remove(field);
        ObjectNode nulled = emitted("BallotInvalid");
        nulled.putNull(field);

        assertMalformed(absent, field);
        assertMalformed(nulled, field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventId       | \"evt-000123\"",
            "dossierId     | \"000.00.20.H40-261123-0001\"",
            "occurredAt    | \"hôm qua\"",
            "recordedAt    | \"11/12/2026 19:30\"",
            "recordedAt    | 1797078605",
            "occurredAt    | 1797078605412",
            "occurredAt    | [2026, 12, 11, 12, 30, 5]",
            "schemaVersion | 0",
            "schemaVersion | \"1\"",
            "dossierCode   | \"\"",
            "dossierCode   | \"   \"",
            "unitCode      | \"\"",
            "unitCode      | 20"})
    void anEnvelopeFieldOfTheWrongShapeIsMalformed(String field, String value) throws IOException {
        ObjectNode doc = emitted("RatingRecorded");
        doc.set(field, JSON.readTree(value));

        assertMalformed(doc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hài lòng\"", "[]", "5"})
    void dataThatIsNotAnObjectIsMalformed(String data) throws IOException {
        ObjectNode doc = emitted("RatingRecorded");
        doc.set("data", JSON.readTree(data));

        assertMalformed(doc, "data");
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void dataWithoutARequiredFieldIsMalformed(SatisfactionEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode absent = emitted(type.typeName());
            ((ObjectNode) absent.get("data")).remove(field);
            ObjectNode nulled = emitted(type.typeName());
            ((ObjectNode) nulled.get("data")).putNull(field);

            assertMalformed(absent, field);
            assertMalformed(nulled, field);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "status", "reason"})
    void aBlankCodeIsMissing(String field) {
        ObjectNode doc = emitted("BallotInvalid");
        ((ObjectNode) doc.get("data")).put(field, " ");

        assertMalformed(doc, field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RatingRecorded    | /data/overall               | \"năm\"",
            "RatingRecorded    | /data/overall               | \"4\"",
            "RatingRecorded    | /data/overall               | 4.5",
            "RatingRecorded    | /data/satisfied             | \"false\"",
            "RatingRecorded    | /data/satisfied             | 0",
            "RatingRecorded    | /data/complaint             | \"có\"",
            "RatingRecorded    | /data/answers               | {\"publication\": 4}",
            "RatingRecorded    | /data/answers/0/level       | \"4\"",
            "RatingRecorded    | /data/answers/0/criterion   | 7",
            "RatingRecorded    | /data/criteriaSet           | \"POLICE\"",
            "RatingRecorded    | /data/criteriaSet/version   | \"v1\"",
            "RatingRecorded    | /data/ratingId              | \"rating-0001\"",
            "RatingRecorded    | /data/channel               | 5",
            "RatingRecorded    | /data/collectedAt           | \"hôm qua\"",
            "RatingRecorded    | /data/returnedAt            | 1797047100",
            "ComplaintOpened   | /data/due/date              | [2027, 1, 4]",
            "ComplaintOpened   | /data/due/date              | 20270104",
            "RatingRecorded    | /data/ballotNumber          | {\"book\": 3}",
            "BallotInvalid     | /data/status                | [\"INVALID\"]",
            "ComplaintOpened   | /data/due                   | \"2027-01-04\"",
            "ComplaintOpened   | /data/due/date              | \"04/01/2027\"",
            "ComplaintOpened   | /data/calendarDataMissing   | \"no\"",
            "ComplaintResolved | /data/onTime                | \"true\"",
            "ComplaintResolved | /data/complaintId           | \"PA-2026-0001\""})
    void dataOfTheWrongShapeIsMalformed(String type, String pointer, String value) throws IOException {
        ObjectNode doc = emitted(type);
        set(doc, pointer, JSON.readTree(value));

        assertMalformed(doc);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RatingRecorded    | /data/overall             | 0      | overall",
            "RatingRecorded    | /data/overall             | 6      | overall",
            "RatingRecorded    | /data/answers/2/level     | 0      | level",
            "RatingRecorded    | /data/answers/2/level     | 6      | level",
            "RatingRecorded    | /data/answers/2/criterion | \"\"   | criterion",
            "RatingRecorded    | /data/satisfied           | true   | satisfied",
            "RatingRecorded    | /data/criteriaSet/version | 0      | criteriaSet",
            "RatingRecorded    | /data/criteriaSet/code    | \"\"   | criteriaSet",
            "BallotInvalid     | /data/status              | \"VALID\"     | VALID",
            "BallotInvalid     | /data/status              | \"DUPLICATE\" | MULTIPLE_MARKS",
            "ComplaintOpened   | /data/due/date            | null   | due",
            "ComplaintResolved | /data/due/at              | null   | due",
            "ComplaintResolved | /data/onTime              | false  | onTime"})
    void aValueThatBreaksARuleOfTheContractIsMalformed(String type, String pointer, String value, String mentioned)
            throws IOException {
        ObjectNode doc = emitted(type);
        set(doc, pointer, JSON.readTree(value));

        assertMalformed(doc, mentioned);
    }

    @Test
    void anAnswerWithoutLevelIsMalformed() {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.at("/data/answers/3")).remove("level");

        assertMalformed(doc, "level");
    }

    @Test
    void dataOfAnotherTypeIsMalformed() {
        // The type says a rating, the data is a resolved complaint: most of what a rating promises is missing.
        ObjectNode doc = emitted("RatingRecorded");
        doc.set("data", emitted("ComplaintResolved").get("data"));

        assertMalformed(doc, "criteriaSet");
    }

    @Test
    void aBallotWithoutDossierWhoseDossierIsKnownIsMalformed() {
        ObjectNode doc = emitted("BallotInvalid");
        doc.putNull("dossierId").putNull("unitCode");

        assertMalformed(doc, "DOSSIER_UNKNOWN");
    }

    private static void set(ObjectNode doc, String pointer, JsonNode value) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) doc.at(parent)).set(field, value);
    }

    private static ObjectNode emitted(String type) {
        try {
            return (ObjectNode) JSON.readTree(CODEC.write(SatisfactionEventFixtures.ofType(type)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMalformed(String text) {
        assertThatThrownBy(() -> CODEC.read(text)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    private static void assertMalformed(ObjectNode doc) {
        assertMalformed(doc.toString());
    }

    private static void assertMalformed(ObjectNode doc, String mentioned) {
        assertThatThrownBy(() -> CODEC.read(doc.toString())).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(mentioned);
    }
}
