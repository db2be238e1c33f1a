package vn.motcua.dossier.events;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge streams consumers are fed are what the contract allows: each record valid against the schema. */
class DossierEventEdgesTest {
    static final DossierEventSchema SCHEMA = new DossierEventSchema();

    @Provide
    Arbitrary<DossierEventEdges.Stream> streams() {
        return DossierEventEdges.streams();
    }

    @Property(tries = 2000)
    void everyEdgeRecordIsSchemaValidAndReadsBack(@ForAll("streams") DossierEventEdges.Stream s) {
        for (byte[] r : s.records()) {
            assertThat(SCHEMA.validate(r)).as(new String(r, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
            assertThat(new DossierEventCodec().read(r)).isPresent();
        }
    }
}
