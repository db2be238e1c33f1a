package vn.motcua.contract;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads an instant written the way every motcua producer writes one ({@link Instant#toString()}: UTC, {@code Z},
 * none or up to nine fraction digits) with a fast RFC 3339 parser; any other text or token goes to the deserializer
 * it wraps, so what a reader accepts or refuses does not change. java.time's formatter was a fifth of the time a
 * consumer spent decoding an event (several instants each).
 */
public final class FastInstants extends StdDeserializer<Instant> implements ContextualDeserializer {
    private final JsonDeserializer<Instant> otherwise;

    public FastInstants(JsonDeserializer<Instant> otherwise) {
        super(Instant.class);
        this.otherwise = otherwise;
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant fast = canonical(parser.getText());
            if (fast != null) {
                return fast;
            }
        }
        return otherwise.deserialize(parser, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        if (!(otherwise instanceof ContextualDeserializer c)) {
            return this;
        }
        JsonDeserializer<?> contextual = c.createContextual(context, property);
        return contextual == otherwise ? this : new FastInstants((JsonDeserializer<Instant>) contextual);
    }

    /**
     * The instant a text names when it has exactly the canonical shape {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (one to nine
     * fraction digits) and is a valid date and time; null for anything else, which the wrapped deserializer judges.
     */
    static Instant canonical(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z' || (n > 20 && text.charAt(19) != '.')) {
            return null;
        }
        for (int i = 0; i < n - 1; i++) {
            char ch = text.charAt(i);
            char expected = switch (i) {
                case 4, 7 -> '-';
                case 10 -> 'T';
                case 13, 16 -> ':';
                case 19 -> '.';
                default -> '0';
            };
            if (expected == '0' ? ch < '0' || ch > '9' : ch != expected) {
                return null;
            }
        }
        try {
            return ITU.parseDateTime(text).toInstant();
        } catch (DateTimeException notValid) {
            return null;
        }
    }
}
