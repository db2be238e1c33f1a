package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.command;

/** The desks keep working while Kafka is down; what they did reaches Kafka once it is back, once, in order. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class OutboxBrokerDownTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
    }

    @Test
    void givenBrokerDown_whenDossiersAreReceivedAndProcessed_thenRequestsSucceedAndEventsArriveOnceInOrderLater() {
        String officer = infra.tokens().officer(POLICE);
        String pc06 = infra.tokens().officer(PC06);
        List<String> ids = new ArrayList<>();
        infra.kafka().stop();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                TestClock.CLOCK.setVietnam("2026-03-02T09:0" + i);
                String id = DossierTestSupport.received(officer, DossierTestSupport.idCard()).getString("id");
                ids.add(id);
                TestClock.CLOCK.setVietnam("2026-03-02T10:0" + i);
                command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định"))
                        .then().statusCode(200);
                TestClock.CLOCK.setVietnam("2026-03-03T14:0" + i);
                command(pc06, id, "result", Map.of("outcome", "GRANTED")).then().statusCode(200);
                TestClock.CLOCK.setVietnam("2026-03-04T08:0" + i);
                command(officer, id, "return", Map.of("channel", "POSTAL")).then().statusCode(200);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("12 commands without a broker")
                    .isLessThan(Duration.ofSeconds(10));

            for (String id : ids) {
                assertThat(DossierTestSupport.count(infra, "select count(*) from dossier.outbox "
                        + "where record_key = ? and published_at is null", id)).as("pending for %s", id).isEqualTo(4);
            }
        } finally {
            infra.kafka().start();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                DossierTestSupport.count(infra, "select count(*) from dossier.outbox where record_key in (?, ?, ?) "
                        + "and published_at is null", ids.get(0), ids.get(1), ids.get(2)) == 0);
        for (String id : ids) {
            List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 4);
            assertThat(published).extracting(DossierEventEnvelope::type).containsExactly("DossierReceived",
                    "DossierTransferred", "DossierProcessed", "DossierReturned");
            assertThat(published).extracting(DossierEventEnvelope::version).containsExactly(1L, 2L, 3L, 4L);
            assertThat(published).extracting(DossierEventEnvelope::eventId).doesNotHaveDuplicates();
        }
    }
}
