package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;

/** A dossier's whole life over REST, and what other services see of it on Kafka. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class DossierLifecycleApiTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void catalog() {
        DossierTestSupport.ensureCatalog(infra);
    }

    @Test
    void readyOnceTheCatalogReplicaCanComputeDueDates() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'catalog replica' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog replica' }.data.calendarYears", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void receiveProcessAndReturnAnIdCardDossier() {
        String officer = infra.tokens().officer(POLICE);
        // Monday 2 March 2026, 09:00 at the counter: 3 working days committed -> due Thursday 5 March, 17:00
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        Response receipt = as(officer).body(DossierTestSupport.idCard()).post("/api/v1/dossiers");
        receipt.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", notNullValue())
                .body("code", matchesPattern("000\\.00\\.20\\.H40-260302-\\d{4}"))
                .body("lookupSecret", matchesPattern("[A-Z2-9]{10}"))
                .body("due.date", equalTo("2026-03-05"))
                .body("dossier.status", equalTo("RECEIVED"))
                .body("dossier.procedure.appliedTime.amount", equalTo(3));
        String id = receipt.path("id");
        String code = receipt.path("code");
        String secret = receipt.path("lookupSecret");

        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        as(officer).body(Map.of("toUnit", DossierTestSupport.PC06, "stepName", "Thẩm định",
                        "stepDeadline", "2026-03-04T10:00:00Z"))
                .post("/api/v1/dossiers/" + id + "/transfers").then().statusCode(200)
                .body("currentUnit", equalTo(DossierTestSupport.PC06)).header("ETag", "\"2\"");

        TestClock.CLOCK.setVietnam("2026-03-04T15:00");
        as(infra.tokens().officer(DossierTestSupport.PC06))
                .body(Map.of("outcome", "GRANTED", "resultDocumentRef", "CCCD-040-2026-0001"))
                .header("If-Match", "\"2\"")
                .post("/api/v1/dossiers/" + id + "/result").then().statusCode(200)
                .body("status", equalTo("PROCESSED"))
                .body("timeliness", equalTo("EARLY"));

        TestClock.CLOCK.setVietnam("2026-03-05T08:00");
        as(officer).body(Map.of("channel", "COUNTER"))
                .post("/api/v1/dossiers/" + code + "/return").then().statusCode(200)
                .body("status", equalTo("RETURNED"))
                .body("statusCode", equalTo(10));

        // the citizen's lookup: status and due date, no personal data
        io.restassured.RestAssured.given().get("/api/v1/public/dossiers/" + code + "?secret=" + secret)
                .then().statusCode(200)
                .body("status", equalTo("RETURNED"))
                .body("statusVi", equalTo("Đã trả kết quả"))
                .body("applicant", nullValue())
                .body("currentDue.date", equalTo("2026-03-05"));
        io.restassured.RestAssured.given().get("/api/v1/public/dossiers/" + code + "?secret=WRONGSECRET")
                .then().statusCode(404).body("detailVi", notNullValue());

        as(officer).get("/api/v1/dossiers/" + id + "/control-sheet").then().statusCode(200)
                .body("steps.size()", equalTo(2))
                .body("steps[1].unitCode", equalTo(DossierTestSupport.PC06))
                .body("steps[1].late", equalTo(false));

        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 4);
        assertThat(published).extracting(DossierEventEnvelope::type)
                .containsExactly("DossierReceived", "DossierTransferred", "DossierProcessed", "DossierReturned");
        assertThat(published).extracting(DossierEventEnvelope::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(published.get(0).dossierCode()).isEqualTo(code);
    }
}
