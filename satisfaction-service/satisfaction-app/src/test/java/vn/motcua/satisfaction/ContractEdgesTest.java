package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEdges;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> parked = Sql.rows(infra, "select stream, cause, reason from satisfaction.consumer_parked"
                    + " where stream = any(?::text[])", (Object) expected.keySet().toArray(new String[0]));
            assertThat(parked).as("schema-valid records parked").isEmpty();
            Map<String, Integer> applied = Sql.rows(infra, "select dossier_id::text as id, last_version as v"
                            + " from satisfaction.dossier_view where dossier_id::text = any(?::text[])",
                    (Object) expected.keySet().toArray(new String[0])).stream()
                    .collect(Collectors.toMap(r -> (String) r.get("id"), r -> ((Number) r.get("v")).intValue()));
            assertThat(applied).isEqualTo(expected);
        });
    }
}
