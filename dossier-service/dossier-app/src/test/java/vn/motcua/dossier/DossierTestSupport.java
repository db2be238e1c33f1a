package vn.motcua.dossier;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.ProcedureVersionSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierEventSchema;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;

/** The catalog the tests run against (published as catalog-service would), request builders and event readers. */
public final class DossierTestSupport {
    /** Công an tỉnh Nghệ An and two of its divisions; a commune. */
    public static final String POLICE = "000.00.20.H40";
    public static final String PC06 = "000.20.06.H40";
    public static final String PC08 = "000.20.08.H40";
    public static final String COMMUNE = "000.00.11.H40";
    /** ID card: legal 7 working days, the provincial police commits to 3. */
    public static final String ID_CARD = "2.000200";
    /** A procedure counted in working hours (16 h), postal reception not allowed. */
    public static final String HOURS = "1.010001";
    public static final String NO_ONLINE = "1.010002";

    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final AtomicInteger IDS = new AtomicInteger(100_000);
    private static final AtomicInteger UNITS = new AtomicInteger();
    private static volatile boolean published;

    private DossierTestSupport() {
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    /** Publishes the test catalog to the catalog topics once per test JVM and waits until the replica has it. */
    public static synchronized void ensureCatalog(MotcuaTestInfra.Handles infra) {
        if (published) {
            return;
        }
        List<CatalogEvent> events = catalogEvents();
        publish(infra, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(infra, "select count(*) from dossier.catalog_replica")
                >= events.size());
        published = true;
    }

    public static void publish(MotcuaTestInfra.Handles infra, List<CatalogEvent> events) {
        CatalogEventCodec codec = new CatalogEventCodec();
        try (KafkaProducer<String, byte[]> p = producer(infra)) {
            for (CatalogEvent e : events) {
                p.send(new ProducerRecord<>(e.topic(), e.key(), codec.write(e)));
            }
            p.flush();
        }
    }

    public static KafkaProducer<String, byte[]> producer(MotcuaTestInfra.Handles infra) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", infra.kafka().bootstrapServers(),
                "compression.type", "none", "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static List<CatalogEvent> catalogEvents() {
        Instant t = Instant.parse("2025-12-01T00:00:00Z");
        List<CatalogEvent> events = new ArrayList<>();
        events.add(unit(t, POLICE, "Công an tỉnh Nghệ An", UnitType.PROVINCIAL_POLICE, null));
        events.add(unit(t, PC06, "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", UnitType.POLICE_DIVISION, POLICE));
        events.add(unit(t, PC08, "Phòng Cảnh sát giao thông", UnitType.POLICE_DIVISION, POLICE));
        events.add(unit(t, COMMUNE, "UBND phường Trường Vinh", UnitType.COMMUNE, null));
        events.add(new CatalogEvent.ProcedurePublished(UUID.randomUUID(), t, 1, new ProcedureSnapshot(ID_CARD,
                "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", "CC", "Căn cước", ProcedureLevel.PROVINCE,
                List.of(UnitType.PROVINCIAL_POLICE, UnitType.POLICE_DIVISION), null,
                List.of(version(1, "2024-07-01", ProcessingTime.workingDays(7), OnlineLevel.PARTLY_ONLINE, true)))));
        events.add(new CatalogEvent.ProcedurePublished(UUID.randomUUID(), t, 1, new ProcedureSnapshot(HOURS,
                "Đăng ký xe (thử nghiệm, tính theo giờ làm việc)", "GT", "Giao thông", ProcedureLevel.PROVINCE,
                List.of(UnitType.PROVINCIAL_POLICE, UnitType.POLICE_DIVISION), null,
                List.of(version(1, "2024-01-01", ProcessingTime.workingHours(16), OnlineLevel.FULLY_ONLINE, false)))));
        events.add(new CatalogEvent.ProcedurePublished(UUID.randomUUID(), t, 1, new ProcedureSnapshot(NO_ONLINE,
                "Thủ tục chỉ tiếp nhận trực tiếp (thử nghiệm)", "CC", "Căn cước", ProcedureLevel.COMMUNE,
                List.of(UnitType.COMMUNE, UnitType.PROVINCIAL_POLICE, UnitType.POLICE_DIVISION), null,
                List.of(version(1, "2024-01-01", ProcessingTime.workingDays(5), OnlineLevel.NONE, false)))));
        events.add(new CatalogEvent.CommitmentSet(UUID.randomUUID(), t, 1, new CommitmentSnapshot(POLICE, ID_CARD,
                List.of(new CommitmentSnapshot.Period(ProcessingTime.workingDays(3), LocalDate.parse("2025-01-01"), null,
                        "Rút ngắn thời gian cấp căn cước")))));
        events.add(new CatalogEvent.CalendarYearPublished(UUID.randomUUID(), t, 1, 1, year2026()));
        return events;
    }

