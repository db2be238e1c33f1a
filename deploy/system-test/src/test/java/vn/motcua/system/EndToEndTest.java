package vn.motcua.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.system.Scenario.Story;
import vn.motcua.system.Scenario.Window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain through the public REST APIs only: the catalog gets a procedure, dossier-service imports a
 * legacy system's September–October and receives, decides and returns a dossier live, satisfaction-service takes
 * paper ballots and a rating by link, and reporting-service's figures are compared with what {@link Scenario}
 * computes from the scenario alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    static final String PROCEDURE = "E2E-001";
    /** 1 working day by law; unit A commits to 180 working minutes (DOMAIN.md §6's headline case). */
    static final String MINUTES_PROCEDURE = "E2E-180";
    /** The dossier of that procedure: received Monday 3 August 2026 08:00, processed at 15:00 the same day. */
    static final String MINUTES_CODE = Scenario.UNIT_A + "-260803-0990";
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    MotcuaSystem system;
    final List<Story> stories = Scenario.stories();
    final Map<String, String> codes = new LinkedHashMap<>();
    String liveCode;
    String liveId;
    String liveSecret;
    /** The trace the desk software started for the live reception (W3C trace context it sends itself). */
    final String liveTrace = UUID.randomUUID().toString().replace("-", "");
    String refusedPeriod;

    @BeforeAll
    void drive() {
        system = MotcuaSystem.start("end-to-end");
        createProcedure();
        importTheLegacyMonths();
        importTheMinutesDossier();
        paperBallots();
        liveDossier();
        awaitQuiet();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    // ------------------------------------------------------------------ one reception, followed by its trace

    @Test
    void aReceptionIsFollowedByItsTraceFromTheRestCallIntoEveryConsumer() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<OtlpCollector.ReceivedSpan> trace = system.collector.trace(liveTrace);
            // the REST call and its database statements in dossier-service
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("dossier-service");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_SERVER");
                assertThat(s.name()).contains("/api/v1/dossiers");
            });
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("dossier-service");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_CLIENT");
                // the reactive client names the database where the convention names the system: match the statement
                // (the command's one write statement appends the events first, then the outbox rows and the rest)
                assertThat(s.attributes().get("db.statement")).containsPattern("^with ev as \\(\\s*insert into dossier_event");
            });
            // the outbox relay publishing the Received event, after the commit
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("dossier-service");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_PRODUCER");
                assertThat(s.name()).isEqualTo("publish motcua.dossier.events.v1");
                assertThat(s.attributes()).containsEntry("motcua.event.type", "DossierReceived");
            });
            // satisfaction-service's dossier view and reporting-service's projection applying it
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("satisfaction-service");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_CONSUMER");
            });
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("reporting-service");
                assertThat(s.name()).isEqualTo("apply dossiers");
                assertThat(s.attributes()).containsEntry("motcua.dossier", liveId);
            });
        });
        assertThat(system.collector.refused()).isEmpty();
    }

    // ------------------------------------------------------------------ the figures

    @Test
    void scorecardsOfEachUnitAndTheProvinceMatchTheIndependentCalculation() {
        record Target(String unit, String scope, Set<String> units) {
        }
        List<Target> targets = List.of(
                new Target(Scenario.UNIT_A, "UNIT", Set.of(Scenario.UNIT_A)),
                new Target(Scenario.UNIT_B, "UNIT", Set.of(Scenario.UNIT_B)),
                new Target(Scenario.ROOT, "SUBTREE", Set.of(Scenario.UNIT_A, Scenario.UNIT_B)),
                new Target(Scenario.ROOT, "UNIT", Set.of()));
        for (Window w : List.of(Scenario.SEPTEMBER, Scenario.OCTOBER)) {
            for (Target t : targets) {
                JsonNode card = scorecard(t.unit(), t.scope(), w.name());
                Map<String, Long> expected = Scenario.expected(stories, t.units(), w);
                Map<String, Long> actual = new LinkedHashMap<>();
                expected.keySet().forEach(k -> actual.put(k, k.equals("earlyOrOnTime")
                        ? card.path("counts").path("early").asLong() + card.path("counts").path("onTime").asLong()
                        : card.path("counts").path(k).asLong(-1)));
                assertThat(actual).as(t + " " + w.name()).isEqualTo(expected);

                long denominator = expected.get("completed") + expected.get("inProgress");
                BigDecimal national = card.path("figures").path("nationalOnTimeRate").decimalValue();
                if (denominator == 0) {
                    assertThat(card.path("figures").path("nationalOnTimeRate").isNull()).as(t + " " + w.name()).isTrue();
                } else {
                    BigDecimal rate = BigDecimal.valueOf(100 * (expected.get("nationalOnTimeCompleted")
                            + expected.get("nationalNotDueInProgress"))).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
                    assertThat(national).as(t + " " + w.name() + " national on-time rate").isEqualByComparingTo(rate);
                }
            }
        }
    }

    @Test
    void aFigureDrillsDownToTheScenarioDossiersBehindIt() {
        assertThat(drillDown(Scenario.ROOT, "SUBTREE", "2026-10", "overdueOpen")).isEqualTo(codesOf("A4", "B3"));
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", "2026-10", "late")).isEqualTo(codesOf("A2", "A3"));
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", "2026-10", "apologizedInTime")).isEqualTo(codesOf("A3"));
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", "2026-09", "inProgress")).isEqualTo(codesOf("A8"));
    }

    @Test
    void theTwoUnitsAreRankedAmongTheirPeers() {
        JsonNode units = body(given().auth().oauth2(system.tokens.analyst()).queryParam("parent", Scenario.ROOT)
                .queryParam("period", "2026-10").get(system.reporting.baseUrl() + "/api/reports/ranking")
                .then().statusCode(200).extract().asString()).path("units");
        Map<String, Long> received = new LinkedHashMap<>();
        units.forEach(u -> received.put(u.path("unitCode").asText(), u.path("counts").path("received").asLong()));
        assertThat(received).containsEntry(Scenario.UNIT_A, 8L).containsEntry(Scenario.UNIT_B, 3L);
        assertThat(units.get(0).path("rank").asInt()).isEqualTo(1);
    }

    @Test
    void satisfactionServiceCountsTheSameBallotsItPublished() {
        JsonNode a = body(given().auth().oauth2(system.tokens.officer(Scenario.UNIT_A)).queryParam("period", "2026-10")
                .get(system.satisfaction.baseUrl() + "/api/v1/units/" + Scenario.UNIT_A + "/satisfaction")
                .then().statusCode(200).extract().asString());
        Map<String, Long> expected = Scenario.expected(stories, Set.of(Scenario.UNIT_A), Scenario.OCTOBER);
        assertThat(a.path("valid").asLong()).isEqualTo(expected.get("ratings"));
        assertThat(a.path("invalid").asLong()).isEqualTo(expected.get("invalidBallots"));
        assertThat(a.path("satisfied").asLong()).isEqualTo(expected.get("satisfied"));
    }

    @Test
    void theLiveDossierCountsInItsOwnMonth() {
        JsonNode card = scorecard(Scenario.UNIT_A, "UNIT", refusedPeriod);
        assertThat(card.path("counts").path("received").asLong()).isEqualTo(1);
        assertThat(card.path("counts").path("refusedAtReception").asLong()).isEqualTo(1);
        assertThat(card.path("counts").path("completed").asLong()).isEqualTo(1);
        assertThat(card.path("counts").path("returned").asLong()).isEqualTo(1);
        assertThat(card.path("counts").path("ratings").asLong()).isEqualTo(1);
        assertThat(card.path("counts").path("satisfied").asLong()).isEqualTo(1);
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", refusedPeriod, "returned")).containsExactly(liveCode);
    }

    @Test
    void theLeadersDashboardShowsTheProvince() {
        // the province's leader: a leader reads the subtree of the unit in the token
        String leader = system.tokens.issue("lanh.dao@e2e", Set.of("leader"), Scenario.ROOT, Duration.ofMinutes(30));
        String html = given().auth().oauth2(leader).queryParam("unit", Scenario.ROOT).queryParam("period", "2026-10")
                .get(system.reporting.baseUrl() + "/dashboard").then().statusCode(200).extract().asString();
        assertThat(html).contains("Sở Tư pháp tỉnh Nghệ An").contains(codes.get("A4"));
    }

    @Test
    void everyServiceAgreesWithTheEventStore() {
        Reconciliation.Snapshot s = Reconciliation.take(system);
        assertThat(s.differences()).isEmpty();
        assertThat(s.storeLastVersion()).hasSize(stories.size() + 3);
        assertThat(s.topicDuplicates()).isZero();
        assertThat(s.reportedRatings()).hasSize(5);
    }

    @Test
    void inEveryServicesSchemaTheApplicantStandsOnlyInTheEventStoreAndTheSecretNowhere() {
        // the database as a copy of it would show it: every table of the four schemas, read as text
        assertThat(liveSecret).hasSize(10);
        assertThat(vn.motcua.testinfra.Sql.whereInClear(system.postgres, MotcuaSystem.DATABASE,
                List.of("040190012345", "0987654321", liveSecret)))
                .containsOnly(Map.entry("040190012345", List.of("dossier.dossier_event")),
                        Map.entry("0987654321", List.of("dossier.dossier_event")));
    }

    @Test
    void publishedOutboxRowsAreDeletedAfterTheRetention() {
        // catalog-service runs here with a retention of zero: what it published (the seed, the procedure) goes
        long published = vn.motcua.testinfra.TopicReader.readAll(system.kafka.bootstrapServers(), "motcua.catalog.units.v1").size();
        assertThat(published).isGreaterThan(30);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
                vn.motcua.testinfra.Sql.count(system.postgres, MotcuaSystem.DATABASE,
                        "select count(*) from catalog.outbox where published_at is not null") == 0);
        assertThat(vn.motcua.testinfra.Sql.count(system.postgres, MotcuaSystem.DATABASE,
                "select count(*) from catalog.outbox where published_at is null")).isZero();
    }

    // ------------------------------------------------------------------ one rule, one answer, in every service

    @Test
    void aDayProcedureCommittedInMinutesIsLateAfterTheDueInstantInDossierServiceReportingAndTheDrillDown() {
        JsonNode dossier = body(given().auth().oauth2(system.tokens.admin())
                .get(system.dossierUrl() + "/api/v1/dossiers/" + MINUTES_CODE).then().statusCode(200)
                .extract().asString());
        Instant due = Instant.parse(dossier.at("/dueOfRecord/at").asText());
        Instant completed = Instant.parse(dossier.path("completedAt").asText());
        // the premise: completed after the due instant, on the due date
        assertThat(completed).isAfter(due);
        assertThat(dossier.at("/dueOfRecord/date").asText()).isEqualTo("2026-08-03");
        assertThat(completed.atZone(Scenario.VIETNAM).toLocalDate()).hasToString("2026-08-03");

        assertThat(dossier.path("timeliness").asText()).as("dossier-service").isEqualTo("LATE");
        JsonNode card = scorecard(Scenario.UNIT_A, "UNIT", "2026-08");
        assertThat(card.at("/counts/completed").asLong()).isEqualTo(1);
        assertThat(card.at("/counts/late").asLong()).as("reporting-service").isEqualTo(1);
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", "2026-08", "late")).as("the drill-down").containsExactly(MINUTES_CODE);
        assertThat(drillDown(Scenario.UNIT_A, "UNIT", "2026-08", "onTime")).isEmpty();
    }

    // ------------------------------------------------------------------ driving the system

    private void createProcedure() {
        given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "E2E", "nameVi", "Lĩnh vực kiểm thử toàn hệ thống"))
                .put(system.catalog.baseUrl() + "/api/v1/fields/E2E").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("effectiveFrom", "2025-01-01");
        version.put("legalTime", Map.of("amount", Scenario.LEGAL_WORKING_DAYS, "unit", "WORKING_DAYS"));
        version.put("feeVnd", 0);
        version.put("onlineLevel", "FULLY_ONLINE");
        version.put("postalReception", true);
        version.put("postalReturn", true);
        version.put("requiredDocuments", List.of("Tờ khai"));
        given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", PROCEDURE, "nameVi", "Thủ tục kiểm thử toàn hệ thống", "fieldCode", "E2E",
                        "level", "PROVINCE", "competentUnitTypes", List.of("PROVINCE_DEPARTMENT"),
                        "versions", List.of(version)))
                .post(system.catalog.baseUrl() + "/api/v1/procedures").then().statusCode(201);
        Map<String, Object> oneDay = new LinkedHashMap<>(version);
        oneDay.put("legalTime", Map.of("amount", 1, "unit", "WORKING_DAYS"));
        given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", MINUTES_PROCEDURE, "nameVi", "Chứng thực bản sao từ bản chính (kiểm thử)",
                        "fieldCode", "E2E", "level", "PROVINCE", "competentUnitTypes", List.of("PROVINCE_DEPARTMENT"),
                        "versions", List.of(oneDay)))
                .post(system.catalog.baseUrl() + "/api/v1/procedures").then().statusCode(201);
        given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("committedTime", Map.of("amount", 180, "unit", "WORKING_MINUTES"), "effectiveFrom", "2025-01-01"))
                .put(system.catalog.baseUrl() + "/api/v1/units/" + Scenario.UNIT_A + "/commitments/" + MINUTES_PROCEDURE)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private void importTheMinutesDossier() {
        Map<String, Object> reception = new LinkedHashMap<>();
        reception.put("procedureCode", MINUTES_PROCEDURE);
        reception.put("receivingUnit", Scenario.UNIT_A);
        reception.put("competentUnit", Scenario.UNIT_A);
        reception.put("channel", "COUNTER");
        reception.put("applicant", Map.of("fullName", "Lê Văn Cường", "personalId", "040190099999", "phone", "0912345678"));
        reception.put("documents", List.of("Bản chính giấy tờ cần chứng thực"));
        reception.put("receivedAt", instant(LocalDateTime.of(2026, 8, 3, 8, 0)).toString());
        Map<String, Object> batch = Map.of("sourceSystem", "legacy-one-stop", "dossiers", List.of(Map.of(
                "sourceId", "minutes-1", "code", MINUTES_CODE, "reception", reception,
                "history", List.of(Map.of("type", "result", "at", instant(LocalDateTime.of(2026, 8, 3, 15, 0)).toString(),
                        "body", Map.of("outcome", "GRANTED"))))));
        // the commitment reaches dossier-service's catalog replica through Kafka: retry until the due is in minutes
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode report = body(given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON).body(batch)
                    .post(system.dossierUrl() + "/api/v1/imports").then().statusCode(200).extract().asString());
            return report.path("rejected").isEmpty();
        });
    }

    private void importTheLegacyMonths() {
        List<Map<String, Object>> dossiers = new ArrayList<>();
        int n = 0;
        for (Story s : stories) {
            String code = s.unit() + "-" + CODE_DATE.format(s.received()) + "-" + String.format("%04d", 9000 + ++n);
            codes.put(s.key(), code);
            List<Map<String, Object>> history = new ArrayList<>();
            s.steps().forEach(x -> history.add(Map.of("type", x.type(), "at", instant(x.at()).toString(), "body", x.body())));
            Map<String, Object> reception = new LinkedHashMap<>();
            reception.put("procedureCode", PROCEDURE);
            reception.put("receivingUnit", s.unit());
            reception.put("competentUnit", s.unit());
            reception.put("channel", s.channel());
            reception.put("applicant", Map.of("fullName", "Nguyễn Thị " + s.key(), "personalId", "0401900" + String.format("%05d", n),
                    "phone", "0912345678"));
            reception.put("documents", List.of("Tờ khai"));
            reception.put("submittedAt", instant(s.received()).toString());
            reception.put("receivedAt", instant(s.received()).toString());
            dossiers.add(Map.of("sourceId", s.key(), "code", code, "reception", reception, "history", history));
        }
        Map<String, Object> batch = Map.of("sourceSystem", "legacy-one-stop", "dossiers", dossiers);
        // the procedure reaches dossier-service's catalog replica through Kafka: retry until it is known there
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            report[0] = body(given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON).body(batch)
                    .post(system.dossierUrl() + "/api/v1/imports").then().statusCode(200).extract().asString());
            return report[0].path("rejected").isEmpty();
        });
        // a second run of the same import adds nothing
        JsonNode again = body(given().auth().oauth2(system.tokens.admin()).contentType(ContentType.JSON).body(batch)
                .post(system.dossierUrl() + "/api/v1/imports").then().statusCode(200).extract().asString());
        assertThat(again.path("imported").asInt()).as(again.toString()).isZero();
        assertThat(again.path("skipped").asInt()).isEqualTo(stories.size());
    }

    private void paperBallots() {
        for (Story s : stories) {
            s.rating().ifPresent(b -> {
                Map<String, Object> ballot = new LinkedHashMap<>();
                ballot.put("channel", "PAPER");
                ballot.put("dossierCode", codes.get(s.key()));
                ballot.put("ballotNumber", "NA-E2E-" + s.key());
                ballot.put("collectedAt", instant(b.collected()).toString());
                if (b.overall() != null) {
                    ballot.put("overall", b.overall());
                }
                given().auth().oauth2(system.tokens.officer(s.unit())).contentType(ContentType.JSON).body(ballot)
                        .post(system.satisfaction.baseUrl() + "/api/v1/ratings").then().statusCode(org.hamcrest.Matchers.oneOf(201, 202));
            });
        }
    }

    private void liveDossier() {
        String officer = system.tokens.officer(Scenario.UNIT_A);
        String d = system.dossierUrl() + "/api/v1";
        Map<String, Object> applicant = Map.of("fullName", "Trần Văn Bình", "personalId", "040190012345", "phone", "0987654321");
        JsonNode receipt = body(given().auth().oauth2(officer).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + liveTrace + "-00f067aa0ba902b7-01")
                .body(Map.of("procedureCode", PROCEDURE, "receivingUnit", Scenario.UNIT_A, "competentUnit", Scenario.UNIT_A,
                        "channel", "COUNTER", "applicant", applicant, "documents", List.of("Tờ khai")))
                .post(d + "/dossiers").then().statusCode(201).extract().asString());
        liveCode = receipt.path("code").asText();
        liveId = receipt.path("id").asText();
        liveSecret = receipt.path("lookupSecret").asText();
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("procedureCode", PROCEDURE, "receivingUnit", Scenario.UNIT_A, "competentUnit", Scenario.UNIT_A,
                        "channel", "COUNTER", "applicant", applicant, "reason", "Thiếu tờ khai có chữ ký"))
                .post(d + "/dossiers/refusals").then().statusCode(201);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("outcome", "GRANTED"))
                .post(d + "/dossiers/" + liveCode + "/result").then().statusCode(200);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("channel", "COUNTER"))
                .post(d + "/dossiers/" + liveCode + "/return").then().statusCode(200);
        refusedPeriod = java.time.YearMonth.from(Instant.now().atZone(Scenario.VIETNAM)).toString();

        // the citizen scans the QR code on the receipt once satisfaction-service has seen the return
        String s = system.satisfaction.baseUrl() + "/api/v1";
        String[] url = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var r = given().auth().oauth2(officer).get(s + "/dossiers/" + liveCode + "/rating-link");
            if (r.statusCode() != 200) {
                return false;
            }
            url[0] = r.jsonPath().getString("url");
            return url[0] != null;
        });
        given().get(url[0]).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("overall", 5, "comment", "Cán bộ hướng dẫn tận tình"))
                .post(url[0]).then().statusCode(201);
    }

    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Reconciliation.Snapshot s = Reconciliation.take(system);
            assertThat(s.differences()).isEmpty();
            assertThat(s.pendingRatings()).isZero();
            // the two dossiers left open past their due get their Overdue event from dossier-service's watcher
            assertThat(drillDown(Scenario.ROOT, "SUBTREE", "2026-10", "overdueOpen")).hasSize(2);
        });
    }

    // ------------------------------------------------------------------ reading the reports

    private JsonNode scorecard(String unit, String scope, String period) {
        return body(given().auth().oauth2(system.tokens.analyst()).queryParam("unit", unit).queryParam("scope", scope)
                .queryParam("period", period).get(system.reporting.baseUrl() + "/api/reports/scorecard")
                .then().statusCode(200).extract().asString());
    }

    private Set<String> drillDown(String unit, String scope, String period, String figure) {
        return new TreeSet<>(given().auth().oauth2(system.tokens.analyst()).queryParam("unit", unit)
                .queryParam("scope", scope).queryParam("period", period).queryParam("figure", figure)
                .get(system.reporting.baseUrl() + "/api/reports/dossiers").then().statusCode(200)
                .extract().jsonPath().getList("dossierCode", String.class));
    }

    private Set<String> codesOf(String... keys) {
        Set<String> out = new TreeSet<>();
        for (String k : keys) {
            out.add(codes.get(k));
        }
        return out;
    }

    private static Instant instant(LocalDateTime local) {
        return local.atZone(Scenario.VIETNAM).toInstant();
    }

    static JsonNode body(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

}
