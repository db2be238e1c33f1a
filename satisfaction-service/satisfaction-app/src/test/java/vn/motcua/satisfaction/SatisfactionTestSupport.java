package vn.motcua.satisfaction;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.satisfaction.events.SatisfactionEventCodec;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.satisfaction.events.SatisfactionEventSchema;
import vn.motcua.satisfaction.events.SatisfactionTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;
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
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What the tests feed the service as the other services would: catalog units and calendars, and dossier events on
 * the dossier topic (written with dossier-service's own codec, so a change to that contract breaks these tests).
 */
public final class SatisfactionTestSupport {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Công an tỉnh Nghệ An (receives), its division PC06 (competent), and a commune. */
    public static final String POLICE = "000.00.20.H40";
    public static final String PC06 = "000.20.06.H40";
    public static final String COMMUNE = "000.00.11.H40";

    private static final DossierEventCodec DOSSIER_CODEC = new DossierEventCodec();
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicInteger POSITION = new AtomicInteger(1000);
    private static volatile boolean catalogPublished;

    private SatisfactionTestSupport() {
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    // ------------------------------------------------------------------ catalog

    /** Units and the 2026 calendar, once per test JVM; waits until the service has them. */
    public static synchronized void ensureCatalog(MotcuaTestInfra.Handles infra) {
        if (catalogPublished) {
            return;
        }
        Instant t = Instant.parse("2025-12-01T00:00:00Z");
        List<CatalogEvent> events = List.of(
                unit(t, POLICE, "Công an tỉnh Nghệ An", UnitType.PROVINCIAL_POLICE, null),
                unit(t, PC06, "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", UnitType.POLICE_DIVISION, POLICE),
                unit(t, COMMUNE, "UBND phường Trường Vinh", UnitType.COMMUNE, null),
                new CatalogEvent.CalendarYearPublished(UUID.randomUUID(), t, 1, 1, year2026()));
        CatalogEventCodec codec = new CatalogEventCodec();
        try (KafkaProducer<String, byte[]> p = producer(infra)) {
            for (CatalogEvent e : events) {
                p.send(new ProducerRecord<>(e.topic(), e.key(), codec.write(e)));
            }
            p.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(infra, "select count(*) from satisfaction.catalog_unit") >= 3
                        && Sql.count(infra, "select count(*) from satisfaction.calendar_year") >= 1);
        catalogPublished = true;
    }

    private static CatalogEvent unit(Instant t, String code, String name, UnitType type, String parent) {
        return new CatalogEvent.UnitRegistered(UUID.randomUUID(), t, 1,
                new UnitSnapshot(code, name, type, parent, LocalDate.parse("2020-01-01"), null));
    }

    /** 2026 with its official days off, among them 30 Apr, 1 May and 1-2 Sep with 31 Aug swapped. */
    static CalendarYear year2026() {
        return CalendarYear.of(2026, List.of(
                off("2026-01-01", "Tết Dương lịch"), off("2026-02-16", "Tết Nguyên đán"),
                off("2026-02-17", "Tết Nguyên đán"), off("2026-02-18", "Tết Nguyên đán"),
                off("2026-02-19", "Tết Nguyên đán"), off("2026-02-20", "Tết Nguyên đán"),
                off("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
                off("2026-04-30", "Ngày Chiến thắng"), off("2026-05-01", "Quốc tế Lao động"),
                off("2026-09-01", "Quốc khánh"), off("2026-09-02", "Quốc khánh")), List.of());
    }

    private static DayOff off(String date, String name) {
        return new DayOff(LocalDate.parse(date), DayOffKind.PUBLIC_HOLIDAY, name, null);
    }

    public static KafkaProducer<String, byte[]> producer(MotcuaTestInfra.Handles infra) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", infra.kafka().bootstrapServers(),
                "compression.type", "none", "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    // ------------------------------------------------------------------ dossiers, as dossier-service publishes them

    /** One dossier's event stream, published event by event. */
    public static final class Dossier {
        public final UUID id;
        public final String code;
        public final String receivingUnit;
        public final String competentUnit;
        private final MotcuaTestInfra.Handles infra;
        private int version;

        Dossier(MotcuaTestInfra.Handles infra, String receivingUnit, String competentUnit) {
            this(infra, UUID.randomUUID(), receivingUnit, competentUnit);
        }

        Dossier(MotcuaTestInfra.Handles infra, UUID id, String receivingUnit, String competentUnit) {
            this.id = id;
            this.infra = infra;
            this.receivingUnit = receivingUnit;
            this.competentUnit = competentUnit;
            this.code = receivingUnit + "-261120-" + String.format("%04d", SEQUENCE.incrementAndGet());
        }

        public Dossier received(Types.Channel channel, Instant at) {
            return publish(new DossierEvent.Received(code, new Types.ProcedureTerms("2.000200", 1,
                    "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", ProcessingTime.workingDays(7),
                    ProcessingTime.workingDays(3), "PARTLY_ONLINE", false), receivingUnit, competentUnit, channel,
                    new Types.Applicant("Nguyễn Thị Hoa", "040012345678", null, null), List.of("Tờ khai"), at, at,
                    "can.bo.mot.cua", "ND118-2025", new Types.Due(at.plus(Duration.ofDays(5)),
                    at.plus(Duration.ofDays(5)).atZone(VIETNAM).toLocalDate()), at, at.plus(Duration.ofHours(4)), null));
        }

        public Dossier processed(Instant at) {
            return publish(new DossierEvent.Processed(competentUnit, "can.bo.xu.ly", Types.Outcome.GRANTED, "KQ-1", at));
        }

        public Dossier returned(Instant at) {
            return publish(new DossierEvent.Returned(Types.ReturnChannel.COUNTER, at));
        }

        public Dossier withdrawn(Instant at) {
            return publish(new DossierEvent.Withdrawn("Công dân rút hồ sơ", at));
        }

        /** Received at the counter, processed and returned at {@code returnedAt}; waits until the service saw it. */
        public Dossier returnedAt(Instant returnedAt) {
            received(Types.Channel.COUNTER, returnedAt.minus(Duration.ofDays(3)));
            processed(returnedAt.minus(Duration.ofHours(2)));
            returned(returnedAt);
            return awaitState("RETURNED");
        }

        public Dossier publish(DossierEvent event) {
            version++;
            return publishAs(version, event);
        }

        /** Publishes an event under a version of the test's choosing (out of order, say). */
        public Dossier publishAs(int v, DossierEvent event) {
            DossierEventEnvelope envelope = DossierEventEnvelope.of(UUID.randomUUID(), id, code, v,
                    POSITION.incrementAndGet(), event.at(), event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(DossierTopics.EVENTS, envelope.key(),
                    DOSSIER_CODEC.write(envelope));
            if (burst != null) {
                burst.add(record);
            } else {
                send(infra, record.topic(), record.key(), record.value());
            }
            return this;
        }

        private List<ProducerRecord<String, byte[]>> burst;

        /** From now on this dossier's events are added to {@code burst} instead of being sent: see {@link #sendAll}. */
        public Dossier into(List<ProducerRecord<String, byte[]>> burst) {
            this.burst = burst;
            return this;
        }

        /** The reception, with the procedure code of the test's choosing. */
        public Dossier receivedFor(String procedureCode, Instant at) {
            return publish(new DossierEvent.Received(code, new Types.ProcedureTerms(procedureCode, 1,
                    "Cấp thẻ căn cước", ProcessingTime.workingDays(7), null, "PARTLY_ONLINE", false), receivingUnit,
                    competentUnit, Types.Channel.COUNTER, null, List.of("Tờ khai"), at, at, "can.bo.mot.cua",
                    "ND118-2025", new Types.Due(at.plus(Duration.ofDays(7)), null), at, at.plus(Duration.ofHours(4)), null));
        }

        public Dossier awaitState(String state) {
            await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(state()));
            return this;
        }

        public Dossier awaitVersion(int v) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(infra,
                    "select coalesce(max(last_version), 0) from satisfaction.dossier_view where dossier_id = ?", id) >= v);
            return this;
        }

        public String state() {
            List<Map<String, Object>> rows = Sql.rows(infra,
                    "select state from satisfaction.dossier_view where dossier_id = ?", id);
            return rows.isEmpty() ? null : (String) rows.get(0).get("state");
        }
    }

    private static final AtomicInteger UNITS = new AtomicInteger(10);

    /** A unit code used by no other test of this JVM, so that its figures are that test's alone. */
    public static String freshUnit() {
        return "000.9" + (UNITS.get() / 90) + "." + (10 + UNITS.getAndIncrement() % 90) + ".H40";
    }

    public static Dossier dossier(MotcuaTestInfra.Handles infra) {
        return new Dossier(infra, POLICE, PC06);
    }

    public static Dossier dossier(MotcuaTestInfra.Handles infra, String receiving, String competent) {
        return new Dossier(infra, receiving, competent);
    }

    public static RecordMetadata send(MotcuaTestInfra.Handles infra, String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> p = producer(infra)) {
            return p.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the records as fast as one producer can, so that the consumer polls many of them at a time. */
    public static void sendAll(MotcuaTestInfra.Handles infra, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> p = producer(infra)) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(p.send(r)));
            p.flush();
            for (var f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the consumer group has committed an offset past the record: it was processed. */
    public static void awaitConsumed(MotcuaTestInfra.Handles infra, String group, RecordMetadata record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().get(tp);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    // ------------------------------------------------------------------ requests and answers

    public static Map<String, Object> policeAnswers(int level) {
        Map<String, Object> a = new HashMap<>();
        for (String c : List.of("publication", "access", "online-submission", "reception", "processing-time", "result",
                "complaint-handling")) {
            a.put(c, level);
        }
        return a;
    }

    public static Map<String, Object> publicRating(int overall) {
        Map<String, Object> body = new HashMap<>();
        body.put("answers", policeAnswers(overall));
        body.put("overall", overall);
        body.put("comment", "Cán bộ hướng dẫn nhiệt tình");
        return body;
    }

    public static Map<String, Object> rating(String channel, String dossierCode, Integer overall) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", channel);
        body.put("dossierCode", dossierCode);
        body.put("criteriaSet", "POLICE");
        body.put("answers", policeAnswers(overall == null ? 3 : overall));
        body.put("overall", overall);
        return body;
    }

    public static Map<String, Object> paper(String dossierCode, String ballotNumber, Integer overall, Instant collectedAt) {
        Map<String, Object> body = rating("PAPER", dossierCode, overall);
        body.put("ballotNumber", ballotNumber);
        body.put("collectedAt", collectedAt.toString());
        return body;
    }

    public static String linkToken(String token, Dossier d) {
        return as(token).get("/api/v1/dossiers/" + d.code + "/rating-link").then().statusCode(200)
                .extract().path("token");
    }

    /** Checks an RFC 9457 answer: status, problem+json, the rule as the type's last segment, a Vietnamese text. */
    public static ValidatableResponse assertProblem(io.restassured.response.Response r, int status, String rule) {
        ValidatableResponse v = r.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("detailVi", not(emptyOrNullString()));
        if (rule != null) {
            v.body("type", endsWith("/" + rule));
        }
        return v;
    }

    // ------------------------------------------------------------------ what was stored and published

    public static List<Map<String, Object>> ratings(MotcuaTestInfra.Handles infra, String dossierCode) {
        return Sql.rows(infra, "select * from satisfaction.rating where dossier_code = ? order by arrival",
                dossierCode);
    }

    /** The satisfaction events published for a dossier code, each checked against the published schema. */
    public static List<SatisfactionEventEnvelope> published(MotcuaTestInfra.Handles infra, String dossierCode) {
        List<SatisfactionEventEnvelope> out = new ArrayList<>();
        for (TopicReader.Message m : TopicReader.readAll(infra.kafka().bootstrapServers(), SatisfactionTopics.EVENTS)) {
            List<String> violations = SCHEMA.validate(m.value());
            assertThat(violations).as("schema violations of %s", m.value()).isEmpty();
            SatisfactionEventEnvelope e = CODEC.read(m.value()).orElseThrow();
            assertThat(m.key()).isEqualTo(e.key());
            if (dossierCode.equals(e.dossierCode())) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<SatisfactionEventEnvelope> awaitPublished(MotcuaTestInfra.Handles infra, String dossierCode,
                                                                 int atLeast) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> published(infra, dossierCode).size() >= atLeast);
        return published(infra, dossierCode);
    }
}
