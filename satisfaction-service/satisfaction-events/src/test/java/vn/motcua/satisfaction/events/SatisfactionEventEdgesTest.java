package vn.motcua.satisfaction.events;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The satisfaction events consumers are fed at the edges are what the contract allows: each schema-valid. */
class SatisfactionEventEdgesTest {
    static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();

    @Provide
    Arbitrary<SatisfactionEventEnvelope> envelopes() {
        return SatisfactionEventEdges.envelopes();
    }

    @Property(tries = 2000)
    void everyEdgeEnvelopeIsSchemaValidAndReadsBack(@ForAll("envelopes") SatisfactionEventEnvelope e) {
        byte[] json = CODEC.write(e);
        assertThat(SCHEMA.validate(new String(json, java.nio.charset.StandardCharsets.UTF_8)))
                .as(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(CODEC.read(json)).isPresent();
    }
}
