package vn.motcua.dossier.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {

    @Test
    void percentilesUseTheNearestRank() {
        Percentiles p = new Percentiles(IntStream.rangeClosed(1, 100).mapToLong(i -> 101 - i).toArray());
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(new Percentiles(new long[]{7}).at(99)).isEqualTo(7);
        assertThatThrownBy(() -> new Percentiles(new long[0]).at(50)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceWhosePeakPassesTheTargetIsReportedOverEvenWhenItsResidentMemoryIsBackUnder() {
        String over = Benchmark.memoryLine("dossier-service", 42, 280 * 1024, 320 * 1024, 300, true);
        assertThat(over).contains("280 MB").contains("peak  320 MB (this bench)").contains("OVER by 20 MB");
        String within = Benchmark.memoryLine("catalog-service", 43, 250 * 1024, 300 * 1024, 300, false);
        assertThat(within).contains("peak  300 MB (since start)").contains("target 300 MB: within");
    }

    @Test
    void theProfileSummaryCountsEachSampleOnceByItsInnermostFrameAndOncePerFamilyOnItsStack() {
        var summary = CpuProfile.summarize(List.of(
                List.of("java.math.BigInteger", "sun.security.rsa.RSACore", "org.jose4j.jws.JsonWebSignature",
                        "io.quarkus.oidc.runtime.OidcProvider", "io.vertx.core.impl.ContextImpl"),
                List.of("java.util.HashMap", "java.util.HashMap", "vn.motcua.dossier.store.DossierStore",
                        "org.hibernate.reactive.session.impl.ReactiveSessionImpl", "io.vertx.core.impl.ContextImpl"),
                List.of("com.example.Unknown", "vn.motcua.dossier.api.DossierResource"),
                List.of()));
        assertThat(summary.samples()).isEqualTo(3);
        assertThat(summary.innermost()).containsEntry("JDK BigInteger", 1).containsEntry("JDK", 1)
                .containsEntry("com.example", 1).hasSize(3);
        assertThat(summary.anywhere()).containsEntry("Vert.x", 2).containsEntry("motcua", 2).containsEntry("JDK", 1)
                .containsEntry("OIDC", 1).containsEntry("JWT (jose4j)", 1).containsEntry("Hibernate", 1);
        assertThat(summary.lines(2)).containsExactly("dossier-service CPU by code (JFR, 3 samples):",
                "  innermost frame   JDK 33.3%, JDK BigInteger 33.3%",
                "  anywhere on stack Vert.x 66.7%, motcua 66.7%");
        assertThat(CpuProfile.machineLines(java.util.Map.of("PostgreSQL", 100L, "dossier-service", 50L),
                java.util.Map.of("PostgreSQL", 400L, "dossier-service", 650L, "Kafka broker", 100L), 5.0))
                .containsExactly("machine CPU while measuring: 10.0 s in 5.0 s (2.0 cores busy):",
                        "  dossier-service           6.0 s   60.0%",
                        "  PostgreSQL                3.0 s   30.0%",
                        "  Kafka broker              1.0 s   10.0%");
    }

    @Test
    void theSameSeedGivesTheSameDossiersSoAReRunImportsNothingNew() {
        List<String> first = generate(1, 500);
        assertThat(generate(1, 500)).isEqualTo(first);
        assertThat(generate(2, 500)).isNotEqualTo(first);
    }

    @Test
    void generatedDossiersHaveUniqueCodesAndHistoryInOrderAfterReception() {
        HistoryGenerator g = new HistoryGenerator(7, LocalDate.parse("2026-01-05"), LocalDate.parse("2026-09-30"));
        Set<String> codes = new HashSet<>();
        Set<String> sources = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            ObjectNode d = g.next();
            assertThat(codes.add(d.path("code").asText())).as("code %s unique", d.path("code")).isTrue();
            assertThat(sources.add(d.path("sourceId").asText())).isTrue();
            assertThat(d.path("code").asText()).matches("[0-9A-Z.]+-26\\d{4}-\\d{4}");
            assertThat(d.at("/reception/applicant/personalId").asText()).matches("040\\d{9}");
            Instant previous = Instant.parse(d.at("/reception/receivedAt").asText());
            for (var step : d.path("history")) {
                Instant at = Instant.parse(step.path("at").asText());
                assertThat(at).isAfter(previous);
                previous = at;
            }
        }
    }

    private static List<String> generate(long seed, int n) {
        HistoryGenerator g = new HistoryGenerator(seed, LocalDate.parse("2026-01-05"), LocalDate.parse("2026-09-30"));
        return IntStream.range(0, n).mapToObj(i -> g.next().toString()).toList();
    }
}