    /** A procedure as catalog-service publishes it: one version in force since 2024, fully online, no postal. */
    public static CatalogEvent.ProcedurePublished procedure(UUID eventId, Instant occurredAt, String code, String nameVi,
                                                            ProcessingTime time) {
        return new CatalogEvent.ProcedurePublished(eventId, occurredAt, 1, new ProcedureSnapshot(code, nameVi, "TN",
                "Thử nghiệm", ProcedureLevel.PROVINCE, List.of(UnitType.PROVINCIAL_POLICE), null,
                List.of(version(1, "2024-01-01", time, OnlineLevel.FULLY_ONLINE, false))));
    }

    private static CatalogEvent unit(Instant t, String code, String name, UnitType type, String parent) {
        return new CatalogEvent.UnitRegistered(UUID.randomUUID(), t, 1,
                new UnitSnapshot(code, name, type, parent, LocalDate.parse("2020-01-01"), null));
    }

    private static ProcedureVersionSnapshot version(int v, String from, ProcessingTime time, OnlineLevel online,
                                                    boolean postal) {
        return new ProcedureVersionSnapshot(v, LocalDate.parse(from), null, time, 0L, null, online, postal, postal,
                List.of("Tờ khai"), "Luật Căn cước 2023", "QĐ thử nghiệm");
    }

