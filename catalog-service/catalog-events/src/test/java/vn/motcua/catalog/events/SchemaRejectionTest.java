package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema must reject documents a consumer could not use. Each case starts from a document the producer really
 * emits (valid, checked first), breaks one thing, and expects a violation that names the broken field.
 */
class SchemaRejectionTest {
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();
    private static final CatalogEventSchema SCHEMA = new CatalogEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void missingEventIdIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.remove("eventId");

        assertRejected(doc, "eventId");
    }

    @Test
    void missingOccurredAtIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.remove("occurredAt");

        assertRejected(doc, "occurredAt");
    }

    @Test
    void eventIdThatIsNotAUuidIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.put("eventId", "evt-000123");

        assertRejected(doc, "eventId");
    }

    @Test
    void schemaVersionOtherThanOneIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.put("schemaVersion", 2);

        assertRejected(doc, "schemaVersion");
    }

    @Test
    void schemaVersionAsTextIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.put("schemaVersion", "1");

        assertRejected(doc, "schemaVersion");
    }

    @Test
    void procedurePublishedWithoutProcedureIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        doc.remove("procedure");

        assertRejected(doc, "procedure");
    }

    @Test
    void procedurePublishedWithNullProcedureIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        doc.putNull("procedure");

        assertRejected(doc, "procedure");
    }

    @Test
    void procedureAmendedWithoutNewVersionIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedureAmended());
        doc.remove("newVersion");

        assertRejected(doc, "newVersion");
    }

    @Test
    void calendarYearPublishedWithoutCalendarIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.calendarYearPublished());
        doc.remove("calendar");

        assertRejected(doc, "calendar");
    }

    @Test
    void unitEventWithoutUnitIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitUpdated());
        doc.remove("unit");

        assertRejected(doc, "unit");
    }

    @Test
    void commitmentEventWithoutCommitmentIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.commitmentWithdrawn());
        doc.remove("commitment");

        assertRejected(doc, "commitment");
    }

    @Test
    void procedureWithoutAnyVersionIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        ((ObjectNode) doc.get("procedure")).putArray("versions");

        assertRejected(doc, "versions");
    }

    @Test
    void unknownProcessingTimeUnitInALegalTimeIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedureAmended());
        ((ObjectNode) doc.at("/procedure/versions/1/legalTime")).put("unit", "WORKING_WEEKS");

        assertRejected(doc, "unit");
    }

    @Test
    void unknownProcessingTimeUnitInACommittedTimeIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.commitmentSet());
        ((ObjectNode) doc.at("/commitment/periods/0/committedTime")).put("unit", "NGAY_LAM_VIEC");

        assertRejected(doc, "committedTime");
    }

    @Test
    void negativeProcessingTimeAmountIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedureAmended());
        ((ObjectNode) doc.at("/procedure/versions/0/legalTime")).put("amount", -1);

        assertRejected(doc, "amount");
    }

    @Test
    void countedProcessingTimeOfZeroIsRejected() {
        // "0 working days" is not a processing time: the reader (ProcessingTime) rejects it, so must the schema.
        ObjectNode doc = emitted(CatalogEventFixtures.commitmentSet());
        ((ObjectNode) doc.at("/commitment/periods/1/committedTime")).put("amount", 0);

        assertRejected(doc, "amount");
    }

    @Test
    void immediateProcessingTimeWithAnAmountIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        ((ObjectNode) doc.at("/procedure/versions/0/legalTime")).put("amount", 1);

        assertRejected(doc, "amount");
    }

    @Test
    void unknownUnitTypeOfAUnitIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        ((ObjectNode) doc.get("unit")).put("type", "WARD");

        assertRejected(doc, "type");
    }

    @Test
    void unknownCompetentUnitTypeOfAProcedureIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        ((ObjectNode) doc.get("procedure")).putArray("competentUnitTypes").add("COMMUNE").add("WARD");

        assertRejected(doc, "competentUnitTypes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01/07/2025", "2025-7-1", "2025-07-01T00:00:00Z", "20250701", ""})
    void malformedDateIsRejected(String date) {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        ((ObjectNode) doc.get("unit")).put("validFrom", date);

        assertRejected(doc, "validFrom");
    }

    @Test
    void malformedDateDeepInACalendarIsRejected() {
        ObjectNode doc = emitted(CatalogEventFixtures.calendarYearPublished());
        ((ObjectNode) doc.at("/calendar/daysOff/0")).put("date", "1/1/2025");

        assertRejected(doc, "date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-07-01 08:15:30", "2025-07-01T08:15:30", "1751332530"})
    void occurredAtWithoutAnOffsetOrAsEpochTextIsRejected(String occurredAt) {
        ObjectNode doc = emitted(CatalogEventFixtures.unitRegistered());
        doc.put("occurredAt", occurredAt);

        assertRejected(doc, "occurredAt");
    }

    @Test
    void unknownEventTypeIsNotSchemaValid() {
        // The reader skips unknown types (see ConsumerToleranceTest); the schema of version 1 does not list them.
        ObjectNode doc = emitted(CatalogEventFixtures.procedurePublished());
        doc.put("eventType", "ProcedureRenamed");

        assertRejected(doc, "eventType");
    }

    @Test
    void notJsonIsReportedNotThrown() {
        assertThat(SCHEMA.validate("{ not json")).singleElement().asString().startsWith("not JSON");
    }

    private static ObjectNode emitted(CatalogEvent event) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(event));
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
