package vn.motcua.catalog.events;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog events consumers are fed at the edges are what the contract allows: each valid against the schema. */
class CatalogEventEdgesTest {
    static final CatalogEventSchema SCHEMA = new CatalogEventSchema();
    static final CatalogEventCodec CODEC = new CatalogEventCodec();

    @Provide
    Arbitrary<CatalogEvent> events() {
        return net.jqwik.api.Arbitraries.oneOf(CatalogEventEdges.units(), CatalogEventEdges.procedures());
    }

    @Property(tries = 2000)
    void everyEdgeEventIsSchemaValidAndReadsBack(@ForAll("events") CatalogEvent e) {
        byte[] json = CODEC.write(e);
        assertThat(SCHEMA.validate(json)).as(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(CODEC.read(json)).contains(e);
    }
}
