package vn.motcua.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import vn.motcua.duedate.ProcessingTime;

import java.io.IOException;

/**
 * How every service reads and writes JSON. Reading is strict, so that what a client sends is what it meant:
 * nothing after the JSON value, no number or boolean taken as text (a unit code 12345), no fraction taken as a
 * whole number, no control character in any text (PostgreSQL refuses NUL; the others are never meant), and a
 * bounded nesting depth. REST responses write processing times exactly as the events do: amount and unit only.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    /** Deeper JSON than any motcua body has (a few levels) is refused before it is read further. */
    static final int MAX_NESTING = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ProcessingTime.class, ProcessingTimeJson.class);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).build());
        mapper.registerModule(new SimpleModule("motcua-text").addDeserializer(String.class, new PlainText()));
    }

    /** Whether {@code text} has a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** Text as the default reader reads it, refused when it carries a control character. */
    static final class PlainText extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && hasControlCharacter(text)) {
                throw InvalidFormatException.from(p, "text must not contain control characters", text, String.class);
            }
            return text;
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"dayBased", "officeTimeBased"})
    abstract static class ProcessingTimeJson {
    }
}
