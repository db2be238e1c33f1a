package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEdges;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


/**
 * Dossier streams at the edges of the published contract (DossierEventEdges: optional fields absent, the longest
 * codes and names, Vietnamese and emoji, the earliest and latest instants, fields of a newer producer) fed to the
 * real dossier view on real PostgreSQL: every one is applied, none is dead-lettered or parked.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class ContractEdgesTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void everySchemaValidDossierStreamAtTheEdgesIsAppliedAndNoneIsParked() {
        List<DossierEventEdges.Stream> streams = DossierEventEdges.streams().sampleStream().limit(60).toList();
        for (DossierEventEdges.Stream s : streams) {
            for (byte[] r : s.records()) {
                SatisfactionTestSupport.send(infra, DossierTopics.EVENTS, s.dossierId().toString(), r);
            }
        }
        Map<String, Integer> expected = streams.stream().collect(Collectors.toMap(s -> s.dossierId().toString(),
                s -> s.records().size()));
        vn.motcua.testinfra.Consumed.awaitAppliedNoneParked(infra, "satisfaction", "dossier_view", expected);
    }

    @Test
    void everySchemaValidUnitAtTheEdgesIsInTheCatalogViewAndNoneIsParked() {
        vn.motcua.catalog.events.CatalogEventCodec codec = new vn.motcua.catalog.events.CatalogEventCodec();
        List<vn.motcua.catalog.events.CatalogEvent> units = vn.motcua.catalog.events.CatalogEventEdges.units()
                .sampleStream().limit(60).toList();
        for (vn.motcua.catalog.events.CatalogEvent u : units) {
            SatisfactionTestSupport.send(infra, u.topic(), u.key(), codec.write(u));
        }
        vn.motcua.testinfra.Consumed.awaitKeysNoneParked(infra, "satisfaction",
                "select code from satisfaction.catalog_unit where code = any(?::text[])",
                units.stream().map(vn.motcua.catalog.events.CatalogEvent::key).collect(Collectors.toSet()));
    }
}
