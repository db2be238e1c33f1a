package vn.motcua.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * A published JSON Schema (draft 2020-12) read from the class path, and the validation of documents against it. Each
 * event contract module wraps one of these around its own schema resource; producers validate what they emit,
 * consumers validate the documents they are written against.
 *
 * <p>Formats ({@code uuid}, {@code date-time}, {@code date}, ...) are assertions, not annotations: consumers parse
 * those values, so a document whose instant has no offset is invalid, not merely annotated.
 *
 * <p>Thread-safe once loaded: every validator is built when the schema is loaded, so create one per schema and share
 * it.
 */
public final class JsonSchemaDocument {
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final String resource;
    private final JsonSchema schema;
    // One record is one JSON value: content after it makes the document invalid rather than silently ignored.
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonSchemaDocument(String resource, JsonSchema schema) {
        this.resource = resource;
        this.schema = schema;
    }

    /**
     * Loads a schema resource, e.g. {@code schemas/dossier-event-v1.schema.json}.
     *
     * @param resource    the resource name, as for {@link ClassLoader#getResourceAsStream(String)} (no leading slash)
     * @param classLoader the class loader that sees the resource: usually that of the contract module's own class
     * @throws IllegalStateException when the resource is not on the class path or is not a usable JSON Schema
     * @throws UncheckedIOException  when the resource cannot be read
     */
    public static JsonSchemaDocument fromClassPath(String resource, ClassLoader classLoader) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(classLoader, "classLoader");
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the class path");
            }
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, CONFIG);
            // Builds every validator and resolves every $ref now: a broken schema fails here, not in the middle of
            // a test, and validation afterwards only reads shared state.
            schema.initializeValidators();
            return new JsonSchemaDocument(resource, schema);
        } catch (JsonSchemaException e) {
            throw new IllegalStateException(resource + " is not a usable JSON Schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The resource the schema was loaded from. */
    public String resource() {
        return resource;
    }

    /**
     * @return the violations, sorted; empty when the document is valid; a single {@code "not JSON: ..."} entry when
     *         the text is not one JSON document
     */
    public List<String> validate(String json) {
        if (json == null) {
            return List.of("not JSON: no document");
        }
        try {
            return validateParsed(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            return notJson(e);
        }
    }

    /**
     * @return the violations, sorted; empty when the document is valid; a single {@code "not JSON: ..."} entry when
     *         the bytes are not one JSON document
     */
    public List<String> validate(byte[] json) {
        if (json == null) {
            return List.of("not JSON: no document");
        }
        try {
            return validateParsed(mapper.readTree(json));
        } catch (IOException e) {
            return notJson(e);
        }
    }

    /** @return the violations, sorted; empty when the document is valid */
    public List<String> validate(JsonNode document) {
        Objects.requireNonNull(document, "document");
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private List<String> validateParsed(JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return List.of("not JSON: empty document");
        }
        return validate(document);
    }

    private static List<String> notJson(IOException e) {
        return List.of("not JSON: " + e.getMessage());
    }

    @Override
    public String toString() {
        return "JsonSchemaDocument[" + resource + "]";
    }
}
