package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.HostileClient;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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
        Map<String, Long> before = HostileClient.rowCounts(infra, TABLES);
        String admin = infra.tokens().admin();

        HostileClient.Result result = HostileClient.against(URI.create("http://localhost:" + RestAssured.port))
                .tokens(op -> op.roles().isEmpty() ? Optional.empty() : Optional.of(admin))
                .run();

        System.out.println("catalog hostile sweep: " + result.summary());
        assertThat(result.operations()).isNotEmpty();
        assertThat(result.findings()).as(result.summary()).isEmpty();
        assertThat(HostileClient.rowCounts(infra, TABLES)).isEqualTo(before);
    }
}
