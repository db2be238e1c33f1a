package vn.motcua.dossier.events;

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
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "type", "schemaVersion", "dossierId", "dossierCode", "version", "position",
            "occurredAt", "recordedAt", "data"})
    void anEnvelopeWithoutARequiredFieldIsRejected(String field) {
        ObjectNode doc = emitted("DossierProcessed");
        doc.remove(field);

        assertRejected(doc, field);
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void dataWithoutARequiredFieldIsRejected(DossierEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode doc = emitted(type.typeName());
            ((ObjectNode) doc.get("data")).remove(field);

            assertRejected(doc, field);
        }
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void dataWithARequiredFieldSetToNullIsRejected(DossierEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode doc = emitted(type.typeName());
            ((ObjectNode) doc.get("data")).putNull(field);

            assertRejected(doc, field);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DossierReceived           | /data/channel                  | FAX",
            "DossierRefusedAtReception | /data/channel                  | EMAIL",
            "DossierReturned           | /data/channel                  | IN_PERSON",
            "DossierPaymentRecorded    | /data/channel                  | CASH",
            "DossierProcessed          | /data/issuedElectronically     | yes",
            "DossierReceived           | /data/digitisedDocuments       | all",
            "DossierProcessed          | /data/outcome                  | APPROVED",
            "DossierDueDateChanged     | /data/reason                   | CALENDAR_FIX",
            "DossierReceived           | /data/procedure/legalTime/unit | WORKING_WEEKS",
            "DossierReceived           | /data/procedure/onlineLevel    | LEVEL_4",
            "DossierReceived           | /type                          | DossierArchived"})
    void aValueOutsideItsEnumIsRejected(String type, String pointer, String value) {
        ObjectNode doc = emitted(type);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) (parent.isEmpty() ? doc : doc.at(parent))).put(field, value);

        assertRejected(doc, field);
    }

    @Test
    void anotherSchemaVersionIsRejected() {
        ObjectNode doc = emitted("DossierReceived");
        doc.put("schemaVersion", 2);

        assertRejected(doc, "schemaVersion");
    }

    @Test
    void anEventIdThatIsNotAUuidIsRejected() {
        ObjectNode doc = emitted("DossierReceived");
        doc.put("eventId", "evt-000123");

        assertRejected(doc, "eventId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23 08:15:30", "2026-11-23T08:15:30", "1795403730"})
    void anInstantWithoutAnOffsetOrAsEpochTextIsRejected(String instant) {
        ObjectNode doc = emitted("DossierStopped");
        doc.put("occurredAt", instant);
        ((ObjectNode) doc.get("data")).put("at", instant);

        assertRejected(doc, "occurredAt");
        assertRejected(doc, "at");
    }

    @ParameterizedTest
    @ValueSource(strings = {"09/12/2026", "2026-12-9", "2026-12-09T10:00:00Z", ""})
    void aMalformedDueDateIsRejected(String date) {
        ObjectNode doc = emitted("DossierDueDateChanged");
        ((ObjectNode) doc.at("/data/newDue")).put("date", date);

        assertRejected(doc, "date");
    }

    @Test
    void aDueWithAnInstantButNoDateIsRejected() {
        ObjectNode doc = emitted("DossierDueDateChanged");
        ((ObjectNode) doc.at("/data/dueOfRecord")).putNull("date");

        assertRejected(doc, "date");
    }

    @Test
    void anOverdueRecordWithoutADueInstantIsRejected() {
        ObjectNode doc = emitted("DossierOverdue");
        ((ObjectNode) doc.at("/data/due")).putNull("at").putNull("date");

        assertRejected(doc, "at");
    }

    @Test
    void aCountedProcessingTimeOfZeroIsRejected() {
        ObjectNode doc = emitted("DossierReceived");
        ((ObjectNode) doc.at("/data/procedure/legalTime")).put("amount", 0);

        assertRejected(doc, "amount");
    }

    @Test
    void aPaymentOfNothingIsRejected() {
        ObjectNode doc = emitted("DossierPaymentRequested");
        ((ObjectNode) doc.get("data")).put("amountVnd", 0);

        assertRejected(doc, "amountVnd");
    }

    @Test
    void aSupplementRequestThatAsksForNothingIsRejected() {
        ObjectNode doc = emitted("DossierSupplementRequested");
        ((ObjectNode) doc.get("data")).putArray("missing");

        assertRejected(doc, "missing");
    }

    @Test
    void aPortalStatusOutsideOneToTenIsRejected() {
        ObjectNode doc = emitted("DossierSyncedToNationalPortal");
        ((ObjectNode) doc.get("data")).put("portalStatus", 11);

        assertRejected(doc, "portalStatus");
    }

    @Test
    void aFirstVersionBelowOneIsRejected() {
        ObjectNode doc = emitted("DossierReceived");
        doc.put("version", 0);

        assertRejected(doc, "version");
    }

    @Test
    void notJsonIsReportedNotThrown() {
        assertThat(SCHEMA.validate("{ not json")).singleElement().asString().startsWith("not JSON");
    }

    private static ObjectNode emitted(String type) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(DossierEventFixtures.ofType(type)));
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
