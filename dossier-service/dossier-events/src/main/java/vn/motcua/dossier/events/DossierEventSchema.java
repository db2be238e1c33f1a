package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The published JSON Schema of dossier events, for contract tests on both sides: dossier-service validates every
 * event it emits, consumers validate the documents they are written against. Needs
 * com.networknt:json-schema-validator on the class path (an optional dependency of this module).
 */
public final class DossierEventSchema {
    public static final String RESOURCE = "schemas/dossier-event-v1.schema.json";

    private final JsonSchema schema;
    private final ObjectMapper mapper = new ObjectMapper();

    public DossierEventSchema() {
        try (InputStream in = DossierEventSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " not on the class path");
            }
            // formats (uuid, date-time, date) are assertions here, not annotations: consumers parse them
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the violations, empty when the document is a valid dossier event */
    public List<String> validate(String json) {
        try {
            return validate(mapper.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** @return the violations, empty when the document is a valid dossier event */
    public List<String> validate(byte[] json) {
        try {
            return validate(mapper.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public List<String> validate(JsonNode node) {
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
