package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.catalog.events.CatalogEventCodec.MalformedEventException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record that no version of the contract could have produced raises {@link MalformedEventException}, which
 * consumers route to their dead-letter topic. It must never be silently skipped (that is reserved for unknown event
 * types) nor leak a Jackson or JDK exception that a consumer would not catch.
 */
class MalformedEventTest {
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();
    private static final CatalogEventSchema SCHEMA = new CatalogEventSchema();

    @Test
    void nullBytesAreMalformed() {
        assertThatThrownBy(() -> CODEC.read(null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void emptyRecordIsMalformed() {
        assertThatThrownBy(() -> CODEC.read(new byte[0])).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"eventType\": \"UnitRegistered\",", "<event type=\"UnitRegistered\"/>",
            "{eventType: UnitRegistered}"})
    void textThatIsNotJsonIsMalformed(String text) {
        assertMalformed(text);
    }

    @Test
    void bytesThatAreNotUtf8TextAreMalformed() {
        byte[] binary = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72};

        assertThatThrownBy(() -> CODEC.read(binary)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void jsonArrayIsMalformed() {
        // Even an array holding a valid event: a record carries exactly one event object.
        String array = "[" + CODEC.writeString(CatalogEventFixtures.unitRegistered()) + "]";

        assertMalformed(array);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "\"UnitRegistered\"", "true"})
    void jsonScalarIsMalformed(String scalar) {
        assertMalformed(scalar);
    }

    @Test
    void objectWithoutEventTypeIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("\"eventType\":\"UnitRegistered\",", "");
        assertThat(json).doesNotContain("eventType");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventType");
    }

    @Test
    void objectWithNullEventTypeIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("\"eventType\":\"UnitRegistered\"", "\"eventType\":null");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventType");
    }

    @Test
    void emptyObjectIsMalformed() {
        assertMalformed("{}");
    }

    @Test
    void knownTypeWithANegativeProcessingTimeIsMalformed() {
        // ProcessingTime's constructor rejects -1; the reader must turn that into MalformedEventException.
        String json = CODEC.writeString(CatalogEventFixtures.commitmentSet())
                .replace("{\"amount\":12,\"unit\":\"WORKING_DAYS\"", "{\"amount\":-1,\"unit\":\"WORKING_DAYS\"");
        assertThat(json).contains("\"amount\":-1");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("CommitmentSet");
        assertThat(SCHEMA.validate(json)).as("the schema agrees").isNotEmpty();
    }

    @Test
    void knownTypeWithAnImmediateTimeThatHasAnAmountIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.procedurePublished())
                .replace("{\"amount\":0,\"unit\":\"IMMEDIATE\"", "{\"amount\":3,\"unit\":\"IMMEDIATE\"");
        assertThat(json).contains("\"amount\":3,\"unit\":\"IMMEDIATE\"");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class);
        assertThat(SCHEMA.validate(json)).as("the schema agrees").isNotEmpty();
    }

    @Test
    void knownTypeWithACountedTimeOfZeroIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.commitmentSet())
                .replace("{\"amount\":12,\"unit\":\"WORKING_DAYS\"", "{\"amount\":0,\"unit\":\"WORKING_DAYS\"");
        assertThat(json).contains("\"amount\":0,\"unit\":\"WORKING_DAYS\"");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class);
        assertThat(SCHEMA.validate(json)).as("the schema agrees").isNotEmpty();
    }

    @Test
    void knownTypeWithAnUnknownProcessingTimeUnitIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.procedurePublished())
                .replace("\"unit\":\"IMMEDIATE\"", "\"unit\":\"WORKING_WEEKS\"");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void knownTypeWithAMalformedDateIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("\"validFrom\":\"2025-07-01\"", "\"validFrom\":\"01/07/2025\"");
        assertThat(json).contains("01/07/2025");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void knownTypeWithABodyOfTheWrongShapeIsMalformed() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(CODEC.write(CatalogEventFixtures.procedurePublished()));
        doc.put("procedure", "1.001193");

        assertThatThrownBy(() -> read(doc.toString())).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void knownTypeWithoutEventIdIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("\"eventId\":\"3f1c9a52-8d4e-4b7a-9c61-2e5d7f80a1b3\",", "");
        assertThat(json).doesNotContain("eventId");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void knownTypeWithoutOccurredAtIsMalformed() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("\"occurredAt\":\"2025-07-01T01:15:30.123456Z\",", "");
        assertThat(json).doesNotContain("occurredAt");

        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("occurredAt");
    }

    private static void assertMalformed(String text) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(MalformedEventException.class);
    }

    private static Object read(String json) {
        return CODEC.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
