package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.anonymous;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;

/** Many submissions at once for one dossier: exactly one counts, whatever the channel. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class OneRatingPerDossierTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    Instant now;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-24T09:00");
        TestClock.CLOCK.set(now);
    }

    @Test
    void tenConcurrentSubmissionsOfTheSameTokenRecordExactlyOneRating() throws Exception {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofMinutes(30)));
        String token = SatisfactionTestSupport.linkToken(infra.tokens().officer(POLICE), d);

        List<Integer> statuses = concurrently(10, i -> anonymous().body(SatisfactionTestSupport.publicRating(1 + i % 5))
                .post("/api/v1/public/ratings/" + token).statusCode());

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).hasSize(1)
                .allSatisfy(r -> assertThat(r.get("status")).isEqualTo("VALID"));
        assertThat(SatisfactionTestSupport.awaitPublished(infra, d.code, 1)).hasSize(1);
    }

    @Test
    void aKioskAndTheLinkAtTheSameMomentStillGiveOneValidRating() throws Exception {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofMinutes(5)));
        String token = SatisfactionTestSupport.linkToken(infra.tokens().officer(POLICE), d);
        String kiosk = infra.tokens().system("kiosk-1", POLICE);

        List<Integer> statuses = concurrently(8, i -> i % 2 == 0
                ? anonymous().body(SatisfactionTestSupport.publicRating(4)).post("/api/v1/public/ratings/" + token)
                .statusCode()
                : as(kiosk).body(SatisfactionTestSupport.rating("KIOSK", d.code, 5)).post("/api/v1/ratings").statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        assertThat(Sql.count(infra, "select count(*) from satisfaction.rating where dossier_code = ? and status = 'VALID'",
                d.code)).isEqualTo(1);
    }

    interface Call {
        int run(int i) throws Exception;
    }

    static List<Integer> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return call.run(k);
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