    /** 2026 as officially announced: 30/4-1/5, Tết 16-20/2, National Day 1-2/9 with 31/8 swapped for Sat 22/8. */
    static CalendarYear year2026() {
        return CalendarYear.of(2026, List.of(
                off("2026-01-01", DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch"),
                off("2026-02-16", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2026-02-17", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2026-02-18", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2026-02-19", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2026-02-20", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2026-04-30", DayOffKind.PUBLIC_HOLIDAY, "Ngày Chiến thắng"),
                off("2026-05-01", DayOffKind.PUBLIC_HOLIDAY, "Quốc tế Lao động"),
                off("2026-08-31", DayOffKind.SWAPPED_DAY_OFF, "Nghỉ hoán đổi"),
                off("2026-09-01", DayOffKind.PUBLIC_HOLIDAY, "Quốc khánh"),
                off("2026-09-02", DayOffKind.PUBLIC_HOLIDAY, "Quốc khánh")),
                List.of(new ExtraWorkingDay(LocalDate.parse("2026-08-22"), "Làm bù cho ngày nghỉ 31/8/2026", null)));
    }

    private static DayOff off(String date, DayOffKind kind, String name) {
        return new DayOff(LocalDate.parse(date), kind, name, null);
    }

    // ------------------------------------------------------------------ requests

    /** A valid 12-digit personal identification number (Nghệ An province code 040), distinct per call. */
    public static String personalId() {
        return "0400" + String.format("%08d", IDS.incrementAndGet());
    }

    public static Map<String, Object> applicant() {
        Map<String, Object> a = new HashMap<>();
        a.put("fullName", "Nguyễn Thị Hoa");
        a.put("personalId", personalId());
        a.put("phone", "0912345678");
        a.put("email", "hoa.nguyen@example.vn");
        return a;
    }

    public static Map<String, Object> receive(String procedure, String unit, String channel) {
        Map<String, Object> r = new HashMap<>();
        r.put("procedureCode", procedure);
        r.put("receivingUnit", unit);
        r.put("competentUnit", unit);
        r.put("channel", channel);
        r.put("applicant", applicant());
        r.put("documents", List.of("Tờ khai thông tin căn cước", "Ảnh chân dung"));
        return r;
    }

    public static Map<String, Object> idCard() {
        return receive(ID_CARD, POLICE, "COUNTER");
    }

    // ------------------------------------------------------------------ store and topic

    public static long count(MotcuaTestInfra.Handles infra, String sql, Object... params) {
        return vn.motcua.testinfra.Sql.count(infra, sql, params);
    }

    public static long events(MotcuaTestInfra.Handles infra, String dossierId) {
        return count(infra, "select count(*) from dossier.dossier_event where dossier_id = ?::uuid", dossierId);
    }

    public static long allEvents(MotcuaTestInfra.Handles infra) {
        return count(infra, "select count(*) from dossier.dossier_event");
    }

    /**
     * Waits until the topic holds {@code expected} events of this dossier, checks there are no more, that each one
     * is valid against the published JSON Schema, and returns them in topic order.
     */
    public static List<DossierEventEnvelope> awaitPublished(MotcuaTestInfra.Handles infra, String dossierId,
                                                            int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                TopicReader.read(infra.kafka().bootstrapServers(), DossierTopics.EVENTS,
                        m -> dossierId.equals(m.key())).size() >= expected);
        List<TopicReader.Message> messages = TopicReader.read(infra.kafka().bootstrapServers(), DossierTopics.EVENTS,
                m -> dossierId.equals(m.key()));
        assertThat(messages).hasSize(expected);
        List<DossierEventEnvelope> out = new ArrayList<>();
        for (TopicReader.Message m : messages) {
            assertThat(SCHEMA.validate(m.value())).as("schema errors of %s", m.value()).isEmpty();
            out.add(CODEC.read(m.value()).orElseThrow());
        }
        return out;
    }

    // ------------------------------------------------------------------ time

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** A Vietnam local date-time, e.g. "2026-03-05T17:00", as an instant. */
    public static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    // ------------------------------------------------------------------ more requests

    /** Receives a dossier and returns the receipt (asserts 201). */
    public static io.restassured.path.json.JsonPath received(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/dossiers").then().statusCode(201).extract().jsonPath();
    }

    /** A command on a dossier (e.g. "transfers", "result"). */
    public static io.restassured.response.Response command(String token, String ref, String type, Object body) {
        return as(token).body(body).post("/api/v1/dossiers/" + ref + "/" + type);
    }

    /** Checks an RFC 9457 answer: status, problem+json, the rule as the type's last segment, a Vietnamese text. */
    public static io.restassured.response.ValidatableResponse assertProblem(io.restassured.response.Response r,
                                                                            int status, String rule) {
        io.restassured.response.ValidatableResponse v = r.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("detailVi", not(emptyOrNullString()));
        if (rule != null) {
            v.body("type", endsWith("/" + rule)).body("detail", not(emptyOrNullString()));
        }
        return v;
    }

    // ------------------------------------------------------------------ store

    /** Rows of a query as column-name maps (PostgreSQL as superuser). */
    public static List<Map<String, Object>> rows(MotcuaTestInfra.Handles infra, String sql, Object... params) {
        return vn.motcua.testinfra.Sql.rows(infra, sql, params);
    }

    /** The stored event types of a dossier, in stream order. */
    public static List<String> eventTypes(MotcuaTestInfra.Handles infra, String dossierId) {
        return rows(infra, "select event_type from dossier.dossier_event where dossier_id = ?::uuid order by version",
                dossierId).stream().map(r -> (String) r.get("event_type")).toList();
    }

    /**
     * Everything a command could have written: events, read rows, outbox rows and code sequences. The overdue
     * watcher's own events are left out: it may mark other tests' dossiers at any moment.
     */
    public static List<Long> footprint(MotcuaTestInfra.Handles infra) {
        return List.of(
                count(infra, "select count(*) from dossier.dossier_event where event_type <> 'DossierOverdue'"),
                count(infra, "select count(*) from dossier.outbox where event_type <> 'DossierOverdue'"),
                count(infra, "select count(*) from dossier.dossier_view"),
                count(infra, "select coalesce(sum(last_seq), 0) from dossier.dossier_code_counter"),
                count(infra, "select count(*) from dossier.idempotency_key"));
    }

    /** Registers a unit of its own for a test class, so its work queues hold only that class's dossiers. */
    public static String freshUnit(MotcuaTestInfra.Handles infra, String nameVi) {
        String code = "000.77." + String.format("%02d", UNITS.incrementAndGet()) + ".H40";
        CatalogEvent e = unit(Instant.parse("2025-12-01T00:00:00Z"), code, nameVi, UnitType.POLICE_DIVISION, POLICE);
        publish(infra, List.of(e));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(infra,
                "select count(*) from dossier.catalog_replica where topic = 'motcua.catalog.units.v1' "
                        + "and record_key = ?", code) == 1);
        return code;
    }
}
