package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.contract.JsonSchemaDocument;

import java.util.List;

/**
 * The published JSON Schema of catalog events, for contract tests on both sides: the producer validates what it
 * emits, consumers validate the documents they are written against. Needs vn.motcua:motcua-event-contract and
 * com.networknt:json-schema-validator on the class path (optional dependencies of this module).
 */
public final class CatalogEventSchema {
    public static final String RESOURCE = "schemas/catalog-event-v1.schema.json";

    private final JsonSchemaDocument schema =
            JsonSchemaDocument.fromClassPath(RESOURCE, CatalogEventSchema.class.getClassLoader());

    /** @return the violations, sorted; empty when the document is a valid catalog event */
    public List<String> validate(String json) {
        return schema.validate(json);
    }

    /** @return the violations, sorted; empty when the document is a valid catalog event */
    public List<String> validate(byte[] json) {
        return schema.validate(json);
    }

    /** @return the violations, sorted; empty when the document is a valid catalog event */
    public List<String> validate(JsonNode node) {
        return schema.validate(node);
    }
}
