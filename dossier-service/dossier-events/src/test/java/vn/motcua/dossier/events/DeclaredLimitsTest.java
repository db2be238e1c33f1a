package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits the REST validation uses ({@link DossierLimits}) are the ones the published schema states, and a value
 * at the limit passes the schema while one past it does not.
 */
class DeclaredLimitsTest {
    static JsonNode schema() throws IOException {
        try (InputStream in = DeclaredLimitsTest.class.getClassLoader().getResourceAsStream(DossierEventSchema.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theSchemaStatesTheDeclaredLimits() throws IOException {
        JsonNode s = schema();
        JsonNode code = s.at("/properties/dossierCode");
        assertThat(code.path("maxLength").asInt()).isEqualTo(DossierLimits.DOSSIER_CODE_MAX);
        assertThat(code.path("pattern").asText()).isEqualTo("^" + DossierLimits.DOSSIER_CODE + "$");
        assertThat(s.at("/$defs/DossierTransferred/properties/stepName/maxLength").asInt())
                .isEqualTo(DossierLimits.STEP_NAME_MAX);
        assertThat(s.at("/$defs/officer/maxLength").asInt()).isEqualTo(DossierLimits.OFFICER_MAX);
        // the catalog's limits, as the catalog declares them (CatalogLimits: 64-character codes, 1,000-character names)
        assertThat(s.at("/$defs/unitCode/maxLength").asInt()).isEqualTo(64);
        assertThat(s.at("/$defs/unitCode/pattern").asText()).isEqualTo("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}$");
        assertThat(s.at("/$defs/procedureTerms/properties/code/maxLength").asInt()).isEqualTo(64);
        assertThat(s.at("/$defs/procedureTerms/properties/nameVi/maxLength").asInt()).isEqualTo(1000);
        // the portal's error as the refusal event keeps it
        assertThat(s.at("/$defs/DossierNationalPortalSyncRefused/properties/errorCode/maxLength").asInt())
                .isEqualTo(vn.motcua.dossier.domain.DossierEvent.NationalPortalSyncRefused.ERROR_CODE_MAX);
        assertThat(s.at("/$defs/DossierNationalPortalSyncRefused/properties/errorMessage/maxLength").asInt())
                .isEqualTo(vn.motcua.dossier.domain.DossierEvent.NationalPortalSyncRefused.ERROR_MESSAGE_MAX);
    }

    @Test
    void aPortalErrorLongerThanTheLimitIsCutToAValidEvent() {
        var refused = new vn.motcua.dossier.domain.DossierEvent.NationalPortalSyncRefused(3, "E".repeat(65),
                "ồ".repeat(501), java.time.Instant.parse("2026-12-01T09:00:12Z"));
        var envelope = DossierEventEnvelope.of(java.util.UUID.randomUUID(), DossierEventFixtures.DOSSIER_D,
                DossierEventFixtures.CODE_D, 5, 1, refused.at(), refused);

        assertThat(refused.errorCode()).hasSize(64);
        assertThat(refused.errorMessage()).hasSize(500);
        assertThat(new DossierEventSchema().validate(new DossierEventCodec().writeString(envelope))).isEmpty();
    }

    @Test
    void aCodeAtTheLimitPassesAndOnePastItDoesNot() {
        String atLimit = "A" + "1".repeat(DossierLimits.DOSSIER_CODE_MAX - 1);
        assertThat(atLimit).matches(DossierLimits.DOSSIER_CODE);
        assertThat(atLimit + "1").doesNotMatch(DossierLimits.DOSSIER_CODE);
        assertThat("000.00.20.H40-261123-0001").matches(DossierLimits.DOSSIER_CODE);
        assertThat("H40-XA_01-261123-0001").matches(DossierLimits.DOSSIER_CODE);
        assertThat("-261123-0001").doesNotMatch(DossierLimits.DOSSIER_CODE);
        assertThat("000.00.20.H40 261123").doesNotMatch(DossierLimits.DOSSIER_CODE);
    }
}
