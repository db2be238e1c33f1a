package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.Types;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a dossier event costs the same on the millionth dossier as on the first: nothing on the dossier view's
 * path makes Hibernate plan a query again for each record. A native query with a result type did (each run a new
 * entry in the query plan cache, entries that never compare equal and all share the statement's hash), and
 * walking those entries took over half of the consumer's CPU behind an import. Counted by Hibernate's statistics
 * (on in the test profile): 120 dossiers' receptions make at most a handful of plan cache misses, not 120.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class QueryPlanCacheTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void applyingDossierEventsPlansNoQueryPerRecord() {
        SatisfactionTestSupport.ensureCatalog(infra);
        Instant now = SatisfactionTestSupport.vn("2026-11-27T10:00");
        TestClock.CLOCK.set(now);
        // one first, so that every statement of the path has been planned once
        SatisfactionTestSupport.dossier(infra).received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1)))
                .awaitVersion(1);
        long missesBefore = sessionFactory.getStatistics().getQueryPlanCacheMissCount();

        List<SatisfactionTestSupport.Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            dossiers.add(SatisfactionTestSupport.dossier(infra)
                    .received(Types.Channel.COUNTER, now.minus(Duration.ofDays(1))));
        }
        dossiers.forEach(d -> d.awaitVersion(1));

        long misses = sessionFactory.getStatistics().getQueryPlanCacheMissCount() - missesBefore;
        assertThat(misses).as("query plan cache misses for 120 dossiers").isLessThan(10);
    }
}
