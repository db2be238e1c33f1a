package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.tools.VerifyHistory;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.PostgresServer;
import vn.motcua.testinfra.Sql;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.vn;

/**
 * Tamper-evident history: dossiers received through the API are chained and sealed; a row altered behind the
 * service's back (as the database superuser, triggers off) is named by the admin check and by the command-line check,
 * each pointing at the altered position, dossier, version or day.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class HistoryChainTest {
    /** Sealed by the first test (its events are recorded on this day, Vietnam time). */
    static final String SEALED_DAY = "2026-06-01";

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String admin;
    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        admin = infra.tokens().admin();
        officer = infra.tokens().officer(POLICE);
    }

    @Test
    void givenSealedDossiers_whenRowsAlteredAsSuperuser_thenAdminAndCommandLineChecksNameTheAlteredPlace() {
        TestClock.CLOCK.setVietnam(SEALED_DAY + "T09:00");
        // other classes' dossiers that are overdue by now are marked now, not while the day is being sealed (the
        // test clock jumps a day at once; in production the sealer's grace covers transactions still running)
        as(admin).post("/api/v1/admin/overdue-scan").then().statusCode(200);
        JsonPath a = DossierTestSupport.received(officer, DossierTestSupport.idCard());
        DossierTestSupport.received(officer, DossierTestSupport.idCard());
        String id = a.getString("id");
        String code = a.getString("code");
        TestClock.CLOCK.setVietnam(SEALED_DAY + "T10:00");
        DossierTestSupport.command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định"))
                .then().statusCode(200);
        as(admin).get("/api/v1/admin/history/verify/" + code).then().statusCode(200)
                .body("scope", equalTo("dossier")).body("intact", equalTo(true)).body("events", equalTo(2));
        // the migration's SQL hash (which chained the rows older than V5) gives the bytes Java gives
        assertThat(Sql.count(infra, "select count(*) from dossier.dossier_event"
                + " where hash <> dossier.dossier_event_hash(coalesce(prev_hash, ''::bytea), dossier_id, version,"
                + " event_type, occurred_at, recorded_at, payload)")).isZero();

        // the next morning the day is closed: sealed, and the whole store checks out
        TestClock.CLOCK.setVietnam("2026-06-02T09:00");
        JsonPath sealing = as(admin).post("/api/v1/admin/history/seal").then().statusCode(200).extract().jsonPath();
        assertThat(sealing.getList("days.day", String.class)).contains(SEALED_DAY);
        JsonPath intact = verifyStore();
        assertThat(intact.getBoolean("intact")).as(intact.prettify()).isTrue();
        assertThat(intact.getString("lastSealedDay")).isEqualTo(SEALED_DAY);
        assertThat(intact.getLong("sealedEvents")).isGreaterThanOrEqualTo(3);
        assertThat(cli()).startsWith("0:").contains("INTACT");
        // sealing again seals nothing new
        as(admin).post("/api/v1/admin/history/seal").then().statusCode(200).body("daysSealed", equalTo(0));

        // a payload changed
        long transferred = position(id, 2);
        superuser("update dossier.dossier_event set payload = replace(payload, 'Thẩm định', 'Thẩm tra')"
                + " where position = " + transferred);
        JsonPath altered = verifyStore();
        assertThat(altered.getBoolean("intact")).isFalse();
        assertThat(altered.getString("first.kind")).isEqualTo("HASH_MISMATCH");
        assertThat(altered.getLong("first.position")).isEqualTo(transferred);
        assertThat(altered.getString("first.dossierId")).isEqualTo(id);
        assertThat(altered.getInt("first.version")).isEqualTo(2);
        assertThat(altered.getList("findings.kind", String.class)).containsExactly("HASH_MISMATCH");
        assertThat(cli()).startsWith("1:").contains("first altered: HASH_MISMATCH position=" + transferred
                + " dossier=" + id + " version=2 day=" + SEALED_DAY);
        superuser("update dossier.dossier_event set payload = replace(payload, 'Thẩm tra', 'Thẩm định')"
                + " where position = " + transferred);

        // an event deleted: the next version's position, and the day's seal
        long received = position(id, 1);
        superuser("create table dossier.tampered as select * from dossier.dossier_event where position = " + received
                + "; delete from dossier.dossier_event where position = " + received);
        try {
            as(admin).get("/api/v1/admin/history/verify/" + code).then().statusCode(200)
                    .body("intact", equalTo(false)).body("first.kind", equalTo("MISSING_VERSION"))
                    .body("first.version", equalTo(1)).body("first.position", equalTo((int) transferred));
            assertThat(cli()).startsWith("1:").contains("first altered: MISSING_VERSION position=" + transferred
                    + " dossier=" + id + " version=1");
            assertThat(verifyStore().getList("findings.kind", String.class)).contains("SEAL_MISMATCH");
        } finally {
            superuser("insert into dossier.dossier_event select * from dossier.tampered; drop table dossier.tampered");
        }

        // a seal changed
        superuser("update dossier.dossier_history_seal set event_count = event_count + 1 where day = '"
                + SEALED_DAY + "'");
        try {
            JsonPath seal = verifyStore();
            assertThat(seal.getString("first.kind")).isEqualTo("SEAL_MISMATCH");
            assertThat(seal.getString("first.day")).isEqualTo(SEALED_DAY);
            assertThat(cli()).startsWith("1:").contains("first altered: SEAL_MISMATCH day=" + SEALED_DAY);
        } finally {
            superuser("update dossier.dossier_history_seal set event_count = event_count - 1 where day = '"
                    + SEALED_DAY + "'");
        }

        assertThat(verifyStore().getBoolean("intact")).isTrue();
    }

    @Test
    void givenImportAndConcurrentCommands_whenVerified_thenEveryChainIsValid() throws Exception {
        TestClock.CLOCK.setVietnam("2026-06-10T09:00");
        String source = "history-" + UUID.randomUUID();
        String importedCode = vn.motcua.dossier.domain.DossierCode.of(POLICE, java.time.LocalDate.parse("2026-06-01"),
                ImportTest.SEQUENCES.incrementAndGet());
        Map<String, Object> reception = DossierTestSupport.idCard();
        reception.put("receivedAt", vn("2026-06-01T09:00").toString());
        Map<String, Object> dossier = new HashMap<>();
        dossier.put("sourceId", "1");
        dossier.put("code", importedCode);
        dossier.put("reception", reception);
        dossier.put("receivingOfficer", "can.bo.motcua@congan.nghean.gov.vn");
        dossier.put("history", List.of(
                Map.of("type", "transfers", "at", vn("2026-06-01T10:00").toString(),
                        "officer", "chuyen.vien@congan.nghean.gov.vn", "body", Map.of("toUnit", PC06)),
                Map.of("type", "result", "at", vn("2026-06-02T10:00").toString(),
                        "officer", "chuyen.vien@congan.nghean.gov.vn", "body", Map.of("outcome", "GRANTED"))));
        as(admin).body(Map.of("sourceSystem", source, "dossiers", List.of(dossier))).post("/api/v1/imports")
                .then().statusCode(200).body("imported", equalTo(1));

        // ten desks record the result of one dossier at once: one wins, the others retry on the newer stream
        String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                                    + "/api/v1/dossiers/" + id + "/result"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + officer)
                            .POST(HttpRequest.BodyPublishers.ofString(i % 2 == 0
                                    ? "{\"outcome\":\"GRANTED\"}" : "{\"outcome\":\"DENIED\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(answers.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)).hasSize(1);

        for (String ref : List.of(importedCode, id)) {
            as(admin).get("/api/v1/admin/history/verify/" + ref).then().statusCode(200)
                    .body("intact", equalTo(true)).body("problems", equalTo(0));
        }
        assertThat(DossierTestSupport.events(infra, id)).isEqualTo(2);
        assertThat(cli()).startsWith("0:").contains("INTACT");
        as(admin).get("/api/v1/admin/history/verify/no-such-dossier").then().statusCode(404);
    }

    @Test
    void givenEventsRecordedBeforeTheChain_whenV5Migrates_thenTheyAreChainedAsJavaHashesThem() throws Exception {
        // a schema of its own in the same server: V1, events written the old way, then V5
        String schema = "pre_chain_" + UUID.randomUUID().toString().substring(0, 8);
        String in = "set search_path = " + schema + "; ";
        Sql.execute(infra, "create schema " + schema);
        try {
            Sql.execute(infra, in + migration("V1__dossier.sql"));
            Sql.execute(infra, in + "insert into dossier_event (event_id, dossier_id, version, event_type, occurred_at,"
                    + " recorded_at, payload) values"
                    + " (gen_random_uuid(), '11111111-1111-1111-1111-111111111111', 1, 'DossierReceived',"
                    + " '2026-03-02 09:00:00.123456+07', '2026-03-02 09:00:00.654321+07', '{\"name\":\"Nguyễn Thị Hoa\"}'),"
                    + " (gen_random_uuid(), '22222222-2222-2222-2222-222222222222', 1, 'DossierReceived',"
                    + " '2026-03-02 23:59:59.999999+07', '2026-03-02 23:59:59.999999+07', '{}'),"
                    + " (gen_random_uuid(), '11111111-1111-1111-1111-111111111111', 2, 'DossierTransferred',"
                    + " '1969-12-31 23:59:59.5+00', '2026-03-03 09:00:00+07', '{\"stepName\":\"Thẩm định\"}')");
            Sql.execute(infra, in + migration("V5__history_chain.sql"));

            assertThat(cli(schema)).startsWith("0:").contains("events 3 in 2 streams").contains("INTACT");
            Sql.execute(infra, in + "set session_replication_role = replica;"
                    + " update dossier_event set payload = '{}' where version = 2");
            assertThat(cli(schema)).startsWith("1:").contains("first altered: HASH_MISMATCH position=3");
        } finally {
            Sql.execute(infra, "drop schema " + schema + " cascade");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String migration(String file) throws java.io.IOException {
        try (var stream = HistoryChainTest.class.getClassLoader().getResourceAsStream("db/migration/" + file)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonPath verifyStore() {
        return as(admin).get("/api/v1/admin/history/verify").then().statusCode(200)
                .body("scope", equalTo("store")).extract().jsonPath();
    }

    /** The command-line check against the test database: "exit code: output". */
    private String cli() {
        return cli("dossier");
    }

    private String cli(String schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyHistory.run(infra.postgres().jdbcUrl(infra.database()), PostgresServer.SUPERUSER, "",
                schema, new PrintStream(out, true, StandardCharsets.UTF_8));
        return exit + ": " + out.toString(StandardCharsets.UTF_8);
    }

    private long position(String dossierId, int version) {
        return Sql.count(infra, "select position from dossier.dossier_event where dossier_id = ?::uuid and version = ?",
                dossierId, version);
    }

    /** As the database superuser with triggers off: what an intruder with the keys could do. */
    private void superuser(String sql) {
        Sql.execute(infra, "set session_replication_role = replica; " + sql);
    }
}
