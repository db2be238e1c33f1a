package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema rejects documents a consumer could not use. Each case starts from a document the producer really emits
 * (checked valid first), breaks one thing, and expects a violation that names what was broken.
 */
class SchemaRejectionTest {
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "type", "schemaVersion", "dossierId", "dossierCode", "unitCode", "occurredAt",
            "recordedAt", "data"})
    void anEnvelopeWithoutARequiredFieldIsRejected(String field) {
        ObjectNode doc = emitted("RatingRecorded");
        doc.remove(field);

        assertRejected(doc, field);
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void dataWithoutARequiredFieldIsRejected(SatisfactionEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode doc = emitted(type.typeName());
            ((ObjectNode) doc.get("data")).remove(field);

            assertRejected(doc, field);
        }
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void dataWithARequiredFieldSetToNullIsRejected(SatisfactionEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode doc = emitted(type.typeName());
            ((ObjectNode) doc.get("data")).putNull(field);

            assertRejected(doc, field);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1, 10})
    void anOverallLevelOutsideOneToFiveIsRejected(int level) {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.get("data")).put("overall", level);

        assertRejected(doc, "overall");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void anAnswerLevelOutsideOneToFiveIsRejected(int level) {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.at("/data/answers/4")).put("level", level);

        assertRejected(doc, "level");
    }

    @Test
    void aLevelThatIsNotAWholeNumberIsRejected() {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.get("data")).put("overall", 2.5);
        ((ObjectNode) doc.at("/data/answers/0")).put("level", "4");

        assertRejected(doc, "overall");
        assertRejected(doc, "level");
    }

    @Test
    void anAnswerWithoutCriterionOrLevelIsRejected() {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.at("/data/answers/0")).remove("criterion");
        ((ObjectNode) doc.at("/data/answers/1")).remove("level");

        assertRejected(doc, "criterion");
        assertRejected(doc, "level");
    }

    @ParameterizedTest
    @CsvSource({"2, true", "3, true", "4, false", "5, false"})
    void satisfiedMustAgreeWithTheOverallLevel(int overall, boolean satisfied) {
        ObjectNode doc = emitted("RatingRecorded");
        ((ObjectNode) doc.get("data")).put("overall", overall).put("satisfied", satisfied);

        assertRejected(doc, "satisfied");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RatingRecorded    | /data/answers              | {\"publication\": 4}",
            "RatingRecorded    | /data/criteriaSet          | \"POLICE\"",
            "RatingRecorded    | /data/criteriaSet/version  | 0",
            "RatingRecorded    | /data/satisfied            | \"false\"",
            "RatingRecorded    | /data/withComment          | 1",
            "RatingRecorded    | /data/ratingId             | \"rating-0001\"",
            "RatingRecorded    | /data/collectedAt          | \"2026-12-11 19:30:05\"",
            "RatingRecorded    | /data/returnedAt           | 1797047100",
            "RatingRecorded    | /data/ballotNumber         | 412",
            "BallotInvalid     | /data/reasonText           | {\"vi\": \"phiếu không hợp lệ\"}",
            "ComplaintOpened   | /data/due                  | \"2027-01-04\"",
            "ComplaintOpened   | /data/calendarDataMissing  | \"no\"",
            "ComplaintResolved | /data/due/date             | \"04/01/2027\"",
            "ComplaintResolved | /data/onTime               | \"true\"",
            "ComplaintResolved | /data/complaintId          | \"PA-2026-0001\""})
    void aValueOfTheWrongShapeIsRejected(String type, String pointer, String value) throws IOException {
        ObjectNode doc = emitted(type);
        set(doc, pointer, JSON.readTree(value));

        assertRejected(doc, pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RatingRecorded    | /data/channel    | qr",
            "RatingRecorded    | /data/channel    | ''",
            "BallotInvalid     | /data/reason     | multiple marks",
            "BallotInvalid     | /data/status     | VALID",
            "BallotInvalid     | /data/status     | PENDING",
            "ComplaintResolved | /data/timeliness | on time"})
    void aCodeThatIsNotACodeIsRejected(String type, String pointer, String value) {
        ObjectNode doc = emitted(type);
        set(doc, pointer, JSON.getNodeFactory().textNode(value));

        assertRejected(doc, pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    @ParameterizedTest
    @CsvSource({"INCOMPLETE, DUPLICATE", "DUPLICATE, INVALID", "DOSSIER_UNKNOWN, INVALID", "WINDOW_CLOSED, DUPLICATE",
            "MULTIPLE_MARKS, REFUSED"})
    void aKnownReasonWithAnotherStatusIsRejected(String reason, String status) {
        ObjectNode doc = emitted("BallotInvalid");
        ((ObjectNode) doc.get("data")).put("reason", reason).put("status", status);

        assertRejected(doc, "status");
    }

    @ParameterizedTest
    @CsvSource({"LATE, true", "EARLY, false", "ON_TIME, false"})
    void onTimeMustAgreeWithAKnownTimeliness(String timeliness, boolean onTime) {
        ObjectNode doc = emitted("ComplaintResolved");
        ((ObjectNode) doc.get("data")).put("timeliness", timeliness).put("onTime", onTime);

        assertRejected(doc, "onTime");
    }

    @ParameterizedTest
    @EnumSource(value = SatisfactionEventType.class, names = "BALLOT_INVALID", mode = EnumSource.Mode.EXCLUDE)
    void aNullDossierOrUnitIsRejectedForEveryTypeButABallot(SatisfactionEventType type) {
        ObjectNode noDossier = emitted(type.typeName());
        noDossier.putNull("dossierId");
        ObjectNode noUnit = emitted(type.typeName());
        noUnit.putNull("unitCode");

        assertRejected(noDossier, "dossierId");
        assertRejected(noUnit, "unitCode");
    }

    @ParameterizedTest
    @EnumSource(value = InvalidReason.class, names = "DOSSIER_UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void aBallotWithoutDossierIsRejectedUnlessItsDossierIsUnknown(InvalidReason reason) {
        ObjectNode doc = emitted("BallotInvalid");
        doc.putNull("dossierId").putNull("unitCode");
        ((ObjectNode) doc.get("data")).put("reason", reason.name()).put("status", reason.status().name());

        assertRejected(doc, "dossierId");
        assertRejected(doc, "unitCode");
    }

    @Test
    void aBallotOfAnUnknownDossierMayHaveNeitherDossierNorUnit() throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(
                CODEC.write(SatisfactionEventFixtures.example("BallotInvalid-dossier-unknown")));

        assertThat(doc.get("dossierId").isNull()).isTrue();
        assertThat(SCHEMA.validate(doc)).isEmpty();
    }

    @Test
    void aBlankDossierCodeOrUnitIsRejected() {
        ObjectNode doc = emitted("ComplaintOpened");
        doc.put("dossierCode", "").put("unitCode", "");

        assertRejected(doc, "dossierCode");
        assertRejected(doc, "unitCode");
    }

    @Test
    void anotherSchemaVersionIsRejected() {
        ObjectNode doc = emitted("RatingRecorded");
        doc.put("schemaVersion", 2);

        assertRejected(doc, "schemaVersion");
    }

    @Test
    void anUnknownTypeIsRejected() {
        ObjectNode doc = emitted("RatingRecorded");
        doc.put("type", "RatingWithdrawn");

        assertRejected(doc, "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "dossierId"})
    void anIdThatIsNotAUuidIsRejected(String field) {
        ObjectNode doc = emitted("RatingRecorded");
        doc.put(field, "000.00.20.H40-261123-0001");

        assertRejected(doc, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-11 12:30:05", "2026-12-11T12:30:05", "1797078605", "11/12/2026 19:30"})
    void anInstantWithoutAnOffsetOrAsEpochTextIsRejected(String instant) {
        ObjectNode doc = emitted("RatingRecorded");
        doc.put("occurredAt", instant);
        ((ObjectNode) doc.get("data")).put("collectedAt", instant);

        assertRejected(doc, "occurredAt");
        assertRejected(doc, "collectedAt");
    }

    @Test
    void notJsonIsReportedNotThrown() {
        assertThat(SCHEMA.validate("{ not json")).singleElement().asString().startsWith("not JSON");
    }

    private static void set(ObjectNode doc, String pointer, JsonNode value) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) (parent.isEmpty() ? doc : doc.at(parent))).set(field, value);
    }

    private static ObjectNode emitted(String type) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(SatisfactionEventFixtures.ofType(type)));
            assertThat(SCHEMA.validate(doc)).as("the unbroken document is valid").isEmpty();
            return doc;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(JsonNode doc, String mentioned) {
        assertThat(SCHEMA.validate(doc)).as(doc.toString())
                .isNotEmpty()
                .anySatisfy(message -> assertThat(message).contains(mentioned));
    }
}
