package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.app.SeedLoader;
import vn.motcua.testinfra.MotcuaTestInfra;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/** The starter catalog loads, validates through the API rules, and loads again without duplicating anything. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class SeedAndOperationsTest {

    @Inject
    SeedLoader seed;

    @Test
    void seedLoadsOnceAndIsIdempotent() throws Throwable {
        VertxContextSupport.subscribeAndAwait(seed::load);
        SeedLoader.Summary again = VertxContextSupport.subscribeAndAwait(seed::load);
        assertThat(again).isEqualTo(new SeedLoader.Summary(again.fields(), 0, 0, 0, 0));

        given().queryParam("size", 200).queryParam("on", "2025-08-01").get("/api/v1/procedures").then()
                .statusCode(200).body("total", greaterThanOrEqualTo(30));
        given().queryParam("q", "cap the can cuoc").get("/api/v1/procedures").then().statusCode(200)
                .body("items.procedure.nameVi", hasItem(containsString("Căn cước")));
        given().queryParam("type", "PROVINCE").get("/api/v1/units").then().statusCode(200)
                .body("items.nameVi", hasItem(containsString("Nghệ An")));
        for (int year = 2024; year <= 2027; year++) {
            given().get("/api/v1/calendars/" + year).then().statusCode(200).body("year", equalTo(year));
        }
        given().get("/api/v1/commitments").then().statusCode(200).body("size()", greaterThanOrEqualTo(8));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("motcua_outbox_pending"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/due-dates"));
    }
}
