package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The published JSON Schema of catalog events, for contract tests on both sides: the producer validates what it
 * emits, consumers validate the documents they are written against. Needs com.networknt:json-schema-validator.
 */
public final class CatalogEventSchema {
    public static final String RESOURCE = "schemas/catalog-event-v1.schema.json";

    private final JsonSchema schema;
    private final ObjectMapper mapper = CatalogEventCodec.newMapper();

    public CatalogEventSchema() {
        try (InputStream in = CatalogEventSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " not on the class path");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the violations, empty when the document is a valid catalog event */
    public List<String> validate(String json) {
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
