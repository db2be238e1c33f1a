package vn.motcua.catalog.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Adding a field must never break a consumer": a newer producer may add fields anywhere and new event types; an
 * older reader keeps working and skips what it does not know.
 */
class ConsumerToleranceTest {
    private static final CatalogEventCodec CODEC = new CatalogEventCodec();
    private static final CatalogEventSchema SCHEMA = new CatalogEventSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<CatalogEvent>> events() {
        return CatalogEventFixtures.oneOfEach().stream().map(e -> Named.of(e.getClass().getSimpleName(), e));
    }

    @Test
    void unknownFieldsAtTopLevelAndInNestedObjectsAreIgnored() {
        String json = """
                {
                  "eventType": "ProcedureAmended",
                  "eventId": "6b0e2f7c-1d3a-4c5e-9f80-a1b2c3d4e5f6",
                  "occurredAt": "2025-07-01T01:15:30.123456Z",
                  "schemaVersion": 1,
                  "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                  "producer": { "service": "catalog-service", "instance": "catalog-7d9f" },
                  "newVersion": 2,
                  "procedure": {
                    "code": "1.004227",
                    "nameVi": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
                    "nameEn": "New construction permit for a detached house",
                    "fieldCode": "XD",
                    "fieldNameVi": "Hoạt động xây dựng",
                    "level": "COMMUNE",
                    "competentUnitTypes": ["COMMUNE", "DISTRICT"],
                    "abolishedOn": null,
                    "dvcQgUrl": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227",
                    "versions": [
                      {
                        "version": 1, "effectiveFrom": "2021-01-01", "effectiveTo": "2025-06-30",
                        "legalTime": { "amount": 15, "unit": "WORKING_DAYS", "label": "15 ngày làm việc" },
                        "feeVnd": 75000, "feeNote": null, "onlineLevel": "PARTLY_ONLINE",
                        "postalReception": true, "postalReturn": false,
                        "requiredDocuments": ["Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"],
                        "legalBasis": "Luật Xây dựng năm 2014", "decision": "Quyết định 1111/QĐ-BXD",
                        "resultDocument": "Giấy phép xây dựng"
                      },
                      {
                        "version": 2, "effectiveFrom": "2025-07-01", "effectiveTo": null,
                        "legalTime": { "amount": 14, "unit": "WORKING_DAYS" },
                        "feeVnd": null, "feeNote": "Theo quy định của HĐND cấp tỉnh", "onlineLevel": "FULLY_ONLINE",
                        "postalReception": true, "postalReturn": true,
                        "requiredDocuments": ["Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"],
                        "legalBasis": null, "decision": null,
                        "steps": [{ "order": 1, "nameVi": "Tiếp nhận hồ sơ" }]
                      }
                    ]
                  }
                }
                """;
        CatalogEvent.ProcedureAmended expected = new CatalogEvent.ProcedureAmended(
                UUID.fromString("6b0e2f7c-1d3a-4c5e-9f80-a1b2c3d4e5f6"), CatalogEventFixtures.OCCURRED_AT,
                1, 2, CatalogEventFixtures.buildingPermit());

        assertThat(SCHEMA.validate(json)).as("added fields keep the document schema-valid").isEmpty();
        assertThat(read(json)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aFieldAddedToEveryObjectOfTheDocumentChangesNothing(CatalogEvent event) throws IOException {
        JsonNode doc = JSON.readTree(CODEC.write(event));
        addUnknownFieldsEverywhere(doc);
        String widened = JSON.writeValueAsString(doc);

        assertThat(widened).contains("\"addedLater\"");
        assertThat(SCHEMA.validate(widened)).as(widened).isEmpty();
        assertThat(read(widened)).contains(event);
    }

    @Test
    void fieldOrderDoesNotMatterEvenWhenTheTypeComesLast() {
        String json = """
                {
                  "unit": { "validTo": null, "validFrom": "2025-07-01", "parentCode": "79", "type": "COMMUNE",
                            "nameVi": "Phường Sài Gòn", "code": "26734" },
                  "schemaVersion": 1,
                  "occurredAt": "2025-07-01T01:15:30.123456Z",
                  "eventId": "3f1c9a52-8d4e-4b7a-9c61-2e5d7f80a1b3",
                  "eventType": "UnitRegistered"
                }
                """;

        assertThat(read(json)).contains(CatalogEventFixtures.unitRegistered());
    }

    @Test
    void occurredAtWithAnOffsetOtherThanUtcIsTheSameInstant() {
        String json = CODEC.writeString(CatalogEventFixtures.unitRegistered())
                .replace("2025-07-01T01:15:30.123456Z", "2025-07-01T08:15:30.123456+07:00");

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(read(json)).contains(CatalogEventFixtures.unitRegistered());
    }

    @Test
    void unknownEventTypeIsSkipped() {
        String json = """
                {
                  "eventType": "ProcedureRenamed",
                  "eventId": "0d3c4b5a-6978-4e1f-8a2b-3c4d5e6f7a8b",
                  "occurredAt": "2026-01-05T02:00:00Z",
                  "schemaVersion": 1,
                  "procedureCode": "1.001193",
                  "oldNameVi": "Thủ tục đăng ký khai sinh",
                  "newNameVi": "Đăng ký khai sinh"
                }
                """;

        assertThat(read(json)).isEmpty();
    }

    @Test
    void unknownEventTypeIsSkippedWhateverItsBodyLooksLike() {
        // The reader must not judge the body of a type it cannot know: a newer producer decides what it contains.
        assertThat(read("{\"eventType\":\"OfficeOpened\",\"office\":[1,2,3]}")).isEmpty();
    }

    private static Optional<CatalogEvent> read(String json) {
        return CODEC.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void addUnknownFieldsEverywhere(JsonNode node) {
        if (node.isObject()) {
            node.forEach(ConsumerToleranceTest::addUnknownFieldsEverywhere);
            ObjectNode object = (ObjectNode) node;
            object.putObject("addedLater").put("text", "trường mới").putArray("list").add(1).add("hai");
        } else if (node.isArray()) {
            node.forEach(ConsumerToleranceTest::addUnknownFieldsEverywhere);
        }
    }
}
