package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.HostileClient;
import vn.motcua.testinfra.MotcuaTestInfra;

/**
 * Every operation of the catalog's OpenAPI document, sent malformed requests by an admin (HostileClient): each is
 * refused with a problem that names the field, never a 500, never a Java name, and nothing is written.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class HostileClientTest {
    static final String[] TABLES = {"catalog.field", "catalog.unit", "catalog.procedure", "catalog.procedure_version",
            "catalog.commitment", "catalog.calendar_year", "catalog.outbox"};

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void everyOperationRefusesMalformedRequestsWithAProblemNamingTheFieldAndWritesNothing() {
        HostileClient.requireRefusedAndNothingWritten("catalog", RestAssured.port, infra.tokens().admin(),
                () -> HostileClient.rowCounts(infra, TABLES));
    }
}
