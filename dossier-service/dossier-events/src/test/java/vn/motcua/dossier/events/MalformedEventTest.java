package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.dossier.events.DossierEventCodec.MalformedEventException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record that no version of the contract could have produced raises {@link MalformedEventException}, which
 * consumers send to their dead-letter topic. It is never skipped silently (that is for unknown types only) and never
 * leaks a Jackson or JDK exception a consumer would not catch.
 */
class MalformedEventTest {
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nullAndEmptyRecordsAreMalformed() {
        assertThatThrownBy(() -> CODEC.read((byte[]) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read((String) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read(new byte[0])).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CODEC.read("   ")).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\": \"DossierReceived\",", "<event type=\"DossierReceived\"/>",
            "{type: DossierReceived}", "DossierReceived;000.00.20.H40-261123-0001"})
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
        assertMalformed("[" + CODEC.writeString(DossierEventFixtures.ofType("DossierReceived")) + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "\"DossierReceived\"", "true"})
    void aJsonScalarIsMalformed(String scalar) {
        assertMalformed(scalar);
    }

    @Test
    void aDocumentWithoutTypeIsMalformed() {
        ObjectNode doc = emitted("DossierProcessed");
        doc.remove("type");

        assertMalformed(doc, "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "7", "[\"DossierProcessed\"]", "{\"name\": \"DossierProcessed\"}"})
    void aTypeThatIsNotTextIsMalformed(String type) throws IOException {
        ObjectNode doc = emitted("DossierProcessed");
        doc.set("type", JSON.readTree(type));

        assertMalformed(doc, "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "schemaVersion", "dossierId", "dossierCode", "version", "position",
            "occurredAt", "recordedAt", "data"})
    void anEnvelopeWithoutARequiredFieldIsMalformed(String field) {
        ObjectNode doc = emitted("DossierTransferred");
        doc.remove(field);

        assertMalformed(doc, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "dossierId", "dossierCode", "occurredAt", "data"})
    void anEnvelopeWithANullRequiredFieldIsMalformed(String field) {
        ObjectNode doc = emitted("DossierTransferred");
        doc.putNull(field);

        assertMalformed(doc, field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventId    | \"evt-000123\"",
            "dossierId  | \"000.00.20.H40-261123-0001\"",
            "occurredAt | \"hôm qua\"",
            "recordedAt | \"23/11/2026 08:15\"",
            "version    | 0",
            "version    | \"mười hai\"",
            "position   | -1",
            "dossierCode | \"\""})
    void anEnvelopeFieldOfTheWrongShapeIsMalformed(String field, String value) throws IOException {
        ObjectNode doc = emitted("DossierTransferred");
        doc.set(field, JSON.readTree(value));

        assertMalformed(doc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"dừng xử lý\"", "[]", "42"})
    void dataThatIsNotAnObjectIsMalformed(String data) throws IOException {
        ObjectNode doc = emitted("DossierStopped");
        doc.set("data", JSON.readTree(data));

        assertMalformed(doc, "data");
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void dataWithoutARequiredFieldIsMalformed(DossierEventType type) {
        for (String field : type.requiredFields()) {
            ObjectNode doc = emitted(type.typeName());
            ((ObjectNode) doc.get("data")).remove(field);

            assertMalformed(doc, field);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DossierStopped           | /data/at                          | \"hôm qua\"",
            "DossierPaymentRequested  | /data/amountVnd                   | \"ba mươi nghìn đồng\"",
            "DossierReceived          | /data/channel                     | \"FAX\"",
            "DossierReceived          | /data/due                         | \"2026-12-02\"",
            "DossierReceived          | /data/documents                   | {\"CC01\": true}",
            "DossierReceived          | /data/procedure/legalTime/unit    | \"WORKING_WEEKS\"",
            "DossierReceived          | /data/procedure/legalTime/amount  | 0",
            "DossierReceived          | /data/procedure/code              | null",
            "DossierReturned          | /data/channel                     | \"EMAIL\"",
            "DossierProcessed         | /data/outcome                     | \"APPROVED\"",
            "DossierDueDateChanged    | /data/newDue/date                 | \"09/12/2026\"",
            "DossierDueDateChanged    | /data/reason                      | \"CALENDAR_FIX\"",
            "DossierSupplementRequested | /data/requestNumber             | {\"n\": 1}"})
    void dataOfTheWrongShapeIsMalformed(String type, String pointer, String value) throws IOException {
        ObjectNode doc = emitted(type);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) doc.at(parent)).set(field, JSON.readTree(value));

        assertMalformed(doc);
    }

    @Test
    void dataOfAnotherTypeIsMalformed() {
        // The type says received, the data is a hand-over: most of what a reception promises is missing.
        ObjectNode doc = emitted("DossierReceived");
        doc.set("data", emitted("DossierTransferred").get("data"));

        assertMalformed(doc, "dossierCode");
    }

    private static ObjectNode emitted(String type) {
        try {
            return (ObjectNode) JSON.readTree(CODEC.write(DossierEventFixtures.ofType(type)));
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
