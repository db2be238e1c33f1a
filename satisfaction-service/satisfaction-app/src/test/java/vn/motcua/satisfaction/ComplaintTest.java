package vn.motcua.satisfaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.anonymous;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;
import static vn.motcua.satisfaction.SatisfactionTestSupport.assertProblem;
import static vn.motcua.satisfaction.SatisfactionTestSupport.vn;

/** A complaint raised with a rating must be answered within 15 working days; on time or late is recorded. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class ComplaintTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        officer = infra.tokens().officer(POLICE);
    }

    static String freshUnit() {
        return SatisfactionTestSupport.freshUnit();
    }

    String complain(Instant at, String unit) {
        TestClock.CLOCK.set(at);
        var d = SatisfactionTestSupport.dossier(infra, POLICE, unit).returnedAt(at.minus(Duration.ofHours(1)));
        String token = SatisfactionTestSupport.linkToken(officer, d);
        Map<String, Object> body = SatisfactionTestSupport.publicRating(2);
        body.put("complaint", true);
        body.put("complaintText", "Phải chờ lâu, không được hướng dẫn");
        body.put("answers", Map.of("access", 2));
        anonymous().body(body).post("/api/v1/public/ratings/" + token).then().statusCode(201);
        var events = SatisfactionTestSupport.awaitPublished(infra, d.code, 2);
        assertThat(events).extracting(SatisfactionEventEnvelope::type).containsExactly("RatingRecorded", "ComplaintOpened");
        return ((SatisfactionEvent.ComplaintOpened) events.get(1).data()).complaintId().toString();
    }

    @Test
    void theDeadlineIs15WorkingDaysAndAnAnswerOnTheDueDateIsOnTime() {
        String unit = freshUnit();
        Instant opened = vn("2026-11-23T10:00"); // Monday
        String id = complain(opened, unit);
        String head = infra.tokens().officer(unit);

        as(head).get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("dueDate", equalTo("2026-12-14")).body("state", equalTo("OPEN"))
                .body("text", equalTo("Phải chờ lâu, không được hướng dẫn"));
        as(head).queryParam("unit", unit).get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItem(id));

        TestClock.CLOCK.set(vn("2026-12-14T16:30"));
        as(head).body(Map.of("resolution", "Đã xin lỗi công dân và nhắc nhở cán bộ"))
                .post("/api/v1/complaints/" + id + "/resolution").then().statusCode(200)
                .body("state", equalTo("RESOLVED")).body("timeliness", equalTo("ON_TIME")).body("onTime", equalTo(true));
        assertProblem(as(head).body(Map.of("resolution", "lần nữa")).post("/api/v1/complaints/" + id + "/resolution"),
                409, "complaint-already-resolved");

        var resolved = SatisfactionTestSupport.published(infra, code(id)).stream()
                .filter(e -> e.type().equals("ComplaintResolved")).findFirst().orElseThrow();
        var data = (SatisfactionEvent.ComplaintResolved) resolved.data();
        assertThat(data.timeliness()).isEqualTo("ON_TIME");
        assertThat(data.due().date()).isEqualTo(LocalDate.parse("2026-12-14"));

        as(head).queryParam("period", "2026-11").get("/api/v1/units/" + unit + "/satisfaction").then()
                .body("complaints.opened", equalTo(1)).body("complaints.resolvedOnTime", equalTo(1))
                .body("complaints.onTimeRate", equalTo(1.0f));
    }

    @Test
    void publicHolidaysDoNotCountAndALateAnswerIsRecordedAsLate() {
        String unit = freshUnit();
        // Thursday 27 Aug 2026: 1-2 Sep are days off, so the 15th working day is Monday 21 Sep (not Thursday 17)
        String id = complain(vn("2026-08-27T10:00"), unit);
        String head = infra.tokens().officer(unit);
        as(head).get("/api/v1/complaints/" + id).then().body("dueDate", equalTo("2026-09-21"))
                .body("calendarDataMissing", equalTo(false));

        TestClock.CLOCK.set(vn("2026-09-22T08:00"));
        as(head).get("/api/v1/complaints/" + id).then().body("state", equalTo("OVERDUE"));
        as(head).queryParam("unit", unit).queryParam("state", "OVERDUE").get("/api/v1/complaints").then()
                .body("total", equalTo(1));
        as(head).queryParam("period", "2026-08").get("/api/v1/units/" + unit + "/satisfaction").then()
                .body("complaints.openOverdue", equalTo(1)).body("complaints.onTimeRate", equalTo(0.0f));

        as(head).body(Map.of("resolution", "Đã giải quyết")).post("/api/v1/complaints/" + id + "/resolution")
                .then().statusCode(200).body("timeliness", equalTo("LATE")).body("onTime", equalTo(false));
    }

    @Test
    void onlyTheUnitAnswersItsComplaintsAndTheAnswerIsChecked() {
        String unit = freshUnit();
        String id = complain(vn("2026-11-23T10:00"), unit);
        TestClock.CLOCK.set(vn("2026-11-24T10:00"));
        assertProblem(as(infra.tokens().officer(SatisfactionTestSupport.COMMUNE)).body(Map.of("resolution", "x"))
                .post("/api/v1/complaints/" + id + "/resolution"), 404, "not-found");
        String head = infra.tokens().officer(unit);
        assertProblem(as(head).body(Map.of("resolution", " ")).post("/api/v1/complaints/" + id + "/resolution"),
                400, null);
        assertProblem(as(head).body(Map.of("resolution", "ok", "resolvedAt", "2026-11-30T10:00:00+07:00"))
                .post("/api/v1/complaints/" + id + "/resolution"), 400, "invalid-input");
        as(head).body(Map.of("resolution", "ok")).post("/api/v1/complaints/not-a-uuid/resolution").then().statusCode(404);
        as(head).get("/api/v1/complaints/" + id).then().body("state", equalTo("OPEN"));
    }

    String code(String complaintId) {
        return (String) vn.motcua.testinfra.Sql.rows(infra,
                "select dossier_code from satisfaction.complaint where id = ?::uuid", complaintId).get(0).get("dossier_code");
    }
}
