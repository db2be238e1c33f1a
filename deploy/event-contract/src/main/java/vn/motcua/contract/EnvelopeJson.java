package vn.motcua.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks every motcua event reader makes before binding a record to its type: one JSON object, a textual
 * {@code type}, the envelope's fields present, {@code data} an object carrying the type's required fields. An unknown
 * type is not an error (a newer producer): the reader skips it. Anything else is malformed, reported through the
 * contract's own exception so that consumers catch one type per contract.
 *
 * @param <T> the contract's enum of known event types
 */
public final class EnvelopeJson<T> {
    private final ObjectMapper mapper;
    private final Function<String, Optional<T>> typeByName;
    private final Function<T, String> typeName;
    private final Function<T, List<String>> requiredData;
    private final List<String> envelopeFields;
    private final Function<String, ? extends RuntimeException> malformed;

    /** A record that passed the checks: its type, the whole envelope and its {@code data}. */
    public record Checked<T>(T type, JsonNode envelope, JsonNode data) {
    }

    public EnvelopeJson(ObjectMapper mapper, Function<String, Optional<T>> typeByName, Function<T, String> typeName,
                        Function<T, List<String>> requiredData, List<String> envelopeFields,
                        Function<String, ? extends RuntimeException> malformed) {
        this.mapper = mapper;
        this.typeByName = typeByName;
        this.typeName = typeName;
        this.requiredData = requiredData;
        this.envelopeFields = List.copyOf(envelopeFields);
        this.malformed = malformed;
    }

    /** @return the checked record, or empty for a type the contract does not know */
    public Optional<Checked<T>> check(byte[] json) {
        if (json == null || json.length == 0) {
            throw malformed.apply("empty record");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw malformed.apply("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw malformed.apply("not a JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw malformed.apply("no type");
        }
        Optional<T> known = typeByName.apply(typeNode.asText());
        if (known.isEmpty()) {
            return Optional.empty();
        }
        T type = known.get();
        String name = typeName.apply(type);
        for (String field : envelopeFields) {
            if (!node.hasNonNull(field)) {
                throw malformed.apply(name + " without " + field);
            }
        }
        JsonNode data = node.get("data");
        if (!data.isObject()) {
            throw malformed.apply(name + ": data is not an object");
        }
        List<String> missing = missingFields(data, type);
        if (!missing.isEmpty()) {
            throw malformed.apply(name + ": data without " + String.join(", ", missing));
        }
        return Optional.of(new Checked<>(type, node, data));
    }

    /**
     * The type's required data fields that are absent, null or blank text (writers refuse to publish such a
     * record).
     */
    public List<String> missingFields(JsonNode data, T type) {
        return requiredData.apply(type).stream().filter(f -> {
            JsonNode value = data == null ? null : data.get(f);
            return value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
        }).toList();
    }
}
