package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;
import static vn.motcua.satisfaction.SatisfactionTestSupport.assertProblem;
import static vn.motcua.satisfaction.SatisfactionTestSupport.paper;

/** Paper ballots typed in by an officer: every ballot is kept, invalid ones counted as invalid, none twice. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class PaperBallotTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;
    Instant now;
    Instant returnedAt;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-26T16:00");
        returnedAt = now.minus(Duration.ofDays(2));
        TestClock.CLOCK.set(now);
        officer = infra.tokens().officer(POLICE);
    }

    static String ballot() {
        return "NA-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDossierOfAUnitWithTheLongestCodeTheCatalogAllowsIsRatedLikeAnyOther() {
        // hyphens and 64 characters, as the catalog and dossier-service accept them (CatalogLimits)
        String unit = ("XA-NGHI-LOC." + UUID.randomUUID().toString().toUpperCase() + "-".repeat(64))
                .substring(0, vn.motcua.catalog.events.CatalogLimits.CODE_MAX);
        var d = SatisfactionTestSupport.dossier(infra, unit, unit).returnedAt(returnedAt);
        as(infra.tokens().officer(unit)).body(paper(d.code, ballot(), 5, returnedAt.plusSeconds(60)))
                .post("/api/v1/ratings").then().statusCode(201).body("status", equalTo("VALID"));
    }

    @Test
    void aBallotWithoutAnOverallMarkIsKeptAndCountedAsInvalid() {
        // a unit of its own, so that its figures are this test's alone
        String unit = SatisfactionTestSupport.freshUnit();
        var d = SatisfactionTestSupport.dossier(infra, POLICE, unit).returnedAt(returnedAt);

        as(officer).body(paper(d.code, ballot(), null, returnedAt.plusSeconds(60))).post("/api/v1/ratings")
                .then().statusCode(201).body("status", equalTo("INVALID")).body("reason", equalTo("INCOMPLETE"))
                .body("messageVi", equalTo("Phiếu được lưu là phiếu không hợp lệ: phiếu không đánh dấu mức hài lòng chung"));
        var multiple = paper(d.code, ballot(), 4, returnedAt.plusSeconds(120));
        multiple.put("multipleMarked", Set.of("result"));
        as(officer).body(multiple).post("/api/v1/ratings").then().statusCode(201)
                .body("status", equalTo("INVALID")).body("reason", equalTo("MULTIPLE_MARKS"));
        var unreadable = paper(d.code, ballot(), null, returnedAt.plusSeconds(180));
        unreadable.put("invalidReason", "UNREADABLE");
        as(officer).body(unreadable).post("/api/v1/ratings").then().statusCode(201).body("reason", equalTo("UNREADABLE"));

        // invalid ballots do not use up the dossier's one rating
        as(officer).body(paper(d.code, ballot(), 5, returnedAt.plusSeconds(240))).post("/api/v1/ratings")
                .then().statusCode(201).body("status", equalTo("VALID"));

        var events = SatisfactionTestSupport.awaitPublished(infra, d.code, 4);
        assertThat(events).extracting(e -> e.type())
                .containsExactly("BallotInvalid", "BallotInvalid", "BallotInvalid", "RatingRecorded");
        assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(((SatisfactionEvent.BallotInvalid) e.data()).status())
                .isEqualTo("INVALID"));

        as(infra.tokens().admin()).queryParam("period", "2026-11").get("/api/v1/units/" + unit + "/satisfaction")
                .then().statusCode(200)
                .body("responses", equalTo(4)).body("valid", equalTo(1)).body("invalid", equalTo(3))
                .body("invalidByReason.INCOMPLETE", equalTo(1)).body("invalidByReason.MULTIPLE_MARKS", equalTo(1))
                .body("invalidByReason.UNREADABLE", equalTo(1))
                .body("satisfied", equalTo(1)).body("satisfactionRate", equalTo(1.0f))
                // each criterion's average over the valid ballots only (the invalid ones answered 3)
                .body("averageByCriterion.size()", equalTo(7)).body("averageByCriterion.publication", equalTo(5.0f))
                .body("averageByCriterion.'complaint-handling'", equalTo(5.0f));
    }

    @Test
    void aSecondBallotForARatedDossierIsFlaggedAsDuplicateAndNotCounted() {
        String unit = SatisfactionTestSupport.freshUnit();
        var d = SatisfactionTestSupport.dossier(infra, POLICE, unit).returnedAt(returnedAt);
        as(officer).body(paper(d.code, ballot(), 2, returnedAt)).post("/api/v1/ratings").then().statusCode(201)
                .body("status", equalTo("VALID"));
        as(officer).body(paper(d.code, ballot(), 5, returnedAt)).post("/api/v1/ratings").then().statusCode(201)
                .body("status", equalTo("DUPLICATE")).body("reason", equalTo("DUPLICATE"));

        List<Map<String, Object>> rows = SatisfactionTestSupport.ratings(infra, d.code);
        assertThat(rows).extracting(r -> r.get("status")).containsExactly("VALID", "DUPLICATE");
        as(infra.tokens().admin()).queryParam("period", "2026-11").get("/api/v1/units/" + unit + "/satisfaction")
                .then().body("responses", equalTo(1)).body("valid", equalTo(1)).body("duplicates", equalTo(1))
                .body("satisfied", equalTo(0)).body("satisfactionRate", equalTo(0.0f));
    }

    @Test
    void theSameBallotNumberIsEnteredOnceAndOfficerRulesAreChecked() {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(returnedAt);
        String number = ballot();
        as(officer).body(paper(d.code, number, 4, returnedAt)).post("/api/v1/ratings").then().statusCode(201);
        assertProblem(as(officer).body(paper(d.code, number, 4, returnedAt)).post("/api/v1/ratings"), 409,
                "ballot-already-entered");

        var noNumber = paper(d.code, ballot(), 4, returnedAt);
        noNumber.remove("ballotNumber");
        assertProblem(as(officer).body(noNumber).post("/api/v1/ratings"), 400, "invalid-input")
                .body("violations[0].field", equalTo("ballotNumber"));
        var noDate = paper(d.code, ballot(), 4, returnedAt);
        noDate.remove("collectedAt");
        assertProblem(as(officer).body(noDate).post("/api/v1/ratings"), 400, "invalid-input")
                .body("violations[0].field", equalTo("collectedAt"));
        assertProblem(as(officer).body(paper(d.code, ballot(), 4, now.plus(Duration.ofDays(1)))).post("/api/v1/ratings"),
                400, "invalid-input");
        assertProblem(as(officer).body(paper("not a code!", ballot(), 4, returnedAt)).post("/api/v1/ratings"), 400, null);
        assertProblem(as(officer).body(Map.of("channel", "FAX", "dossierCode", d.code, "overall", 3))
                .post("/api/v1/ratings"), 400, null);

        // a paper ballot is entered by an officer, a kiosk rating by the kiosk: not the other way round
        assertProblem(as(infra.tokens().system("kiosk-1", POLICE)).body(paper(d.code, ballot(), 4, returnedAt))
                .post("/api/v1/ratings"), 403, "channel-not-allowed");
        assertProblem(as(officer).body(SatisfactionTestSupport.rating("KIOSK", d.code, 4)).post("/api/v1/ratings"),
                403, "channel-not-allowed");
        // an officer of another unit
        assertProblem(as(infra.tokens().officer(SatisfactionTestSupport.COMMUNE))
                .body(paper(d.code, ballot(), 4, returnedAt)).post("/api/v1/ratings"), 403, "unit-not-allowed");
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).hasSize(1);
    }

    @Test
    void smsAndPhoneAnswersAreEnteredByAnOfficerAndASecondOneIsRefused() {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(returnedAt);
        var phone = SatisfactionTestSupport.rating("PHONE", d.code, 4);
        phone.put("collectedAt", now.minus(Duration.ofHours(1)).toString());
        as(officer).body(phone).post("/api/v1/ratings").then().statusCode(201).body("status", equalTo("VALID"))
                .body("channel", equalTo("PHONE"));
        var sms = SatisfactionTestSupport.rating("SMS", d.code, 5);
        sms.put("collectedAt", now.toString());
        assertProblem(as(officer).body(sms).post("/api/v1/ratings"), 409, "already-rated");
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).hasSize(1);
    }
}
