package vn.motcua.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A reader with {@link FastInstants} reads every instant exactly as the wrapped java.time deserializer does, and
 * refuses exactly what it refuses: canonical texts of random instants, and texts near that shape.
 */
class FastInstantsTest {
    private static final ObjectMapper STANDARD = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ObjectMapper FAST = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class,
                    new FastInstants(InstantDeserializer.INSTANT)));

    record Holder(Instant at) {
    }

    @Property(tries = 5000)
    void aCanonicalInstantReadsTheSame(@ForAll("instants") Instant instant) throws Exception {
        String json = "{\"at\":\"" + instant + "\"}";
        assertThat(FastInstants.canonical(instant.toString())).isEqualTo(instant);
        assertThat(FAST.readValue(json, Holder.class)).isEqualTo(STANDARD.readValue(json, Holder.class));
    }

    @Provide
    Arbitrary<Instant> instants() {
        // years 0 to 9999 are written without a sign; each precision the writer uses (none, milli, micro, nano)
        Arbitrary<Long> seconds = Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(u -> u * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Property(tries = 5000)
    void aTextNearTheShapeIsJudgedAsTheStandardReaderJudgesIt(@ForAll("nearTexts") String text) {
        String json = "{\"at\":\"" + text + "\"}";
        Object standard = outcome(STANDARD, json);
        assertThat(outcome(FAST, json)).as(text).isEqualTo(standard);
    }

    @Provide
    Arbitrary<String> nearTexts() {
        // a valid canonical text with one character replaced, dropped or added
        Arbitrary<String> base = instants().map(Instant::toString);
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '5', '9', '6', '3', '-', ':', 'T', 't', 'Z', 'z', '.', ' ',
                '+', 'x');
        return Arbitraries.oneOf(
                base.flatMap(s -> Arbitraries.integers().between(0, s.length() - 1).flatMap(i -> chars.map(c ->
                        s.substring(0, i) + c + s.substring(i + 1)))),
                base.flatMap(s -> Arbitraries.integers().between(0, s.length() - 1).map(i ->
                        s.substring(0, i) + s.substring(i + 1))),
                base.flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(i -> chars.map(c ->
                        s.substring(0, i) + c + s.substring(i)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-12-31T24:00:00Z",
            "2026-12-31T23:59:60Z", "2026-12-31T23:60:00Z", "2026-11-23T08:15:30+07:00", "2026-11-23T01:15:30.Z",
            "2026-11-23T01:15:30.1234567891Z", "+12026-11-23T01:15:30Z", "2026-11-23 01:15:30Z",
            "2026-11-23T01:15:30.5z", "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", ""})
    void edgesAreJudgedAsTheStandardReaderJudgesThem(String text) {
        String json = "{\"at\":\"" + text + "\"}";
        assertThat(outcome(FAST, json)).as(text).isEqualTo(outcome(STANDARD, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"at\":1764000000}", "{\"at\":1764000000.5}", "{\"at\":null}", "{\"at\":true}",
            "{\"at\":[]}"})
    void otherTokensGoToTheWrappedReader(String json) {
        assertThat(outcome(FAST, json)).isEqualTo(outcome(STANDARD, json));
    }

    /** The instant read, or the kind of failure. */
    private static Object outcome(ObjectMapper mapper, String json) {
        Throwable failure = catchThrowable(() -> mapper.readValue(json, Holder.class));
        if (failure != null) {
            return failure.getClass();
        }
        try {
            return String.valueOf(mapper.readValue(json, Holder.class).at());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
