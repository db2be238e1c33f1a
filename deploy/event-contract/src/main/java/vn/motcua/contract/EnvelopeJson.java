package vn.motcua.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Checks a record in one streaming pass, without building it as a tree: the codec then binds the bytes to the
     * type this returns in a second pass (a tree and then the binding from it cost about twice as much).
     *
     * @return the record's type, or empty for a type the contract does not know
     */
    public Optional<T> check(byte[] json) {
        if (json == null || json.length == 0) {
            throw malformed.apply("empty record");
        }
        String typeText = null;
        Set<String> envelopeGiven = new HashSet<>();
        Set<String> dataGiven = null;
        boolean dataIsObject = false;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed.apply("not a JSON object");
            }
            // a field given twice counts as its last value, as a reader of the whole object sees it
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                given(envelopeGiven, name, value != JsonToken.VALUE_NULL);
                if (name.equals("type")) {
                    typeText = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if (name.equals("data")) {
                    dataIsObject = value == JsonToken.START_OBJECT;
                    dataGiven = dataIsObject ? dataFields(p) : null;
                    continue;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw malformed.apply("not JSON: " + e.getMessage());
        }
        if (typeText == null) {
            throw malformed.apply("no type");
        }
        Optional<T> known = typeByName.apply(typeText);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        T type = known.get();
        String name = typeName.apply(type);
        for (String field : envelopeFields) {
            if (!envelopeGiven.contains(field)) {
                throw malformed.apply(name + " without " + field);
            }
        }
        if (!dataIsObject) {
            throw malformed.apply(name + ": data is not an object");
        }
        Set<String> given = dataGiven;
        List<String> missing = requiredData.apply(type).stream().filter(f -> !given.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw malformed.apply(name + ": data without " + String.join(", ", missing));
        }
        return known;
    }

    /** The fields of the object the parser is at that have a value: not null, and not blank text. */
    private static Set<String> dataFields(JsonParser p) throws IOException {
        Set<String> given = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            given(given, field, value != JsonToken.VALUE_NULL
                    && !(value == JsonToken.VALUE_STRING && p.getText().isBlank()));
            p.skipChildren();
        }
        return given;
    }

    private static void given(Set<String> fields, String field, boolean hasValue) {
        if (hasValue) {
            fields.add(field);
        } else {
            fields.remove(field);
        }
    }

    /**
     * Writes an envelope of this type as JSON, straight to bytes (no tree).
     *
     * @throws IllegalArgumentException when a data field the contract promises is null or blank: better to fail in
     *                                  the producer than to publish a record every consumer dead-letters
     */
    public byte[] write(Object envelope, T type) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + typeName.apply(type), e);
        }
        List<String> missing = missingFields(json, type);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(typeName.apply(type) + " without " + String.join(", ", missing));
        }
        return json;
    }

    /**
     * The type's required data fields that are absent, null or blank text in a record as written: read from the
     * bytes in one streaming pass.
     */
    private List<String> missingFields(byte[] json, T type) {
        Set<String> given = Set.of();
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("data")) {
                        given = value == JsonToken.START_OBJECT ? dataFields(p) : Set.of();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a record this writer made is not JSON", e);
        }
        Set<String> found = given;
        return requiredData.apply(type).stream().filter(f -> !found.contains(f)).toList();
    }
}
