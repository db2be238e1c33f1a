package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.anonymous;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;
import static vn.motcua.satisfaction.SatisfactionTestSupport.assertProblem;
import static vn.motcua.satisfaction.SatisfactionTestSupport.vn;

/** Criteria sets are versioned data: a new version applies from its effective date, earlier ratings keep theirs. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class CriteriaSetTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
    }

    @Test
    void aNewVersionAppliesFromItsEffectiveDateAndOnlyAnAdminPublishesOne() {
        anonymous().get("/api/v1/criteria-sets/POLICE").then().statusCode(200).body("", hasSize(1))
                .body("[0].criteria.code", equalTo(List.of("publication", "access", "online-submission", "reception",
                        "processing-time", "result", "complaint-handling")));

        Map<String, Object> v2 = Map.of("nameVi", "Đánh giá mức độ hài lòng (Công an, 2027)",
                "name", "Police service rating (2027)", "unitTypes", List.of("PROVINCIAL_POLICE", "POLICE_DIVISION"),
                "effectiveFrom", "2027-01-01",
                "criteria", List.of(Map.of("code", "result", "name", "Result", "nameVi", "Kết quả giải quyết"),
                        Map.of("code", "vneid", "name", "VNeID experience", "nameVi", "Trải nghiệm trên VNeID")));
        assertProblem(as(infra.tokens().officer(POLICE)).body(v2).post("/api/v1/criteria-sets/POLICE/versions"), 403, null);
        var dup = new java.util.HashMap<>(v2);
        dup.put("criteria", List.of(Map.of("code", "result", "name", "a", "nameVi", "a"),
                Map.of("code", "result", "name", "b", "nameVi", "b")));
        assertProblem(as(infra.tokens().admin()).body(dup).post("/api/v1/criteria-sets/POLICE/versions"), 400,
                "invalid-input").body("violations[0].field", equalTo("criteria[1].code"));
        assertProblem(as(infra.tokens().admin()).body(Map.of("nameVi", "x")).post("/api/v1/criteria-sets/POLICE/versions"),
                400, null);
        as(infra.tokens().admin()).body(v2).post("/api/v1/criteria-sets/POLICE/versions").then().statusCode(201)
                .body("version", equalTo(2));

        // December 2026: still version 1; January 2027: version 2
        TestClock.CLOCK.set(vn("2026-12-30T09:00"));
        var dec = SatisfactionTestSupport.dossier(infra).returnedAt(vn("2026-12-30T08:00"));
        String decToken = SatisfactionTestSupport.linkToken(infra.tokens().officer(POLICE), dec);
        anonymous().get("/api/v1/public/ratings/" + decToken).then().body("criteriaSet.version", equalTo(1));
        TestClock.CLOCK.set(vn("2027-01-04T09:00"));
        var jan = SatisfactionTestSupport.dossier(infra).returnedAt(vn("2027-01-04T08:00"));
        String janToken = SatisfactionTestSupport.linkToken(infra.tokens().officer(POLICE), jan);
        anonymous().get("/api/v1/public/ratings/" + janToken).then().body("criteriaSet.version", equalTo(2))
                .body("criteriaSet.criteria", hasSize(2));
        anonymous().body(Map.of("answers", Map.of("vneid", 5), "overall", 5)).post("/api/v1/public/ratings/" + janToken)
                .then().statusCode(201);
        // the dossier returned in December is still rated against the set in force now, with its own criteria
        anonymous().body(Map.of("answers", Map.of("vneid", 5), "overall", 5)).post("/api/v1/public/ratings/" + decToken)
                .then().statusCode(201);
    }
}
