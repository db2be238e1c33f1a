package vn.motcua.reporting;

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
 * real dossier projection on real PostgreSQL: every one is applied, none is dead-lettered or parked.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ContractEdgesTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void everySchemaValidDossierStreamAtTheEdgesIsAppliedAndNoneIsParked() {
        List<DossierEventEdges.Stream> streams = DossierEventEdges.streams().sampleStream().limit(60).toList();
        try (Feed feed = new Feed(infra)) {
            for (DossierEventEdges.Stream s : streams) {
                for (byte[] r : s.records()) {
                    feed.send(DossierTopics.EVENTS, s.dossierId().toString(), r);
                }
            }
        }
        Map<String, Integer> expected = streams.stream().collect(Collectors.toMap(s -> s.dossierId().toString(),
                s -> s.records().size()));
        vn.motcua.testinfra.Consumed.awaitAppliedNoneParked(infra, "reporting", "dossier_fact", expected);
    }

    @Test
    void everySchemaValidUnitAndProcedureAtTheEdgesIsProjectedAndNoneIsParked() {
        vn.motcua.catalog.events.CatalogEventCodec codec = new vn.motcua.catalog.events.CatalogEventCodec();
        List<vn.motcua.catalog.events.CatalogEvent> units = vn.motcua.catalog.events.CatalogEventEdges.units()
                .sampleStream().limit(40).toList();
        List<vn.motcua.catalog.events.CatalogEvent> procedures = vn.motcua.catalog.events.CatalogEventEdges.procedures()
                .sampleStream().limit(40).toList();
        try (Feed feed = new Feed(infra)) {
            for (vn.motcua.catalog.events.CatalogEvent e : units) {
                feed.send(e.topic(), e.key(), codec.write(e));
            }
            for (vn.motcua.catalog.events.CatalogEvent e : procedures) {
                feed.send(e.topic(), e.key(), codec.write(e));
            }
        }
        vn.motcua.testinfra.Consumed.awaitKeysNoneParked(infra, "reporting",
                "select code from reporting.unit where code = any(?::text[])",
                units.stream().map(vn.motcua.catalog.events.CatalogEvent::key).collect(Collectors.toSet()));
        vn.motcua.testinfra.Consumed.awaitKeysNoneParked(infra, "reporting",
                "select code from reporting.procedure where code = any(?::text[])",
                procedures.stream().map(vn.motcua.catalog.events.CatalogEvent::key).collect(Collectors.toSet()));
    }

    @Test
    void everySchemaValidRatingAndBallotAtTheEdgesIsProjectedAndNoneIsParked() {
        vn.motcua.satisfaction.events.SatisfactionEventCodec codec = new vn.motcua.satisfaction.events.SatisfactionEventCodec();
        List<vn.motcua.satisfaction.events.SatisfactionEventEnvelope> events =
                vn.motcua.satisfaction.events.SatisfactionEventEdges.envelopes().sampleStream().limit(60).toList();
        try (Feed feed = new Feed(infra)) {
            for (var e : events) {
                feed.send(vn.motcua.satisfaction.events.SatisfactionTopics.EVENTS, e.key(), codec.write(e));
            }
        }
        vn.motcua.testinfra.Consumed.awaitKeysNoneParked(infra, "reporting",
                "select rating_id::text from reporting.rating_fact where rating_id::text = any(?::text[])",
                events.stream().map(e -> vn.motcua.satisfaction.events.SatisfactionEventEdges.ratingId(e).toString())
                        .collect(Collectors.toSet()));
    }
}
