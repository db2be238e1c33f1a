package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.dossier.DossierTestSupport.POLICE;

/**
 * The dossier service's copy of the catalog: a redelivered event changes nothing, a record that is not a catalog
 * event goes to the dead-letter topic without holding up the ones behind it, and an older snapshot never replaces a
 * newer one. Each is checked where a desk would notice it: the terms a new dossier gets.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class CatalogReplicaTest {
    static final String DLQ = "motcua.dossier.catalog-replica.dlq.v1";
    private static final AtomicInteger CODES = new AtomicInteger();
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        officer = infra.tokens().officer(POLICE);
    }

    @Test
    void givenAnAppliedEvent_whenTheSameEventIdArrivesAgain_thenNothingChanges() {
        String code = newProcedureCode();
        UUID eventId = UUID.randomUUID();
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        RecordMetadata first = send(DossierTestSupport.procedure(eventId, t, code, "Thủ tục thử nghiệm gửi lại",
                ProcessingTime.workingDays(5)));
        awaitProcessed(eventId);
        Map<String, Object> processed = processedRow(eventId);
        Map<String, Object> replica = replicaRow(code);

        // a redelivery (same event id), even one that claims other terms, is the same event: already applied
        send(DossierTestSupport.procedure(eventId, t, code, "Thủ tục thử nghiệm (bản sửa không hợp lệ)",
                ProcessingTime.workingDays(1)));
        // anything behind it on the same partition is applied after it
        UUID marker = UUID.randomUUID();
        send(DossierTestSupport.procedure(marker, t, newProcedureCode(), "Đánh dấu", ProcessingTime.workingDays(1)),
                first.partition());
        awaitProcessed(marker);

        assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.processed_event where event_id = ?",
                eventId)).isEqualTo(1);
        assertThat(processedRow(eventId)).isEqualTo(processed);
        assertThat(replicaRow(code)).isEqualTo(replica);
        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.receive(code, POLICE, "ONLINE"));
        assertThat(receipt.getString("dossier.procedure.nameVi")).isEqualTo("Thủ tục thử nghiệm gửi lại");
        assertThat(receipt.getString("due.date")).isEqualTo("2026-03-09");
    }

    @Test
    void givenPoisonRecords_whenConsumed_thenTheyGoToTheDeadLetterTopicAndTheNextEventIsStillApplied() {
        String code = newProcedureCode();
        String key = "poison-" + UUID.randomUUID();
        List<String> poison = List.of(
                "this is not JSON {",
                "{\"hello\": \"world\"}",
                "[1, 2, 3]",
                // a known event type without the snapshot it must carry
                "{\"eventType\": \"ProcedurePublished\", \"eventId\": \"" + UUID.randomUUID()
                        + "\", \"occurredAt\": \"2026-02-01T00:00:00Z\", \"schemaVersion\": 1}");
        int partition = 0;
        // each under a key of its own: a poison record parks its key's later records (they wait behind it)
        for (int i = 0; i < poison.size(); i++) {
            send(CatalogTopics.PROCEDURES, partition, key + "-" + i, poison.get(i).getBytes(StandardCharsets.UTF_8));
        }
        UUID good = UUID.randomUUID();
        send(DossierTestSupport.procedure(good, Instant.parse("2026-02-01T00:00:00Z"), code,
                "Thủ tục công bố sau bản ghi lỗi", ProcessingTime.workingDays(2)), partition);

        awaitProcessed(good);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> m.key() != null && m.key().startsWith(key)).size()
                        >= poison.size());
        List<TopicReader.Message> dead = TopicReader.read(infra.kafka().bootstrapServers(), DLQ, m -> m.key() != null && m.key().startsWith(key));
        assertThat(dead).extracting(TopicReader.Message::value).containsExactlyElementsOf(poison);
        assertThat(dead).allSatisfy(m -> assertThat(m.headers())
                .containsEntry("motcua-dlq-consumer", "dossier-service.catalog-replica")
                .containsEntry("motcua-dlq-topic", CatalogTopics.PROCEDURES)
                .containsKeys("motcua-dlq-reason", "motcua-dlq-offset", "motcua-dlq-error-class"));

        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.receive(code, POLICE, "ONLINE"));
        assertThat(receipt.getString("dossier.procedure.nameVi")).isEqualTo("Thủ tục công bố sau bản ghi lỗi");
        assertThat(receipt.getString("due.date")).isEqualTo("2026-03-04");
    }

    @Test
    void givenANewerSnapshot_whenAnOlderOneArrivesLate_thenTheNewerIsKept() {
        String code = newProcedureCode();
        UUID newer = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        send(DossierTestSupport.procedure(newer, Instant.parse("2026-02-10T00:00:00Z"), code,
                "Thủ tục (sửa đổi tháng 2)", ProcessingTime.workingDays(2)));
        send(DossierTestSupport.procedure(older, Instant.parse("2026-01-10T00:00:00Z"), code,
                "Thủ tục (bản tháng 1)", ProcessingTime.workingDays(10)));

        awaitProcessed(newer);
        awaitProcessed(older);

        assertThat(replicaRow(code).get("event_id")).isEqualTo(newer);
        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.receive(code, POLICE, "ONLINE"));
        assertThat(receipt.getString("dossier.procedure.nameVi")).isEqualTo("Thủ tục (sửa đổi tháng 2)");
        assertThat(receipt.getString("due.date")).isEqualTo("2026-03-04");
    }

    // ------------------------------------------------------------------ helpers

    private static String newProcedureCode() {
        return "9.7" + String.format("%05d", CODES.incrementAndGet());
    }

    private RecordMetadata send(CatalogEvent event) {
        return send(event.topic(), null, event.key(), CODEC.write(event));
    }

    private RecordMetadata send(CatalogEvent event, int partition) {
        return send(event.topic(), partition, event.key(), CODEC.write(event));
    }

    private RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> p = DossierTestSupport.producer(infra)) {
            return p.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aProcedureWithTheLongestNameTheCatalogAllowsIsReceivedLikeAnyOther() {
        String code = newProcedureCode();
        // 1,000 characters of Vietnamese (CatalogLimits.PROCEDURE_NAME_MAX): once a 500 on every reception
        String name = ("Cấp giấy chứng nhận đủ điều kiện hoạt động dịch vụ " + "ư".repeat(1000))
                .substring(0, vn.motcua.catalog.events.CatalogLimits.PROCEDURE_NAME_MAX);
        UUID eventId = UUID.randomUUID();
        send(DossierTestSupport.procedure(eventId, Instant.parse("2026-02-01T00:00:00Z"), code, name,
                ProcessingTime.workingDays(5)));
        awaitProcessed(eventId);
        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.receive(code, POLICE, "ONLINE"));
        assertThat(receipt.getString("dossier.procedure.nameVi")).isEqualTo(name);
    }

    @Test
    void everySchemaValidUnitAndProcedureAtTheEdgesIsInTheReplicaAndNoneIsParked() {
        java.util.List<vn.motcua.catalog.events.CatalogEvent> events = new java.util.ArrayList<>();
        events.addAll(vn.motcua.catalog.events.CatalogEventEdges.units().sampleStream().limit(30).toList());
        events.addAll(vn.motcua.catalog.events.CatalogEventEdges.procedures().sampleStream().limit(30).toList());
        for (vn.motcua.catalog.events.CatalogEvent e : events) {
            send(e);
        }
        vn.motcua.testinfra.Consumed.awaitKeysNoneParked(infra, "dossier",
                "select record_key from dossier.catalog_replica where record_key = any(?::text[])",
                events.stream().map(vn.motcua.catalog.events.CatalogEvent::key).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void everyColumnTakesTheLongestValueTheContractsAllow() {
        int code = vn.motcua.catalog.events.CatalogLimits.CODE_MAX;
        java.util.List<vn.motcua.testinfra.ContractColumns.Rule> rules = java.util.List.of(
                vn.motcua.testinfra.ContractColumns.Rule.width("dossier_view", "dossier_code",
                        vn.motcua.dossier.events.DossierLimits.DOSSIER_CODE_MAX, "a dossier code"),
                vn.motcua.testinfra.ContractColumns.Rule.width("dossier_view|dossier_code_counter",
                        "procedure_code|receiving_unit|competent_unit|current_unit|unit_code", code, "a catalog code"),
                vn.motcua.testinfra.ContractColumns.Rule.optional("dossier_view", "procedure_name",
                        vn.motcua.catalog.events.CatalogLimits.PROCEDURE_NAME_MAX, "a procedure name"),
                // a commitment's key is its unit's and its procedure's codes
                vn.motcua.testinfra.ContractColumns.Rule.width("catalog_replica", "record_key", 2 * code + 1, "a catalog key"));
        assertThat(vn.motcua.testinfra.ContractColumns.violations(infra, "dossier", rules)).isEmpty();
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                DossierTestSupport.count(infra, "select count(*) from dossier.processed_event where event_id = ?",
                        eventId) == 1);
    }

    private Map<String, Object> processedRow(UUID eventId) {
        return DossierTestSupport.rows(infra, "select * from dossier.processed_event where event_id = ?", eventId)
                .get(0);
    }

    private Map<String, Object> replicaRow(String code) {
        return DossierTestSupport.rows(infra, "select * from dossier.catalog_replica "
                + "where topic = ? and record_key = ?", CatalogTopics.PROCEDURES, code).get(0);
    }
}
