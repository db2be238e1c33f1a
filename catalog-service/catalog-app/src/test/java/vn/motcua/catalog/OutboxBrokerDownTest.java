package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.catalog.CatalogTestSupport.as;
import static vn.motcua.catalog.CatalogTestSupport.awaitMessages;
import static vn.motcua.catalog.CatalogTestSupport.outboxRows;
import static vn.motcua.catalog.CatalogTestSupport.unique;
import static vn.motcua.catalog.CatalogTestSupport.unit;

/** Changes accepted while Kafka is down reach the topic once it is back: nothing lost, nothing doubled. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class OutboxBrokerDownTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void changesAcceptedWhileTheBrokerIsDownArePublishedExactlyOnceWhenItReturns() {
        String admin = infra.tokens().admin();
        String code = unique("PROV");
        String field = unique("FIELD");
        String procedure = unique("P");
        CatalogTestSupport.createField(admin, field, "Lĩnh vực").statusCode(200);
        as(admin).body(CatalogTestSupport.procedure(procedure, "Đăng ký tạm trú", field, List.of("POLICE_DIVISION"),
                        List.of(CatalogTestSupport.version("2024-01-01", null, CatalogTestSupport.time(3, "WORKING_DAYS")))))
                .post("/api/v1/procedures").then().statusCode(201);
        awaitMessages(infra, CatalogTopics.PROCEDURES, procedure, 1);
        infra.kafka().stop();
        try {
            long started = System.nanoTime();
            as(admin).body(unit(code, "Tỉnh thử nghiệm", "PROVINCE", null, "2020-01-01"))
                    .post("/api/v1/units").then().statusCode(201);
            Map<String, Object> renamed = unit(code, "Tỉnh thử nghiệm (đổi tên)", "PROVINCE", null, "2020-01-01");
            as(admin).body(renamed).put("/api/v1/units/" + code).then().statusCode(200);
            as(admin).body(CatalogTestSupport.version("2025-07-01", null, CatalogTestSupport.time(2, "WORKING_DAYS")))
                    .post("/api/v1/procedures/" + procedure + "/versions").then().statusCode(200);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            // The producer would block up to 60 s on a missing broker; requests never touch it.
            assertThat(elapsedMillis).as("requests must not wait on the broker").isLessThan(10_000);
            assertThat(outboxRows(infra, code, true)).as("both unit events wait in the outbox").isEqualTo(2);
            assertThat(outboxRows(infra, procedure, true)).as("the amendment waits in the outbox").isEqualTo(1);
        } finally {
            infra.kafka().start();
        }

        List<TopicReader.Message> messages = awaitMessages(infra, CatalogTopics.UNITS, code, 2);
        assertThat(messages).extracting(m -> m.headers().get("eventType"))
                .containsExactly("UnitRegistered", "UnitUpdated");
        assertThat(messages.get(1).value()).contains("đổi tên");
        assertThat(outboxRows(infra, code, true)).isZero();

        List<TopicReader.Message> procedureEvents = awaitMessages(infra, CatalogTopics.PROCEDURES, procedure, 2);
        assertThat(procedureEvents).extracting(m -> m.headers().get("eventType"))
                .containsExactly("ProcedurePublished", "ProcedureAmended");
    }
}
