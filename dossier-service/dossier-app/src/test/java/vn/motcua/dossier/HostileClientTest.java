package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.HostileClient;
import vn.motcua.testinfra.MotcuaTestInfra;

/**
 * Every operation of this service's OpenAPI document, sent malformed requests (HostileClient) by an admin, or with
 * no token where the operation is public: each is refused with problem+json, a 400 names a field, never a 500, never
 * a Java name, and nothing is written (DossierTestSupport.footprint: events, outbox, read table, code counters, idempotency keys).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class HostileClientTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Test
    void everyOperationRefusesMalformedRequestsWithAProblemAndWritesNothing() {
        HostileClient.requireRefusedAndNothingWritten("dossier", RestAssured.port, infra.tokens().admin(),
                () -> DossierTestSupport.footprint(infra));
    }
}
