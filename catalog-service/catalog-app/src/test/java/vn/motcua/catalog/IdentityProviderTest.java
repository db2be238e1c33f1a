package vn.motcua.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Tokens;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.catalog.CatalogTestSupport.as;
import static vn.motcua.catalog.CatalogTestSupport.unique;

/**
 * The service trusts the province's identity provider through OIDC: it finds the provider's keys by discovery,
 * follows a key rotation by fetching the JWKS again, and refuses a token signed with a key the provider never
 * published, issued by another issuer, or issued for another application (audience).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
class IdentityProviderTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    private static String field(String code) {
        return "{\"code\":\"" + code + "\",\"nameVi\":\"Lĩnh vực thử\"}";
    }

    @Test
    void aTokenOfThePublishedKeyIsAccepted() {
        String code = unique("IDP");
        as(infra.tokens().admin()).body(field(code)).put("/api/v1/fields/" + code).then().statusCode(200);
    }

    @Test
    void aRotatedKeyIsFollowedWithoutARestart() {
        Tokens rotated = infra.oidc().rotate("rotated-" + unique("K"));
        String code = unique("IDP");
        as(rotated.admin()).body(field(code)).put("/api/v1/fields/" + code).then().statusCode(200);
    }

    @Test
    void aKeyTheProviderNeverPublishedIsRefused() {
        String code = unique("IDP");
        as(infra.oidc().unpublished().admin()).body(field(code)).put("/api/v1/fields/" + code).then()
                .statusCode(401).contentType(containsString("application/problem+json")).body("status", equalTo(401));
    }

    @Test
    void aTokenForAnotherApplicationOfTheSameProviderIsRefused() {
        String code = unique("IDP");
        as(infra.tokens().forAudience("another-application", Set.of("admin"))).body(field(code))
                .put("/api/v1/fields/" + code).then().statusCode(401);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        Tokens other = infra.oidc().withIssuer("https://id.other.example/realms/x");
        String code = unique("IDP");
        as(other.admin()).body(field(code)).put("/api/v1/fields/" + code).then().statusCode(401);
    }

    @Test
    void aTokenNamingAKeyIdTheProviderDoesNotPublishIsRefusedEvenWithOneKeyInTheJwks() {
        String code = unique("IDP");
        as(infra.oidc().withKeyId("not-published").admin()).body(field(code)).put("/api/v1/fields/" + code).then()
                .statusCode(401).contentType(containsString("application/problem+json"));
    }

    @Test
    void aTokenLivingUntilTheYear3000IsRefused() {
        long now = System.currentTimeMillis() / 1000;
        long year3000 = java.time.Instant.parse("3000-01-01T00:00:00Z").getEpochSecond();
        String code = unique("IDP");
        as(infra.tokens().living(Set.of("admin"), now, year3000)).body(field(code)).put("/api/v1/fields/" + code)
                .then().statusCode(401).contentType(containsString("application/problem+json"));
    }

    @Test
    void aTokenIssuedMoreThanADayAgoIsRefusedWhateverItsExpiry() {
        long now = System.currentTimeMillis() / 1000;
        String code = unique("IDP");
        as(infra.tokens().living(Set.of("admin"), now - 26 * 3600, now + 3600)).body(field(code))
                .put("/api/v1/fields/" + code).then().statusCode(401);
    }

    @Test
    void aTokenOfATwelveHourSessionIsAccepted() {
        long now = System.currentTimeMillis() / 1000;
        String code = unique("IDP");
        as(infra.tokens().living(Set.of("admin"), now - 3600, now + 11 * 3600)).body(field(code))
                .put("/api/v1/fields/" + code).then().statusCode(200);
    }

    @Test
    void aTokenWhoseUserNameIsThreeHundredCharactersIsRefused() {
        String code = unique("IDP");
        String token = infra.tokens().issue("u".repeat(300), Set.of("admin"), null, java.time.Duration.ofHours(1));
        // twice: its signature is good, so the second time it is answered from the verified tokens, and still refused
        for (int i = 0; i < 2; i++) {
            as(token).body(field(code)).put("/api/v1/fields/" + code).then()
                    .statusCode(401).contentType(containsString("application/problem+json"));
        }
    }

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryOnTheNextRequestsAndNeverStandsForAnotherToken() {
        // checking a token's RS256 signature again on every request was a third of a command's CPU: a token that
        // passed is kept (a minute at most, never past its expiry or maximum age); see VerifiedTokens
        String admin = infra.tokens().admin();
        String officer = infra.tokens().officer("000.00.00.H40");
        double cached = verifiedTokens("cached");
        double verified = verifiedTokens("verified");
        for (int i = 0; i < 5; i++) {
            String code = unique("IDP");
            as(admin).body(field(code)).put("/api/v1/fields/" + code).then().statusCode(200);
            // the officer's own token, between the admin's: never answered with the admin's identity
            as(officer).body(field(code)).put("/api/v1/fields/" + code).then().statusCode(403);
        }
        assertThat(verifiedTokens("verified") - verified).as("tokens checked by their signature").isEqualTo(2);
        assertThat(verifiedTokens("cached") - cached).as("requests answered from memory").isEqualTo(8);
        // and a token nobody verified is still refused, every time
        for (int i = 0; i < 2; i++) {
            as(infra.oidc().unpublished().admin()).body(field("X")).put("/api/v1/fields/X").then().statusCode(401);
        }
    }

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private double verifiedTokens(String result) {
        var c = metrics.find("motcua.oidc.verified.tokens").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }
}
