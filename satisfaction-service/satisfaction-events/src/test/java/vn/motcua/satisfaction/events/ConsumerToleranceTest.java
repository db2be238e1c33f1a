package vn.motcua.satisfaction.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.satisfaction.events.SatisfactionEvent.BallotInvalid;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintOpened;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintResolved;
import vn.motcua.satisfaction.events.SatisfactionEvent.RatingRecorded;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Adding a field never breaks a consumer": a newer producer may add fields anywhere, new codes and new event types,
 * and an older producer may leave out fields that can be null; the reader keeps working and skips what it does not
 * know.
 */
class ConsumerToleranceTest {
    private static final SatisfactionEventCodec CODEC = new SatisfactionEventCodec();
    private static final SatisfactionEventSchema SCHEMA = new SatisfactionEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<SatisfactionEventEnvelope>> examples() {
        return SatisfactionEventFixtures.examples().entrySet().stream().map(e -> Named.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void aFieldAddedToEveryObjectOfTheDocumentChangesNothing(SatisfactionEventEnvelope envelope) throws IOException {
        JsonNode doc = JSON.readTree(CODEC.write(envelope));
        addUnknownFieldsEverywhere(doc);
        String widened = JSON.writeValueAsString(doc);

        assertThat(widened).contains("\"addedLater\"");
        assertThat(SCHEMA.validate(widened)).as(widened).isEmpty();
        assertThat(CODEC.read(widened)).contains(envelope);
    }

    @Test
    void fieldsAPossibleNextVersionMightAddAreIgnored() {
        String json = """
                {
                  "eventId": "9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b01",
                  "type": "RatingRecorded",
                  "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "unitCode": "000.20.20.H40",
                  "receivingUnitCode": "000.00.20.H40",
                  "procedureCode": "2.000200",
                  "occurredAt": "2026-12-11T12:30:05Z",
                  "recordedAt": "2026-12-11T12:30:05.412Z",
                  "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                  "data": {
                    "ratingId": "4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e01",
                    "channel": "QR",
                    "criteriaSet": { "code": "POLICE", "version": 1, "nameVi": "Đánh giá mức độ hài lòng trên VNeID (Công an)" },
                    "answers": [
                      { "criterion": "publication", "level": 4, "labelVi": "Hài lòng" },
                      { "criterion": "access", "level": 4 },
                      { "criterion": "online-submission", "level": 3 },
                      { "criterion": "reception", "level": 3 },
                      { "criterion": "processing-time", "level": 1, "labelVi": "Rất không hài lòng" },
                      { "criterion": "result", "level": 4 },
                      { "criterion": "complaint-handling", "level": 2 }
                    ],
                    "overall": 2,
                    "satisfied": false,
                    "withComment": true,
                    "complaint": true,
                    "ballotNumber": null,
                    "device": { "kind": "phone", "app": "VNeID" },
                    "collectedAt": "2026-12-11T12:30:05Z",
                    "returnedAt": "2026-12-11T03:45:00Z",
                    "returnChannel": "POSTAL"
                  }
                }
                """;

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(CODEC.read(json)).contains(SatisfactionEventFixtures.ofType("RatingRecorded"));
    }

    @Test
    void codesAddedLaterAreReadAsTheyAre() {
        String rating = CODEC.writeString(SatisfactionEventFixtures.ofType("RatingRecorded"))
                .replace("\"channel\":\"QR\"", "\"channel\":\"ZALO\"");
        String ballot = CODEC.writeString(SatisfactionEventFixtures.ofType("BallotInvalid"))
                .replace("\"reason\":\"MULTIPLE_MARKS\"", "\"reason\":\"BALLOT_TORN\"");
        String refused = CODEC.writeString(SatisfactionEventFixtures.example("BallotInvalid-duplicate"))
                .replace("\"status\":\"DUPLICATE\"", "\"status\":\"WITHDRAWN_BY_CITIZEN\"")
                .replace("\"reason\":\"DUPLICATE\"", "\"reason\":\"CITIZEN_WITHDREW\"");
        String resolved = CODEC.writeString(SatisfactionEventFixtures.ofType("ComplaintResolved"))
                .replace("\"timeliness\":\"EARLY\"", "\"timeliness\":\"NOT_MEASURED\"");

        for (String json : List.of(rating, ballot, refused, resolved)) {
            assertThat(SCHEMA.validate(json)).as(json).isEmpty();
        }
        assertThat(((RatingRecorded) CODEC.read(rating).orElseThrow().data()).channel()).isEqualTo("ZALO");
        assertThat(((BallotInvalid) CODEC.read(ballot).orElseThrow().data()).reason()).isEqualTo("BALLOT_TORN");
        assertThat(((BallotInvalid) CODEC.read(refused).orElseThrow().data()).status())
                .isEqualTo("WITHDRAWN_BY_CITIZEN");
        assertThat(((ComplaintResolved) CODEC.read(resolved).orElseThrow().data()).timeliness())
                .isEqualTo("NOT_MEASURED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void fieldsThatMayBeNullMayAlsoBeAbsent(SatisfactionEventEnvelope envelope) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(envelope));
        ObjectNode data = (ObjectNode) doc.get("data");
        List<String> optional = new ArrayList<>();
        data.fieldNames().forEachRemaining(f -> {
            if (!SatisfactionEventType.of(envelope.data()).requiredFields().contains(f)) {
                optional.add(f);
            }
        });
        data.remove(optional);

        assertThat(SCHEMA.validate(doc)).as(doc.toString()).isEmpty();
        SatisfactionEvent read = CODEC.read(JSON.writeValueAsString(doc)).orElseThrow().data();
        assertThat(read.getClass()).isEqualTo(envelope.data().getClass());
        assertThat(read.at()).isEqualTo(envelope.data().at());
    }

    @Test
    void absentOptionalFieldsReadAsNullOrFalse() {
        String ballot = """
                {
                  "eventId": "9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b02", "type": "BallotInvalid", "schemaVersion": 1,
                  "dossierId": "7a3e9c1d-2b4f-4e6a-8d0c-5f1b3a7e9d2c", "dossierCode": "000.00.31.H40-261124-0007",
                  "unitCode": "000.00.31.H40",
                  "occurredAt": "2026-11-24T02:10:00Z", "recordedAt": "2026-11-26T01:40:12Z",
                  "data": { "ratingId": "4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e02", "channel": "PAPER",
                            "status": "INVALID", "reason": "MULTIPLE_MARKS", "collectedAt": "2026-11-24T02:10:00Z" }
                }
                """;
        String complaint = """
                {
                  "eventId": "9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b03", "type": "ComplaintOpened", "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b", "dossierCode": "000.00.20.H40-261123-0001",
                  "unitCode": "000.20.20.H40",
                  "occurredAt": "2026-12-11T12:30:05Z", "recordedAt": "2026-12-11T12:30:05.431Z",
                  "data": { "complaintId": "d81f4a36-7c2e-4b19-a5d0-6e3f2a1b0c01",
                            "ratingId": "4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e01", "channel": "QR",
                            "openedAt": "2026-12-11T12:30:05Z",
                            "due": { "at": "2027-01-04T10:00:00Z", "date": "2027-01-04" } }
                }
                """;

        assertThat(SCHEMA.validate(ballot)).isEmpty();
        assertThat(SCHEMA.validate(complaint)).isEmpty();
        BallotInvalid readBallot = (BallotInvalid) CODEC.read(ballot).orElseThrow().data();
        assertThat(readBallot.reasonText()).isNull();
        assertThat(readBallot.ballotNumber()).isNull();
        assertThat(CODEC.read(complaint).orElseThrow().data())
                .isEqualTo(SatisfactionEventFixtures.complaintOpened())
                .extracting(e -> ((ComplaintOpened) e).calendarDataMissing()).isEqualTo(false);
    }

    @Test
    void fieldOrderDoesNotMatterEvenWhenTheTypeComesLast() {
        String json = """
                {
                  "data": {
                    "onTime": true, "timeliness": "EARLY",
                    "due": { "date": "2027-01-04", "at": "2027-01-04T10:00:00Z" },
                    "resolvedAt": "2026-12-18T08:20:00Z", "openedAt": "2026-12-11T12:30:05Z",
                    "ratingId": "4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e01",
                    "complaintId": "d81f4a36-7c2e-4b19-a5d0-6e3f2a1b0c01"
                  },
                  "recordedAt": "2026-12-18T08:20:00.250Z",
                  "occurredAt": "2026-12-18T08:20:00Z",
                  "unitCode": "000.20.20.H40",
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "schemaVersion": 1,
                  "eventId": "9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b04",
                  "type": "ComplaintResolved"
                }
                """;

        assertThat(CODEC.read(json)).contains(SatisfactionEventFixtures.ofType("ComplaintResolved"));
    }

    @Test
    void anInstantWithAVietnamOffsetIsTheSameInstant() {
        String json = CODEC.writeString(SatisfactionEventFixtures.ofType("ComplaintResolved"))
                .replace("\"resolvedAt\":\"2026-12-18T08:20:00Z\"", "\"resolvedAt\":\"2026-12-18T15:20:00+07:00\"")
                .replace("\"occurredAt\":\"2026-12-18T08:20:00Z\"", "\"occurredAt\":\"2026-12-18T15:20:00+07:00\"");

        assertThat(json).contains("+07:00");
        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(CODEC.read(json)).contains(SatisfactionEventFixtures.ofType("ComplaintResolved"));
    }

    @Test
    void anUnknownEventTypeIsSkipped() {
        String json = """
                {
                  "eventId": "e7a1c3b5-9d2f-4e6a-8b0c-1d3f5a7c9e01",
                  "type": "RatingCorrected",
                  "schemaVersion": 1,
                  "dossierId": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b",
                  "dossierCode": "000.00.20.H40-261123-0001",
                  "unitCode": "000.20.20.H40",
                  "occurredAt": "2026-12-20T02:00:00Z",
                  "recordedAt": "2026-12-20T02:00:00.250Z",
                  "data": { "ratingId": "4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e01", "overall": 3 }
                }
                """;

        assertThat(CODEC.read(json)).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsSkippedWhateverItsEnvelopeLooksLike() {
        // A future type may carry a different envelope; this reader cannot judge it, so it does not reject it.
        assertThat(CODEC.read("{\"type\": \"SurveyPublished\", \"survey\": {\"quarter\": \"2026-Q4\"}}")).isEmpty();
    }

    @Test
    void aLaterSchemaVersionOfAKnownTypeWithMoreFieldsIsStillRead() throws IOException {
        // Additive changes may raise schemaVersion; breaking changes get a new type or topic.
        ObjectNode doc = (ObjectNode) JSON.readTree(CODEC.write(SatisfactionEventFixtures.ofType("ComplaintOpened")));
        doc.put("schemaVersion", 2);
        ((ObjectNode) doc.get("data")).put("category", "PROCESSING_TIME").put("handlingUnit", "000.20.20.H40")
                .putObject("escalation").put("level", 1);

        SatisfactionEventEnvelope read = CODEC.read(JSON.writeValueAsString(doc)).orElseThrow();

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.data()).isEqualTo(SatisfactionEventFixtures.complaintOpened());
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
