package vn.motcua.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.PC08;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.assertProblem;

/**
 * Two desks pressing the same button, a retry after a lost answer, the same retry sent eight times at once: one
 * effect, one set of events, and every caller gets a meaningful answer.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class ConcurrencyAndIdempotencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        officer = infra.tokens().officer(POLICE);
    }

    // ------------------------------------------------------------------ optimistic concurrency

    @Test
    void givenTenIdenticalCommandsWithTheSameIfMatch_whenSentAtOnce_thenOneSucceedsAndNineGet409() throws Exception {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        String body = JSON.writeValueAsString(Map.of("toUnit", PC06, "stepName", "Thẩm định"));

        List<HttpResponse<String>> answers = parallel(10, i -> post("/api/v1/dossiers/" + id + "/transfers", body,
                "If-Match", "\"1\""));

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409).hasSize(9)
                .allSatisfy(r -> {
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                            ct -> assertThat(ct).startsWith("application/problem+json"));
                    assertThat(json(r).path("type").asText()).endsWith("/version-conflict");
                    assertThat(json(r).path("detailVi").asText()).isNotBlank();
                });
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierTransferred");
    }

    @Test
    void givenTenResultCommandsWithoutIfMatch_whenSentAtOnce_thenExactlyOneProcessedInStoreAndOnTopic()
            throws Exception {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        String body = JSON.writeValueAsString(Map.of("outcome", "GRANTED", "resultDocumentRef", "CCCD-040-2026-0777"));

        List<HttpResponse<String>> answers = parallel(10, i -> post("/api/v1/dossiers/" + id + "/result", body));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 409);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierProcessed");
        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 2);
        assertThat(published).extracting(DossierEventEnvelope::type)
                .containsExactly("DossierReceived", "DossierProcessed");
    }

    @Test
    void givenEightHandOversWithoutIfMatch_whenSentAtOnce_thenEveryOneIsAppendedInSomeOrder() throws Exception {
        // Without If-Match a writer that loses the append is decided again on the newer stream; each loss is another
        // writer's commit, so eight writers at once all get through (with three immediate retries, the last ones
        // used to come back 409)
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            steps.add("Bước " + i);
        }

        List<HttpResponse<String>> answers = parallel(8, i -> post("/api/v1/dossiers/" + id + "/transfers",
                write(Map.of("toUnit", PC06, "stepName", steps.get(i), "stepDeadline", "2026-03-04T10:00:00Z"))));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers).extracting(r -> r.headers().firstValue("ETag").orElse(""))
                .containsExactlyInAnyOrder("\"2\"", "\"3\"", "\"4\"", "\"5\"", "\"6\"", "\"7\"", "\"8\"",
                        "\"9\"");
        assertThat(DossierTestSupport.eventTypes(infra, id)).hasSize(9).first().isEqualTo("DossierReceived");
        assertThat(DossierTestSupport.eventTypes(infra, id)).filteredOn("DossierTransferred"::equals).hasSize(8);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenTenDesksReceivingAtOnce_whenCodesAreGiven_thenTenDossiersNumberedWithoutGapsOrRepeats() throws Exception {
        String desk = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm cấp mã");
        String token = infra.tokens().officer(desk);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(JSON.writeValueAsString(
                    DossierTestSupport.receive(DossierTestSupport.ID_CARD, desk, "COUNTER")));
        }

        List<HttpResponse<String>> answers = parallel(10, i -> postAs(token, "/api/v1/dossiers", bodies.get(i)));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(desk + "-260302-" + String.format("%04d", i));
        }
        assertThat(answers).extracting(r -> json(r).path("code").asText())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void givenReceptionsRefusedAmongTenDesksAtOnce_whenCodesAreGiven_thenTheAcceptedAreNumberedWithoutGaps()
            throws Exception {
        // a reception takes its code while the catalog is still being asked (the two go out together), and the
        // rules decide after it: a refusal by either must give its code back with its transaction
        String desk = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm mã khi từ chối");
        String token = infra.tokens().officer(desk);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> body = DossierTestSupport.receive(DossierTestSupport.ID_CARD, desk, "COUNTER");
            if (i % 5 == 1) {
                body.put("procedureCode", "9.999999"); // the catalog refuses: no such procedure
            } else if (i % 5 == 3) {
                body.put("digitisedDocuments", List.of("Giấy tờ không nộp")); // the rules refuse
            }
            bodies.add(JSON.writeValueAsString(body));
        }

        List<HttpResponse<String>> answers = parallel(10, i -> postAs(token, "/api/v1/dossiers", bodies.get(i)));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 400);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            expected.add(desk + "-260302-" + String.format("%04d", i));
        }
        assertThat(answers).filteredOn(r -> r.statusCode() == 201).extracting(r -> json(r).path("code").asText())
                .containsExactlyInAnyOrderElementsOf(expected);
        // and the next one of the day follows them
        String next = JSON.writeValueAsString(DossierTestSupport.receive(DossierTestSupport.ID_CARD, desk, "COUNTER"));
        assertThat(json(parallel(1, i -> postAs(token, "/api/v1/dossiers", next)).get(0)).path("code").asText())
                .isEqualTo(desk + "-260302-0007");
    }

    @Test
    void givenThirtyReceptionsAtOneDeskAtOnce_whenTheyShareTransactions_thenEachCallerGetsWhatItWouldHaveAlone()
            throws Exception {
        // receptions waiting for the same unit's day counter are written together: every caller must still get its
        // own dossier and code (or its own refusal, or its first answer again), and the codes stay without gaps
        String desk = DossierTestSupport.freshUnit(infra, "Công an phường thử nghiệm tiếp nhận theo nhóm");
        String token = infra.tokens().officer(desk);
        List<String> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> body = DossierTestSupport.receive(DossierTestSupport.ID_CARD, desk, "COUNTER");
            @SuppressWarnings("unchecked") Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
            applicant.put("fullName", "Người nộp nhóm " + i);
            if (i % 10 == 4) {
                body.put("procedureCode", "9.999999"); // the catalog refuses
            } else if (i % 10 == 9) {
                body.put("digitisedDocuments", List.of("Giấy tờ không nộp")); // the rules refuse
            }
            keys.add(i % 3 == 0 ? null : UUID.randomUUID().toString());
            bodies.add(JSON.writeValueAsString(body));
        }
        // 0 and 1, 10 and 11, 20 and 21: the same request sent twice with one key (a desk's retry)
        for (int i = 0; i < 30; i += 10) {
            bodies.set(i + 1, bodies.get(i));
            keys.set(i, "group-retry-" + UUID.randomUUID());
            keys.set(i + 1, keys.get(i));
        }
        double[] groupsBefore = receptionGroups();

        List<HttpResponse<String>> answers = parallel(30, i -> keys.get(i) == null
                ? postAs(token, "/api/v1/dossiers", bodies.get(i))
                : postAs(token, "/api/v1/dossiers", bodies.get(i), "Idempotency-Key", keys.get(i)));

        for (int i = 0; i < 30; i++) {
            int expected = i % 10 == 4 || i % 10 == 9 ? 400 : 201;
            assertThat(answers.get(i).statusCode()).as("reception %d: %s", i, answers.get(i).body())
                    .isEqualTo(expected);
        }
        for (int i = 0; i < 30; i += 10) {
            assertThat(json(answers.get(i + 1)).path("id").asText()).as("a retry gets the first answer")
                    .isEqualTo(json(answers.get(i)).path("id").asText());
        }
        List<String> ids = answers.stream().filter(r -> r.statusCode() == 201).map(r -> json(r).path("id").asText())
                .distinct().toList();
        assertThat(ids).hasSize(30 - 6 - 3);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
            expected.add(desk + "-260302-" + String.format("%04d", i));
        }
        assertThat(answers).filteredOn(r -> r.statusCode() == 201).extracting(r -> json(r).path("code").asText())
                .containsAll(expected).hasSameElementsAs(expected);
        for (String id : ids) {
            assertThat(DossierTestSupport.events(infra, id)).as("events of %s", id).isEqualTo(1);
        }
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_view where receiving_unit = ?",
                desk)).isEqualTo(ids.size());
        double[] groupsAfter = receptionGroups();
        assertThat(groupsAfter[0] - groupsBefore[0]).as("reception transactions").isPositive();
        assertThat(groupsAfter[1] - groupsBefore[1]).as("receptions in groups of more than one")
                .isGreaterThan(groupsAfter[0] - groupsBefore[0]);
        String next = JSON.writeValueAsString(DossierTestSupport.receive(DossierTestSupport.ID_CARD, desk, "COUNTER"));
        assertThat(json(parallel(1, i -> postAs(token, "/api/v1/dossiers", next)).get(0)).path("code").asText())
                .isEqualTo(desk + "-260302-" + String.format("%04d", ids.size() + 1));
    }

    /**
     * The reception groups so far: how many transactions, and how many receptions they held (a line may end with a
     * trace's exemplar).
     */
    private static double[] receptionGroups() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        double[] out = new double[2];
        for (String line : metrics.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("motcua_reception_group_size_(count|sum)(\\{[^}]*})? (\\S+)( #.*)?").matcher(line);
            if (m.matches()) {
                out[m.group(1).equals("count") ? 0 : 1] = Double.parseDouble(m.group(3));
            }
        }
        return out;
    }

    @Test
    void givenStaleIfMatch_whenCommand_then409AndNothingAppended() {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        as(officer).body(Map.of("toUnit", PC06)).header("If-Match", "\"1\"")
                .post("/api/v1/dossiers/" + id + "/transfers").then().statusCode(200).header("ETag", "\"2\"");

        assertProblem(as(officer).body(Map.of("outcome", "DENIED")).header("If-Match", "\"1\"")
                .post("/api/v1/dossiers/" + id + "/result"), 409, "version-conflict")
                .body("field", equalTo("If-Match"));
        assertProblem(as(officer).body(Map.of("outcome", "DENIED")).header("If-Match", "latest")
                .post("/api/v1/dossiers/" + id + "/result"), 400, "invalid-input").body("field", equalTo("If-Match"));

        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierTransferred");
    }

    // ------------------------------------------------------------------ idempotency keys

    @Test
    void givenSameKeyAndSameBody_whenCommandRetried_thenSameAnswerReplayedAndOneSetOfEvents() {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("toUnit", PC06, "stepName", "Thẩm định");

        Response first = as(officer).header("Idempotency-Key", key).body(body)
                .post("/api/v1/dossiers/" + id + "/transfers");
        TestClock.CLOCK.setVietnam("2026-03-02T10:05");
        Response again = as(officer).header("Idempotency-Key", key).body(body)
                .post("/api/v1/dossiers/" + id + "/transfers");

        first.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        again.then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", first.header("ETag"));
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierTransferred");
    }

    @Test
    void givenSameKeyAndSameBody_whenReceiveRetried_thenOneDossierWithTheSameCode() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = DossierTestSupport.idCard();

        Response first = as(officer).header("Idempotency-Key", key).body(body).post("/api/v1/dossiers");
        List<Long> after = DossierTestSupport.footprint(infra);
        Response again = as(officer).header("Idempotency-Key", key).body(body).post("/api/v1/dossiers");

        first.then().statusCode(201);
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.path("id")))
                .body("code", equalTo(first.path("code")))
                .body("lookupSecret", equalTo(first.path("lookupSecret")));
        assertThat(DossierTestSupport.footprint(infra)).isEqualTo(after);
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_view where dossier_code = ?",
                (String) first.path("code"))).isEqualTo(1);
        assertThat(DossierTestSupport.events(infra, first.path("id"))).isEqualTo(1);
    }

    @Test
    void givenSameKeyWithAnotherBody_whenSent_then422AndNothingAppended() {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        String key = UUID.randomUUID().toString();
        as(officer).header("Idempotency-Key", key).body(Map.of("toUnit", PC06))
                .post("/api/v1/dossiers/" + id + "/transfers").then().statusCode(200);

        assertProblem(as(officer).header("Idempotency-Key", key).body(Map.of("toUnit", PC08))
                .post("/api/v1/dossiers/" + id + "/transfers"), 422, "idempotency-key-reused")
                .body("field", equalTo("Idempotency-Key"));
        // the key names one request of this caller, whatever the path
        assertProblem(as(officer).header("Idempotency-Key", key).body(DossierTestSupport.idCard())
                .post("/api/v1/dossiers"), 422, "idempotency-key-reused");

        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierTransferred");
    }

    @Test
    void givenEightParallelReceivesWithTheSameKey_whenSent_thenOneDossierAndEveryoneGetsItsReceipt() throws Exception {
        Map<String, Object> body = DossierTestSupport.idCard();
        String name = "Phan Thị Idempotent " + UUID.randomUUID().toString().substring(0, 8);
        @SuppressWarnings("unchecked") Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        applicant.put("fullName", name);
        String json = JSON.writeValueAsString(body);
        String key = UUID.randomUUID().toString();

        List<HttpResponse<String>> answers = parallel(8, i -> post("/api/v1/dossiers", json, "Idempotency-Key", key));

        assertThat(answers).extracting(HttpResponse::statusCode).as("bodies %s",
                answers.stream().map(HttpResponse::body).toList()).containsOnly(201);
        String id = json(answers.get(0)).path("id").asText();
        assertThat(answers).extracting(r -> json(r).path("id").asText()).containsOnly(id);
        assertThat(answers).extracting(r -> json(r).path("code").asText())
                .containsOnly(json(answers.get(0)).path("code").asText());
        assertThat(answers).filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isPresent()).hasSize(7);
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_view where applicant_name = ?",
                name)).isEqualTo(1);
        assertThat(DossierTestSupport.events(infra, id)).isEqualTo(1);
    }

    @Test
    void givenEightParallelResultsWithTheSameKey_whenSent_thenOneProcessedAndEveryoneGetsTheSameAnswer()
            throws Exception {
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        String body = JSON.writeValueAsString(Map.of("outcome", "GRANTED"));
        String key = UUID.randomUUID().toString();

        List<HttpResponse<String>> answers = parallel(8, i -> post("/api/v1/dossiers/" + id + "/result", body,
                "Idempotency-Key", key));

        assertThat(answers).extracting(HttpResponse::statusCode).as("bodies %s",
                answers.stream().map(HttpResponse::body).toList()).containsOnly(200);
        assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived", "DossierProcessed");
    }

    // ------------------------------------------------------------------ helpers

    private HttpRequest post(String path, String body, String... headers) {
        return postAs(officer, path, body, headers);
    }

    private static HttpRequest postAs(String token, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /** Sends n requests at the same moment from n threads. */
    private static List<HttpResponse<String>> parallel(int n, java.util.function.IntFunction<HttpRequest> request)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest r = request.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return client.send(r, HttpResponse.BodyHandlers.ofString());
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(r.body(), e);
        }
    }
}
