package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.dossier.domain.DossierEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Adding a field never breaks a consumer": a newer producer may add fields anywhere and new event types, and an
 * older producer may leave out fields that can be null; the reader keeps working and skips what it does not know.
 */
class ConsumerToleranceTest {
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    private static final DossierEventSchema SCHEMA = new DossierEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<DossierEventEnvelope>> envelopes() {
        return DossierEventFixtures.oneOfEach().stream().map(e -> Named.of(e.type(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void aFieldAddedToEveryObjectOfTheDocumentChangesNothing(DossierEventEnvelope envelope) throws IOException {
        JsonNode doc = JSON.readTree(CODEC.write(envelope));
        addUnknownFieldsEverywhere(doc);
        String widened = JSON.writeValueAsString(doc);

        assertThat(widened).contains("\"addedLater\"");
        assertThat(SCHEMA.validate(widened)).as(widened).isEmpty();
        assertThat(CODEC.read(widened)).contains(DossierEventFixtures.published(envelope));
    }

    @Test
    void fieldsAPossibleNextVersionMightAddAreIgnored() {
        String json = """
                {
                  "eventId": "3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60010",
                  "type": "DossierProcessed",
                  "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "version": 12,
                  "position": 102876,
                  "occurredAt": "2026-12-10T02:00:00Z",
                  "recordedAt": "2026-12-10T02:00:00.250Z",
                  "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                  "producer": { "service": "dossier-service", "instance": "dossier-5c8d" },
                  "data": {
                    "unitCode": "000.20.20.H40",
                    "unitNameVi": "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
                    "officer": "tran.quoc.hung",
                    "outcome": "GRANTED",
                    "resultDocumentRef": "PC06-KQ-2026/00871",
                    "issuedElectronically": true,
                    "timeliness": "LATE",
                    "signedBy": { "title": "Trưởng phòng", "signedAt": "2026-12-10T01:55:00Z" },
                    "at": "2026-12-10T02:00:00Z"
                  }
                }
                """;

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(CODEC.read(json)).contains(DossierEventFixtures.ofType("DossierProcessed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void fieldsThatMayBeNullMayAlsoBeAbsent(DossierEventEnvelope envelope) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(envelope));
        ObjectNode data = (ObjectNode) doc.get("data");
        List<String> optional = new ArrayList<>();
        data.fieldNames().forEachRemaining(f -> {
            if (!DossierEventType.of(envelope.data()).requiredFields().contains(f)) {
                optional.add(f);
            }
        });
        data.remove(optional);

        assertThat(SCHEMA.validate(doc)).as(doc.toString()).isEmpty();
        DossierEvent read = CODEC.read(JSON.writeValueAsString(doc)).orElseThrow().data();
        assertThat(read.getClass()).isEqualTo(envelope.data().getClass());
        assertThat(read.at()).isEqualTo(envelope.data().at());
    }

    @Test
    void aReceivedDossierWithoutOptionalFieldsReadsThemAsNull() {
        String json = """
                {
                  "eventId": "8a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d",
                  "type": "DossierReceived", "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b", "dossierCode": "000.00.20.H40-261123-0001",
                  "version": 1, "position": 1,
                  "occurredAt": "2026-11-23T01:15:30Z", "recordedAt": "2026-11-23T01:15:31Z",
                  "data": {
                    "dossierCode": "000.00.20.H40-261123-0001",
                    "procedure": { "code": "2.000200", "version": 1,
                                   "legalTime": { "amount": 7, "unit": "WORKING_DAYS" }, "postalReception": false },
                    "receivingUnit": "000.00.20.H40", "competentUnit": "000.20.20.H40",
                    "channel": "COUNTER", "documents": [],
                    "at": "2026-11-23T01:15:30Z", "ruleSet": "ND118-2025",
                    "due": {},
                    "countingStartsAt": "2026-11-23T01:15:30Z", "transferDeadline": "2026-11-23T10:00:00Z"
                  }
                }
                """;

        assertThat(SCHEMA.validate(json)).isEmpty();
        DossierEvent.Received received = (DossierEvent.Received) CODEC.read(json).orElseThrow().data();
        assertThat(received.officer()).isNull();
        assertThat(received.submittedAt()).isNull();
        assertThat(received.procedure().nameVi()).isNull();
        assertThat(received.procedure().committedTime()).isNull();
        assertThat(received.due().exists()).isFalse();
    }

    /**
     * Payment channel, digitised components and electronic result (issue 16) were added to version 1: an event
     * published before them still validates and reads, each of them "not said" (null), never "no" or "at the desk".
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"DossierReceived", "DossierSupplementSupplied",
            "DossierPaymentRecorded", "DossierProcessed"})
    void anEventPublishedBeforeThePaymentAndDigitisationFieldsReadsThemAsNotSaid(String type) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(DossierEventFixtures.ofType(type)));
        ObjectNode data = (ObjectNode) doc.get("data");
        assertThat(data.remove(List.of("digitisedDocuments", "channel", "issuedElectronically")))
                .as("the fixture carries the new field").isNotNull();
        if (type.equals("DossierReceived")) {
            data.put("channel", "COUNTER"); // the reception's channel is older and required: only the new field goes
        }

        assertThat(SCHEMA.validate(doc)).as(doc.toString()).isEmpty();
        DossierEvent read = CODEC.read(JSON.writeValueAsString(doc)).orElseThrow().data();
        if (read instanceof DossierEvent.Received r) {
            assertThat(r.digitisedDocuments()).isNull();
            assertThat(vn.motcua.dossier.domain.Types.allDigitised(r.documents(), r.digitisedDocuments())).isNull();
        } else if (read instanceof DossierEvent.SupplementSupplied r) {
            assertThat(r.digitisedDocuments()).isNull();
        } else if (read instanceof DossierEvent.PaymentRecorded r) {
            assertThat(r.channel()).isNull();
        } else {
            assertThat(((DossierEvent.Processed) read).issuedElectronically()).isNull();
        }
    }

    @Test
    void fieldOrderDoesNotMatterEvenWhenTheTypeComesLast() {
        String json = """
                {
                  "data": { "at": "2026-12-11T03:45:00Z", "channel": "POSTAL" },
                  "recordedAt": "2026-12-11T03:45:00.250Z",
                  "occurredAt": "2026-12-11T03:45:00Z",
                  "position": 103002,
                  "version": 13,
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "schemaVersion": 1,
                  "eventId": "3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60014",
                  "type": "DossierReturned"
                }
                """;

        assertThat(CODEC.read(json)).contains(DossierEventFixtures.ofType("DossierReturned"));
    }

    @Test
    void anInstantWithAVietnamOffsetIsTheSameInstant() {
        String json = CODEC.writeString(DossierEventFixtures.ofType("DossierStopped"))
                .replace("\"at\":\"2026-12-01T09:00:00Z\"", "\"at\":\"2026-12-01T16:00:00+07:00\"")
                .replace("\"occurredAt\":\"2026-12-01T09:00:00Z\"", "\"occurredAt\":\"2026-12-01T16:00:00+07:00\"");

        assertThat(json).contains("+07:00");
        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(CODEC.read(json)).contains(DossierEventFixtures.ofType("DossierStopped"));
    }

    @Test
    void anUnknownEventTypeIsSkipped() {
        String json = """
                {
                  "eventId": "d4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a",
                  "type": "DossierRatedBySatisfactionSurvey",
                  "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "version": 14,
                  "position": 103500,
                  "occurredAt": "2026-12-12T02:00:00Z",
                  "recordedAt": "2026-12-12T02:00:00.250Z",
                  "data": { "score": 5, "at": "2026-12-12T02:00:00Z" }
                }
                """;

        assertThat(CODEC.read(json)).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsSkippedWhateverItsEnvelopeLooksLike() {
        // A future type may carry a different envelope; this reader cannot judge it, so it does not reject it.
        assertThat(CODEC.read("{\"type\": \"DossierArchived\", \"archive\": {\"box\": 12}}")).isEmpty();
    }

    @Test
    void aLaterSchemaVersionOfAKnownTypeIsStillRead() {
        // Additive changes may raise schemaVersion; breaking changes get a new type or topic.
        String json = CODEC.writeString(DossierEventFixtures.ofType("DossierWithdrawn"))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        DossierEventEnvelope read = CODEC.read(json).orElseThrow();

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.data()).isEqualTo(DossierEventFixtures.withdrawn());
    }

    private static void addUnknownFieldsEverywhere(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(ConsumerToleranceTest::addUnknownFieldsEverywhere);
            object.put("addedLater", "giá trị mới");
            object.putObject("addedLaterObject").put("at", Instant.EPOCH.toString());
        } else if (node.isArray()) {
            node.forEach(ConsumerToleranceTest::addUnknownFieldsEverywhere);
        }
    }
}
