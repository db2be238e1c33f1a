package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits the catalog's REST validation uses ({@link CatalogLimits}) are the ones its published schema states. */
class DeclaredLimitsTest {

    @Test
    void theSchemaStatesTheDeclaredLimits() throws IOException {
        JsonNode s;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CatalogEventSchema.RESOURCE)) {
            s = new ObjectMapper().readTree(in);
        }
        String pattern = "^" + CatalogLimits.CODE + "$";
        for (String path : new String[]{"/$defs/unit/properties/code", "/$defs/unit/properties/parentCode",
                "/$defs/procedure/properties/code", "/$defs/procedure/properties/fieldCode",
                "/$defs/commitment/properties/unitCode", "/$defs/commitment/properties/procedureCode"}) {
            assertThat(s.at(path + "/maxLength").asInt()).as(path).isEqualTo(CatalogLimits.CODE_MAX);
            assertThat(s.at(path + "/pattern").asText()).as(path).isEqualTo(pattern);
        }
        assertThat(s.at("/$defs/unit/properties/nameVi/maxLength").asInt()).isEqualTo(CatalogLimits.UNIT_NAME_MAX);
        assertThat(s.at("/$defs/procedure/properties/nameVi/maxLength").asInt()).isEqualTo(CatalogLimits.PROCEDURE_NAME_MAX);
    }

    @Test
    void aCodeOfTheLongestLengthIsACodeAndOneLongerIsNot() {
        String longest = "H" + "4".repeat(CatalogLimits.CODE_MAX - 1);
        assertThat(longest).matches(CatalogLimits.CODE);
        assertThat(longest + "0").doesNotMatch(CatalogLimits.CODE);
        assertThat("000.00.20.H40").matches(CatalogLimits.CODE);
        assertThat("xa-nghi_loc.01").matches(CatalogLimits.CODE);
        assertThat(".000").doesNotMatch(CatalogLimits.CODE);
    }
}
