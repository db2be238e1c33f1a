package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.dossier.DossierTestSupport.COMMUNE;
import static vn.motcua.dossier.DossierTestSupport.NO_ONLINE;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.assertProblem;
import static vn.motcua.dossier.DossierTestSupport.vn;

/**
 * Historical dossiers from the old one-stop software: decided by the same rules, with their original instants, once
 * however often the batch is sent, and a bad record reported without stopping the others.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class ImportTest {
    /** All received Monday 5 January 2026 09:00 (ID card, 3 committed working days): due Thursday 8 January 17:00. */
    static final String MONDAY_5 = "2026-01-05T09:00";
    static final Instant THURSDAY_8_CLOSE = vn("2026-01-08T17:00");

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    /** Imported codes are national codes of the day of reception: a block of sequences per test, none shared. */
    static final java.util.concurrent.atomic.AtomicInteger SEQUENCES = new java.util.concurrent.atomic.AtomicInteger(5000);

    String admin;
    String prefix;
    final Map<String, String> codes = new HashMap<>();

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        admin = infra.tokens().admin();
        prefix = "MCDT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void givenHistoricalBatch_whenImportedTwice_thenImportedOnceWithOriginalInstantsAndBadRecordsReported() {
        Map<String, Object> batch = batch(
                dossier("A", List.of(
                        step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06, "stepName", "Thẩm định",
                                "stepDeadline", vn("2026-01-07T17:00").toString())),
                        step("result", "2026-01-07T15:00", Map.of("outcome", "GRANTED",
                                "resultDocumentRef", "CCCD-040-2026-0005")),
                        step("return", "2026-01-08T08:00", Map.of("channel", "COUNTER")))),
                dossier("B", List.of(
                        step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06)),
                        step("apology", "2026-01-07T10:00", Map.of("unitAtFault", PC06,
                                "reason", "Chờ kết quả xác minh nhân thân", "newDueDate", "2026-01-12")),
                        step("result", "2026-01-09T10:00", Map.of("outcome", "GRANTED")),
                        step("return", "2026-01-12T09:00", Map.of("channel", "POSTAL")))),
                dossier("C", List.of(
                        step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06)),
                        step("result", "2026-01-09T10:00", Map.of("outcome", "DENIED")),
                        step("return", "2026-01-09T14:00", Map.of("channel", "COUNTER")))),
                dossier("D", List.of(step("teleport", "2026-01-05T10:00", Map.of()))),
                dossier("E", List.of(step("apology", "2026-01-08T10:00", Map.of("unitAtFault", PC06,
                        "reason", "Quá tải", "newDueDate", "2026-01-15")))),
                dossier("F", List.of(step("return", "2026-01-06T10:00", Map.of("channel", "COUNTER")))),
                dossier("G", List.of(step("result", "2026-01-06T10:00", Map.of()))));

        JsonPath report = as(admin).body(batch).post("/api/v1/imports").then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).isEqualTo(3);
        assertThat(report.getInt("skipped")).isZero();
        assertThat(report.getInt("events")).isEqualTo(4 + 6 + 5);
        assertThat(rejected(report)).containsExactlyInAnyOrder(
                tuple("D", 400, "invalid-input"),
                tuple("E", 409, "apology-too-late"),
                tuple("F", 409, "wrong-status"),
                tuple("G", 400, "invalid-input"));
        assertThat(report.getList("rejected.detailVi", String.class)).allSatisfy(vi -> assertThat(vi).isNotBlank());

        // on time, with the whole history
        String a = idOf("A");
        assertThat(DossierTestSupport.eventTypes(infra, a)).containsExactly("DossierReceived", "DossierTransferred",
                "DossierProcessed", "DossierReturned");
        as(admin).get("/api/v1/dossiers/" + a).then().statusCode(200).body("status", equalTo("RETURNED"))
                .body("timeliness", equalTo("EARLY")).body("overdue", equalTo(false))
                .body("receivedAt", equalTo(vn(MONDAY_5).toString()));
        // late, but apologized in time: rescheduled, never overdue
        String b = idOf("B");
        assertThat(DossierTestSupport.eventTypes(infra, b)).containsExactly("DossierReceived", "DossierTransferred",
                "DossierApologized", "DossierDueDateChanged", "DossierProcessed", "DossierReturned");
        as(admin).get("/api/v1/dossiers/" + b).then().body("apologized", equalTo(true))
                .body("overdue", equalTo(false)).body("timeliness", equalTo("LATE"))
                .body("rescheduledDue.date", equalTo("2026-01-12"));
        // late without an apology: overdue at its due instant, before its result
        String c = idOf("C");
        List<Map<String, Object>> stream = DossierTestSupport.rows(infra, "select event_type, occurred_at, recorded_at "
                + "from dossier.dossier_event where dossier_id = ?::uuid order by version", c);
        assertThat(stream).extracting(r -> r.get("event_type")).containsExactly("DossierReceived",
                "DossierTransferred", "DossierOverdue", "DossierProcessed", "DossierReturned");
        assertThat(stream).extracting(r -> r.get("occurred_at")).containsExactly(vn(MONDAY_5),
                vn("2026-01-05T10:00"), THURSDAY_8_CLOSE, vn("2026-01-09T10:00"), vn("2026-01-09T14:00"));
        assertThat(stream).extracting(r -> r.get("recorded_at")).containsOnly(vn("2026-03-02T09:00"));
        as(admin).get("/api/v1/dossiers/" + c).then().body("overdue", equalTo(true))
                .body("timeliness", equalTo("LATE")).body("outcome", equalTo("DENIED"));
        for (String rejected : List.of("D", "E", "F", "G")) {
            assertProblem(as(admin).get("/api/v1/dossiers/" + code(rejected)), 404, "not-found");
        }

        // the same batch again, later: nothing new
        TestClock.CLOCK.setVietnam("2026-03-02T15:00");
        List<Long> before = DossierTestSupport.footprint(infra);
        JsonPath again = as(admin).body(batch).post("/api/v1/imports").then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("imported")).isZero();
        assertThat(again.getInt("skipped")).isEqualTo(3);
        assertThat(again.getInt("events")).isZero();
        assertThat(rejected(again)).hasSize(4);
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_event "
                + "where dossier_id in (?::uuid, ?::uuid, ?::uuid)", a, b, c)).isEqualTo(15);
        assertThat(DossierTestSupport.footprint(infra)).isEqualTo(before);

        // and other services get the history with its original instants
        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, c, 5);
        assertThat(published).extracting(DossierEventEnvelope::type).containsExactly("DossierReceived",
                "DossierTransferred", "DossierOverdue", "DossierProcessed", "DossierReturned");
        assertThat(published.get(2).occurredAt()).isEqualTo(THURSDAY_8_CLOSE);
        assertThat(published).extracting(DossierEventEnvelope::recordedAt).containsOnly(vn("2026-03-02T09:00"));
        assertThat(published.get(0).dossierCode()).isEqualTo(code("C"));
        assertThat(DossierTestSupport.awaitPublished(infra, a, 4)).extracting(DossierEventEnvelope::version)
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void givenHistoryThatSaysHowItWasPaidAndWhatWasDigitised_whenImported_thenTheEventsCarryIt() {
        Map<String, Object> paid = dossier("P", List.of(
                step("payment-requests", "2026-01-05T09:30", Map.of("amountVnd", 30_000)),
                step("payments", "2026-01-05T09:40", Map.of("amountVnd", 30_000, "channel", "NATIONAL_PORTAL")),
                step("result", "2026-01-06T10:00", Map.of("outcome", "GRANTED", "issuedElectronically", false))));
        reception(paid).put("digitisedDocuments", List.of("Ảnh chân dung"));
        Map<String, Object> wrongChannel = dossier("W", List.of(
                step("payment-requests", "2026-01-05T09:30", Map.of("amountVnd", 30_000)),
                step("payments", "2026-01-05T09:40", Map.of("amountVnd", 30_000, "channel", "MOMO"))));

        JsonPath report = as(admin).body(batch(paid, wrongChannel)).post("/api/v1/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).isEqualTo(1);
        assertThat(rejected(report)).containsExactly(tuple("W", 400, "invalid-input"));
        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, idOf("P"), 5);
        assertThat(published).extracting(DossierEventEnvelope::type).containsExactly("DossierReceived",
                "DossierPaymentRequested", "DossierPaymentRecorded", "DossierDueDateChanged", "DossierProcessed");
        assertThat(((vn.motcua.dossier.domain.DossierEvent.Received) published.get(0).data()).digitisedDocuments())
                .containsExactly("Ảnh chân dung");
        assertThat(((vn.motcua.dossier.domain.DossierEvent.PaymentRecorded) published.get(2).data()).channel())
                .isEqualTo(vn.motcua.dossier.domain.Types.PaymentChannel.NATIONAL_PORTAL);
        assertThat(((vn.motcua.dossier.domain.DossierEvent.Processed) published.get(4).data()).issuedElectronically())
                .isFalse();
    }

    @Test
    void givenRecordsTheLiveDeskWouldRefuse_whenImported_thenRejectedAndTheOthersImported() {
        Map<String, Object> unknownUnit = dossier("U", List.of());
        reception(unknownUnit).put("competentUnit", "000.00.99.H40");
        Map<String, Object> future = dossier("T", List.of());
        reception(future).put("receivedAt", vn("2026-03-20T09:00").toString());
        Map<String, Object> online = dossier("O", List.of());
        reception(online).putAll(Map.of("procedureCode", NO_ONLINE, "channel", "ONLINE"));

        Map<String, Object> futureStep = dossier("S", List.of(step("result", "2026-03-03T10:00",
                Map.of("outcome", "GRANTED"))));
        // the old system reused a code the desk has already given
        String live = DossierTestSupport.received(infra.tokens().officer(POLICE), DossierTestSupport.idCard())
                .getString("code");
        Map<String, Object> taken = dossier("R", List.of());
        reception(taken).put("receivedAt", vn("2026-03-02T08:00").toString());
        taken.put("code", live);

        JsonPath report = as(admin)
                .body(batch(unknownUnit, taken, future, online, futureStep, dossier("OK", List.of())))
                .post("/api/v1/imports").then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).isEqualTo(1);
        assertThat(rejected(report)).containsExactlyInAnyOrder(
                tuple("U", 400, "invalid-input"),
                tuple("R", 409, "duplicate"),
                tuple("T", 400, "invalid-input"),
                tuple("O", 400, "online-not-allowed"),
                tuple("S", 400, "invalid-input"));
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_view where dossier_code = ?",
                live)).isEqualTo(1);
        as(admin).get("/api/v1/dossiers/" + code("OK")).then().statusCode(200).body("status", equalTo("RECEIVED"));
        for (String rejected : List.of("U", "T", "O", "S")) {
            assertProblem(as(admin).get("/api/v1/dossiers/" + code(rejected)), 404, "not-found");
        }
    }

    @Test
    void givenCodesThatAreNotTheNationalCodeOfTheirUnitAndDay_whenImported_thenRejectedNamingTheCode() {
        Map<String, Object> free = dossier("X1", List.of());
        free.put("code", prefix + "-X1");
        Map<String, Object> otherUnit = dossier("X2", List.of());
        otherUnit.put("code", vn.motcua.dossier.domain.DossierCode.of(PC06, java.time.LocalDate.parse("2026-01-05"), 7001));
        // received today, carrying tomorrow's first code: the live desk would hand that code out tomorrow
        Map<String, Object> tomorrows = dossier("X3", List.of());
        reception(tomorrows).put("receivedAt", vn("2026-03-02T08:00").toString());
        tomorrows.put("code", vn.motcua.dossier.domain.DossierCode.of(POLICE, java.time.LocalDate.parse("2026-03-03"), 1));
        Map<String, Object> badDay = dossier("X4", List.of());
        badDay.put("code", POLICE + "-261399-0001");

        JsonPath report = as(admin).body(batch(free, otherUnit, tomorrows, badDay)).post("/api/v1/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).isZero();
        assertThat(rejected(report)).containsExactlyInAnyOrder(tuple("X1", 400, "dossier-code"),
                tuple("X2", 400, "dossier-code"), tuple("X3", 400, "dossier-code"), tuple("X4", 400, "dossier-code"));
        assertThat(report.getList("rejected.detail", String.class))
                .allSatisfy(d -> assertThat(d).contains(POLICE + "-26"));
    }

    @Test
    void givenAnImportTakingTheCodeTheDeskWouldGiveNext_whenTheDeskReceives_thenItGetsTheFollowingCode() {
        String officer = infra.tokens().officer(POLICE);
        DossierTestSupport.received(officer, DossierTestSupport.idCard());
        long last = DossierTestSupport.count(infra, "select last_seq from dossier.dossier_code_counter "
                + "where unit_code = ? and day = ?::date", POLICE, "2026-03-02");
        String next = vn.motcua.dossier.domain.DossierCode.of(POLICE, java.time.LocalDate.parse("2026-03-02"), (int) last + 1);
        Map<String, Object> early = dossier("N", List.of());
        reception(early).put("receivedAt", vn("2026-03-02T07:40").toString());
        early.put("code", next);
        codes.put("N", next);
        JsonPath report = as(admin).body(batch(early)).post("/api/v1/imports").then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getInt("imported")).as(report.prettify()).isEqualTo(1);

        // the live sequence steps over the imported code: no 409 at the counter for the rest of the day
        String code = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("code");
        assertThat(code).isEqualTo(vn.motcua.dossier.domain.DossierCode.of(POLICE,
                java.time.LocalDate.parse("2026-03-02"), (int) last + 2));
        as(admin).get("/api/v1/dossiers/" + next).then().statusCode(200).body("receivedAt",
                equalTo(vn("2026-03-02T07:40").toString()));
    }

    @Test
    void givenAHistoryOutOfOrder_whenImported_thenRejectedOnHistoryAt() {
        Map<String, Object> backwards = dossier("H", List.of(
                step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06)),
                step("result", "2026-01-05T09:30", Map.of("outcome", "GRANTED"))));

        JsonPath report = as(admin).body(batch(backwards)).post("/api/v1/imports").then().statusCode(200)
                .extract().jsonPath();

        assertThat(rejected(report)).containsExactly(tuple("H", 400, "invalid-input"));
        assertThat(report.getString("rejected[0].detail")).contains("before the step it follows");
    }

    @Test
    void givenCallersByRole_whenImporting_thenOnlyAdminsAndSystemsForTheirUnits() {
        assertProblem(as(infra.tokens().officer(POLICE)).body(batch(dossier("P", List.of())))
                .post("/api/v1/imports"), 403, null);

        Map<String, Object> commune = dossier("Q", List.of());
        reception(commune).putAll(Map.of("procedureCode", NO_ONLINE, "receivingUnit", COMMUNE,
                "competentUnit", COMMUNE));
        JsonPath report = as(infra.tokens().system("mcdt-nghean", POLICE))
                .body(batch(dossier("P", List.of()), commune)).post("/api/v1/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).isEqualTo(1);
        assertThat(rejected(report)).containsExactly(tuple("Q", 403, "unit-not-allowed"));
    }

    @Test
    void givenDuplicatesInsideTheBatchAndAgainstTheStore_whenImported_thenEachDossierOnceAndTakenCodesRefused() {
        String officer = infra.tokens().officer(POLICE);
        String live = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("code");
        Map<String, Object> first = dossier("S", List.of(step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06)),
                step("result", "2026-01-07T15:00", Map.of("outcome", "GRANTED"))));
        Map<String, Object> again = new HashMap<>(first);
        Map<String, Object> owner = dossier("T", List.of());
        Map<String, Object> sameCode = dossier("U", List.of());
        sameCode.put("code", owner.get("code"));
        // a dossier of this morning, carrying the code the desk already gave a live dossier
        Map<String, Object> takenByTheDesk = dossier("V", List.of());
        reception(takenByTheDesk).put("receivedAt", vn("2026-03-02T07:40").toString());
        takenByTheDesk.put("code", live);

        JsonPath report = as(admin).body(batch(first, again, owner, sameCode, takenByTheDesk)).post("/api/v1/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("imported")).as(report.prettify()).isEqualTo(2);
        assertThat(report.getInt("skipped")).isEqualTo(1);
        assertThat(report.getInt("events")).isEqualTo(3 + 1);
        assertThat(rejected(report)).containsExactlyInAnyOrder(tuple("U", 409, "duplicate"),
                tuple("V", 409, "duplicate"));
        assertThat(DossierTestSupport.eventTypes(infra, idOf("S"))).containsExactly("DossierReceived",
                "DossierTransferred", "DossierProcessed");
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_view where source_key in "
                + "(?, ?, ?)", "mcdt-nghean-" + prefix + "/S", "mcdt-nghean-" + prefix + "/U",
                "mcdt-nghean-" + prefix + "/V")).isEqualTo(1);
        // the live dossier keeps its code and its stream
        as(admin).get("/api/v1/dossiers/" + live).then().statusCode(200).body("receivedAt",
                equalTo(vn("2026-03-02T09:00").toString()));
        // the imported codes moved the day's sequence past the highest of them
        long last = DossierTestSupport.count(infra, "select last_seq from dossier.dossier_code_counter "
                + "where unit_code = ? and day = ?::date", POLICE, "2026-01-05");
        assertThat(last).isGreaterThanOrEqualTo(vn.motcua.dossier.domain.DossierCode.parse(code("T")).orElseThrow()
                .sequence());
    }

    @Test
    void givenTheSameBatchSentTwiceAtOnce_whenBothLand_thenEachDossierOnceAndTheReportsAddUp() throws Exception {
        List<Map<String, Object>> dossiers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            dossiers.add(dossier("R" + i, List.of(
                    step("transfers", "2026-01-05T10:00", Map.of("toUnit", PC06)),
                    step("result", "2026-01-07T15:00", Map.of("outcome", "GRANTED")))));
        }
        Map<String, Object> batch = Map.of("sourceSystem", "mcdt-nghean-" + prefix, "dossiers", dossiers);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<JsonPath>> sent = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return as(admin).body(batch).post("/api/v1/imports").then().statusCode(200).extract().jsonPath();
                }));
            }
            JsonPath one = sent.get(0).get();
            JsonPath two = sent.get(1).get();

            assertThat(rejected(one)).as(one.prettify()).isEmpty();
            assertThat(rejected(two)).as(two.prettify()).isEmpty();
            assertThat(one.getInt("imported") + two.getInt("imported")).isEqualTo(40);
            assertThat(one.getInt("skipped") + two.getInt("skipped")).isEqualTo(40);
            assertThat(one.getInt("events") + two.getInt("events")).isEqualTo(40 * 3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.dossier_event e "
                + "join dossier.dossier_view v using (dossier_id) where v.source_key like ?",
                "mcdt-nghean-" + prefix + "/R%")).isEqualTo(40 * 3);
        // each event went to the outbox once, in stream order
        assertThat(DossierTestSupport.awaitPublished(infra, idOf("R7"), 3)).extracting(DossierEventEnvelope::type)
                .containsExactly("DossierReceived", "DossierTransferred", "DossierProcessed");
    }

    // ------------------------------------------------------------------ helpers

    private String code(String sourceId) {
        return codes.get(sourceId);
    }

    private String idOf(String sourceId) {
        return as(admin).get("/api/v1/dossiers/" + code(sourceId)).then().statusCode(200).extract().path("id");
    }

    @SafeVarargs
    private Map<String, Object> batch(Map<String, Object>... dossiers) {
        return Map.of("sourceSystem", "mcdt-nghean-" + prefix, "dossiers", List.of(dossiers));
    }

    private Map<String, Object> dossier(String sourceId, List<Map<String, Object>> history) {
        Map<String, Object> reception = DossierTestSupport.idCard();
        reception.put("receivedAt", vn(MONDAY_5).toString());
        Map<String, Object> d = new HashMap<>();
        d.put("sourceId", sourceId);
        codes.put(sourceId, vn.motcua.dossier.domain.DossierCode.of(POLICE, java.time.LocalDate.parse("2026-01-05"),
                SEQUENCES.incrementAndGet()));
        d.put("code", code(sourceId));
        d.put("reception", reception);
        d.put("receivingOfficer", "can.bo.motcua@congan.nghean.gov.vn");
        d.put("history", new ArrayList<>(history));
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reception(Map<String, Object> dossier) {
        return (Map<String, Object>) dossier.get("reception");
    }

    private static Map<String, Object> step(String type, String vietnamTime, Map<String, Object> body) {
        return Map.of("type", type, "at", vn(vietnamTime).toString(), "officer", "chuyen.vien@congan.nghean.gov.vn",
                "body", body);
    }

    private static List<org.assertj.core.groups.Tuple> rejected(JsonPath report) {
        List<Map<String, Object>> rows = report.getList("rejected");
        return rows.stream().map(r -> tuple(r.get("sourceId"), r.get("status"), r.get("rule"))).toList();
    }
}
