package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.dossier.domain.DossierEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decree 13/2023/NĐ-CP: the applicant's personal data and the receipt's lookup secret stay in dossier-service. Every
 * consumer of the topic would otherwise hold a copy forever (the topic is never deleted).
 */
class PersonalDataTest {
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<DossierEventEnvelope>> withApplicant() {
        return DossierEventFixtures.allVariants().stream()
                .filter(e -> e.data() instanceof DossierEvent.Received
                        || e.data() instanceof DossierEvent.RefusedAtReception)
                .map(e -> Named.of(e.type() + " " + e.dossierCode(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withApplicant")
    void noneOfTheApplicantsDataIsInTheBytes(DossierEventEnvelope envelope) {
        String json = new String(CODEC.write(envelope), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain(DossierEventFixtures.APPLICANT.fullName())
                .doesNotContain(DossierEventFixtures.APPLICANT.personalId())
                .doesNotContain(DossierEventFixtures.APPLICANT.phone())
                .doesNotContain(DossierEventFixtures.APPLICANT.email())
                .doesNotContain("\"applicant\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withApplicant")
    void theLookupSecretIsNotInTheBytes(DossierEventEnvelope envelope) {
        String json = CODEC.writeString(envelope);

        assertThat(json).doesNotContain(DossierEventFixtures.LOOKUP_SECRET_HASH).doesNotContain("lookupSecretHash");
    }

    @Test
    void theFixturesReallyCarryPersonalDataBeforeWriting() {
        // Otherwise the two tests above would pass for the wrong reason.
        DossierEvent.Received received = (DossierEvent.Received) DossierEventFixtures.ofType("DossierReceived").data();

        assertThat(received.applicant()).isEqualTo(DossierEventFixtures.APPLICANT);
        assertThat(received.lookupSecretHash()).isEqualTo(DossierEventFixtures.LOOKUP_SECRET_HASH);
    }

    @Test
    void consumersReadTheApplicantAndTheLookupSecretAsNull() {
        DossierEventEnvelope read = CODEC.read(CODEC.write(DossierEventFixtures.ofType("DossierReceived")))
                .orElseThrow();
        DossierEvent.Received received = (DossierEvent.Received) read.data();

        assertThat(received.applicant()).isNull();
        assertThat(received.lookupSecretHash()).isNull();
        assertThat(received.dossierCode()).isEqualTo(DossierEventFixtures.CODE_A);
    }

    @Test
    void personalDataInADocumentIsRejectedByTheSchemaAndDroppedByTheReader() throws IOException {
        // A producer that leaked it anyway: its own contract test fails, and consumers still never hold it.
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(DossierEventFixtures.ofType("DossierRefusedAtReception")));
        ObjectNode applicant = ((ObjectNode) doc.get("data")).putObject("applicant");
        applicant.put("fullName", "Trần Thị Hương").put("personalId", "040196012345");

        assertThat(SCHEMA.validate(doc)).isNotEmpty();
        DossierEvent.RefusedAtReception read = (DossierEvent.RefusedAtReception)
                CODEC.read(JSON.writeValueAsString(doc)).orElseThrow().data();
        assertThat(read.applicant()).isNull();
    }

    @Test
    void aLookupSecretInADocumentIsRejectedByTheSchema() throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(DossierEventFixtures.ofType("DossierReceived")));
        ((ObjectNode) doc.get("data")).put("lookupSecretHash", DossierEventFixtures.LOOKUP_SECRET_HASH);

        assertThat(SCHEMA.validate(doc)).anySatisfy(m -> assertThat(m).contains("lookupSecretHash"));
    }

    @Test
    void theSchemaSaysWhyTheApplicantIsMissing() throws IOException {
        JsonNode schema;
        try (var in = getClass().getClassLoader().getResourceAsStream(DossierEventSchema.RESOURCE)) {
            schema = JSON.readTree(in);
        }

        assertThat(schema.at("/$defs/DossierReceived/description").asText()).contains("Decree 13/2023");
        assertThat(schema.at("/$defs/DossierRefusedAtReception/description").asText()).contains("Decree 13/2023");
    }
}
