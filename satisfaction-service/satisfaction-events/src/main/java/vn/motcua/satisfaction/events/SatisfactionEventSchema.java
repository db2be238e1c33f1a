package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.contract.JsonSchemaDocument;

import java.util.List;

/**
 * The published JSON Schema of satisfaction events ({@value #RESOURCE}), for contract tests on both sides:
 * satisfaction-service validates every event it emits, consumers validate the documents they are written against.
 * Formats (uuid, date-time, date) are assertions, not annotations. Needs vn.motcua:motcua-event-contract and
 * com.networknt:json-schema-validator on the class path (optional dependencies of this module). Thread-safe.
 */
public final class SatisfactionEventSchema {
    public static final String RESOURCE = "schemas/satisfaction-event-v1.schema.json";

    private final JsonSchemaDocument schema =
            JsonSchemaDocument.fromClassPath(RESOURCE, SatisfactionEventSchema.class.getClassLoader());

    /** @return the violations, sorted; empty when the document is a valid satisfaction event */
    public List<String> validate(String json) {
        return schema.validate(json);
    }

    /** @return the violations, sorted; empty when the document is a valid satisfaction event */
    public List<String> validate(byte[] json) {
        return schema.validate(json);
    }

    /** @return the violations, sorted; empty when the document is a valid satisfaction event */
    public List<String> validate(JsonNode node) {
        return schema.validate(node);
    }
}
