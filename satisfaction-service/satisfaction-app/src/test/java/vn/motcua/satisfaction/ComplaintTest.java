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

    @Test
    void twentyComplaintBallotsOfOneDossierOpenOneComplaintAndAnAnsweredOneLetsTheNextOpenANewOne() {
        String unit = freshUnit();
        Instant returned = vn("2026-10-05T09:00");
        TestClock.CLOCK.set(vn("2026-10-06T10:00"));
        var d = SatisfactionTestSupport.dossier(infra, POLICE, unit).returnedAt(returned);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> ballot = SatisfactionTestSupport.paper(d.code, "CB-" + java.util.UUID.randomUUID()
                    .toString().substring(0, 8), 1, returned.plus(Duration.ofMinutes(10 + i)));
            ballot.put("complaint", true);
            ballot.put("complaintText", "Phản ánh số " + i);
            as(officer).body(ballot).post("/api/v1/ratings").then().statusCode(201);
        }
        var open = vn.motcua.testinfra.Sql.rows(infra,
                "select id from satisfaction.complaint where dossier_code = ? and resolved_at is null", d.code);
        assertThat(open).hasSize(1);
        String id = open.get(0).get("id").toString();
        String head = infra.tokens().officer(unit);
        as(head).get("/api/v1/complaints/" + id).then().statusCode(200).body("ballots", equalTo(20))
                .body("text", equalTo("Phản ánh số 0"));
        assertThat(SatisfactionTestSupport.awaitPublished(infra, d.code, 21)).filteredOn(e -> e.type().equals("ComplaintOpened"))
                .hasSize(1);
        as(head).queryParam("period", "2026-10").get("/api/v1/units/" + unit + "/satisfaction").then()
                .body("complaints.opened", equalTo(1));

        // answered: the dossier's next complaint ballot is a new complaint
        as(head).body(Map.of("resolution", "Đã trả lời công dân")).post("/api/v1/complaints/" + id + "/resolution")
                .then().statusCode(200);
        Map<String, Object> later = SatisfactionTestSupport.paper(d.code, "CB-" + java.util.UUID.randomUUID()
                .toString().substring(0, 8), 1, vn("2026-10-06T09:30"));
        later.put("complaint", true);
        as(officer).body(later).post("/api/v1/ratings").then().statusCode(201);
        assertThat(vn.motcua.testinfra.Sql.rows(infra,
                "select id from satisfaction.complaint where dossier_code = ? and resolved_at is null", d.code))
                .hasSize(1).noneMatch(r -> r.get("id").toString().equals(id));
    }

    @Test
    void aClaimedAnswerInstantIsBoundedStoredBesideTheRecordedOneAndCannotMakeALateAnswerOnTime() {
        String unit = freshUnit();
        String head = infra.tokens().officer(unit);
        // opened Monday 23 Nov, due Monday 14 Dec
        String late = complain(vn("2026-11-23T10:00"), unit);
        TestClock.CLOCK.set(vn("2026-12-15T09:00"));
        // more than 24 h back: refused
        assertProblem(as(head).body(Map.of("resolution", "ok", "resolvedAt", "2026-12-14T08:00:00+07:00"))
                .post("/api/v1/complaints/" + late + "/resolution"), 400, "invalid-input")
                .body("field", equalTo("resolvedAt"));
        // in the future beyond the clock skew: refused
        assertProblem(as(head).body(Map.of("resolution", "ok", "resolvedAt", "2026-12-15T09:10:00+07:00"))
                .post("/api/v1/complaints/" + late + "/resolution"), 400, "invalid-input")
                .body("field", equalTo("resolvedAt"));
        // dated back into the due date: stored as stated, but late by the recorded instant
        as(head).body(Map.of("resolution", "Đã trả lời", "resolvedAt", "2026-12-14T16:00:00+07:00"))
                .post("/api/v1/complaints/" + late + "/resolution").then().statusCode(200)
                .body("resolvedAt", equalTo("2026-12-14T09:00:00Z"))
                .body("resolutionRecordedAt", equalTo("2026-12-15T02:00:00Z"))
                .body("timelinessBasis", equalTo("RECORDED"))
                .body("timeliness", equalTo("LATE")).body("onTime", equalTo(false));
        var resolved = (SatisfactionEvent.ComplaintResolved) SatisfactionTestSupport.awaitPublished(infra, code(late), 3)
                .stream().filter(e -> e.type().equals("ComplaintResolved")).findFirst().orElseThrow().data();
        assertThat(resolved.resolvedAt()).isEqualTo(vn("2026-12-15T09:00"));
        assertThat(resolved.onTime()).isFalse();

        // the same day: the stated instant counts (answered on the due date, recorded that evening)
        String sameDay = complain(vn("2026-11-23T10:00"), unit);
        TestClock.CLOCK.set(vn("2026-12-14T20:00"));
        as(head).body(Map.of("resolution", "Đã trả lời", "resolvedAt", "2026-12-14T15:00:00+07:00"))
                .post("/api/v1/complaints/" + sameDay + "/resolution").then().statusCode(200)
                .body("timelinessBasis", equalTo("CLAIMED")).body("timeliness", equalTo("ON_TIME"));
        // a stated instant a little ahead of this clock (a desk clock's drift) is taken as now
        String drift = complain(vn("2026-11-23T10:00"), unit);
        TestClock.CLOCK.set(vn("2026-11-24T10:00"));
        as(head).body(Map.of("resolution", "Đã trả lời", "resolvedAt", "2026-11-24T10:02:00+07:00"))
                .post("/api/v1/complaints/" + drift + "/resolution").then().statusCode(200)
                .body("resolvedAt", equalTo("2026-11-24T03:00:00Z")).body("timelinessBasis", equalTo("CLAIMED"));
    }

    String code(String complaintId) {
        return (String) vn.motcua.testinfra.Sql.rows(infra,
                "select dossier_code from satisfaction.complaint where id = ?::uuid", complaintId).get(0).get("dossier_code");
    }
}
