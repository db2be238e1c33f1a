package vn.motcua.dossier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types.DueChangeReason;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static vn.motcua.dossier.DossierTestSupport.HOURS;
import static vn.motcua.dossier.DossierTestSupport.ID_CARD;
import static vn.motcua.dossier.DossierTestSupport.NO_ONLINE;
import static vn.motcua.dossier.DossierTestSupport.PC06;
import static vn.motcua.dossier.DossierTestSupport.POLICE;
import static vn.motcua.dossier.DossierTestSupport.as;
import static vn.motcua.dossier.DossierTestSupport.assertProblem;
import static vn.motcua.dossier.DossierTestSupport.command;
import static vn.motcua.dossier.DossierTestSupport.vn;

/**
 * The lifecycle rules of Decree 61/2018 (and 118/2025) as the desk meets them over REST: refused commands are 409 with
 * the rule and append nothing; due dates move exactly as the law says, and every move is an event on Kafka.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "dossier"))
class RulesAndDeadlinesApiTest {
    /** ID card received Monday 2 March 2026 09:00 with 3 committed working days: due Thursday 5 March 17:00. */
    static final Instant THURSDAY_5_CLOSE = vn("2026-03-05T17:00");

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;

    @BeforeEach
    void setUp() {
        DossierTestSupport.ensureCatalog(infra);
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        officer = infra.tokens().officer(POLICE);
    }

    private String receiveIdCardMonday() {
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.idCard());
        assertThat(Instant.parse(receipt.getString("due.at"))).isEqualTo(THURSDAY_5_CLOSE);
        return receipt.getString("id");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void givenNoResultYet_whenReturn_then409WrongStatusAndNothingAppended() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-03T09:00");

        assertProblem(command(officer, id, "return", Map.of("channel", "COUNTER")), 409, "wrong-status")
                .body("detailVi", containsString("RECEIVED"));

        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");
        as(officer).get("/api/v1/dossiers/" + id).then().statusCode(200).body("status", equalTo("RECEIVED"))
                .body("version", equalTo(1)).body("returnedAt", nullValue());
    }

    @Test
    void givenApologizedOnce_whenSecondApology_then409RescheduleLimit() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        command(officer, id, "apology", apology("2026-03-10")).then().statusCode(200);

        TestClock.CLOCK.setVietnam("2026-03-03T11:00");
        assertProblem(command(officer, id, "apology", apology("2026-03-12")), 409, "reschedule-limit");

        assertThat(DossierTestSupport.eventTypes(infra, id))
                .containsExactly("DossierReceived", "DossierApologized", "DossierDueDateChanged");
        as(officer).get("/api/v1/dossiers/" + id).then().body("rescheduledDue.date", equalTo("2026-03-10"));
    }

    @Test
    void givenDueThursday_whenApologyOnThursday_then409ApologyTooLate() {
        String id = receiveIdCardMonday();
        // Wednesday is the last day that is still one working day before Thursday's due
        TestClock.CLOCK.setVietnam("2026-03-05T08:00");

        assertProblem(command(officer, id, "apology", apology("2026-03-10")), 409, "apology-too-late")
                .body("detail", containsString("2026-03-04"));

        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived");
    }

    @Test
    void givenInAppraisal_whenSupplementRequestedOnTheFourthWorkingDay_then409SupplementWindow() {
        // 5 working days (due Monday 9 March), so the request is still before the due
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        String late = DossierTestSupport.received(officer, DossierTestSupport.receive(NO_ONLINE, POLICE, "COUNTER"))
                .getString("id");
        String inTime = DossierTestSupport.received(officer, DossierTestSupport.receive(NO_ONLINE, POLICE, "COUNTER"))
                .getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        for (String id : List.of(late, inTime)) {
            command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định"))
                    .then().statusCode(200).body("status", equalTo("PROCESSING"));
        }
        String pc06 = infra.tokens().officer(PC06);

        // the third working day after Monday's reception is Thursday 5 March: still allowed
        TestClock.CLOCK.setVietnam("2026-03-05T16:00");
        command(pc06, inTime, "supplement-requests", Map.of("missing", List.of("Bản sao giấy khai sinh")))
                .then().statusCode(200).body("status", equalTo("SUPPLEMENT_REQUESTED"));

        TestClock.CLOCK.setVietnam("2026-03-06T08:00");
        assertProblem(command(pc06, late, "supplement-requests", Map.of("missing", List.of("Bản sao giấy khai sinh"))),
                409, "supplement-window").body("detailVi", containsString("3 ngày làm việc"));
        assertThat(DossierTestSupport.eventTypes(infra, late)).containsExactly("DossierReceived", "DossierTransferred");
    }

    // ------------------------------------------------------------------ due dates

    @Test
    void givenSupplementRequested_whenSupplied_thenProcessingTimeRestartsAndTheChangeIsPublished() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "supplement-requests", Map.of("missing", List.of("Ảnh chân dung 4x6")))
                .then().statusCode(200).body("status", equalTo("SUPPLEMENT_REQUESTED"))
                .body("clockRunning", equalTo(false));

        TestClock.CLOCK.setVietnam("2026-03-04T09:00");
        command(officer, id, "supplements", Map.of("documents", List.of("Ảnh chân dung 4x6")))
                .then().statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("clockRunning", equalTo(true))
                // 3 working days counted again from Wednesday: Monday 9 March
                .body("dueAtReception.date", equalTo("2026-03-05"))
                .body("dueOfRecord.date", equalTo("2026-03-09"))
                .body("currentDue.date", equalTo("2026-03-09"));

        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 4);
        assertThat(published).extracting(DossierEventEnvelope::type).containsExactly("DossierReceived",
                "DossierSupplementRequested", "DossierSupplementSupplied", "DossierDueDateChanged");
        DossierEvent.DueDateChanged changed = (DossierEvent.DueDateChanged) published.get(3).data();
        assertThat(changed.reason()).isEqualTo(DueChangeReason.SUPPLEMENT_RESTART);
        assertThat(changed.oldDue().at()).isEqualTo(THURSDAY_5_CLOSE);
        assertThat(changed.newDue().at()).isEqualTo(vn("2026-03-09T17:00"));
        assertThat(changed.dueOfRecord().at()).isEqualTo(vn("2026-03-09T17:00"));
        // the national measurement subtracts the 14 office hours waited instead of restarting
        assertThat(changed.nationalDue().at()).isEqualTo(vn("2026-03-09T16:00"));
        assertThat(published.get(3).occurredAt()).isEqualTo(vn("2026-03-04T09:00"));
    }

    @Test
    void givenPaymentRequested_whenPaid_thenDueMovesByTheOfficeTimeWaited() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "payment-requests", Map.of("amountVnd", 50_000, "description", "Lệ phí cấp căn cước"))
                .then().statusCode(200).body("status", equalTo("WAITING_FOR_PAYMENT"))
                .body("clockRunning", equalTo(false));

        // waited 10:00-11:30 and 13:30-14:30: 2.5 office hours
        TestClock.CLOCK.setVietnam("2026-03-02T14:30");
        command(officer, id, "payments", Map.of("amountVnd", 50_000, "receiptRef", "BL-2026-000123"))
                .then().statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("dueAtReception.at", equalTo(THURSDAY_5_CLOSE.toString()))
                .body("dueOfRecord.at", equalTo(vn("2026-03-06T10:00").toString()))
                .body("currentDue.at", equalTo(vn("2026-03-06T10:00").toString()));

        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 4);
        assertThat(published).extracting(DossierEventEnvelope::type).containsExactly("DossierReceived",
                "DossierPaymentRequested", "DossierPaymentRecorded", "DossierDueDateChanged");
        DossierEvent.DueDateChanged changed = (DossierEvent.DueDateChanged) published.get(3).data();
        assertThat(changed.reason()).isEqualTo(DueChangeReason.PAYMENT_PAUSE);
        assertThat(changed.oldDue().at()).isEqualTo(THURSDAY_5_CLOSE);
        assertThat(changed.newDue().at()).isEqualTo(vn("2026-03-06T10:00"));
    }

    @Test
    void givenTheDeskSaysHowItWasPaidAndWhatWasDigitised_whenRecorded_thenTheEventsCarryItForTheIndicators() {
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("digitisedDocuments", List.of("Tờ khai thông tin căn cước", "Ảnh chân dung"));
        String id = DossierTestSupport.received(officer, body).getString("id");
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "payment-requests", Map.of("amountVnd", 50_000)).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-02T10:20");
        command(officer, id, "payments", Map.of("amountVnd", 50_000, "channel", "PROVINCE_GATEWAY"))
                .then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        command(officer, id, "result", Map.of("outcome", "GRANTED", "issuedElectronically", true))
                .then().statusCode(200);

        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 5);
        assertThat(((DossierEvent.Received) published.get(0).data()).digitisedDocuments())
                .containsExactly("Tờ khai thông tin căn cước", "Ảnh chân dung");
        assertThat(published).extracting(e -> e.data()).filteredOn(DossierEvent.PaymentRecorded.class::isInstance)
                .extracting(e -> ((DossierEvent.PaymentRecorded) e).channel())
                .containsExactly(vn.motcua.dossier.domain.Types.PaymentChannel.PROVINCE_GATEWAY);
        assertThat(published).extracting(e -> e.data()).filteredOn(DossierEvent.Processed.class::isInstance)
                .extracting(e -> ((DossierEvent.Processed) e).issuedElectronically()).containsExactly(true);
    }

    @Test
    void givenAnUnknownPaymentChannelOrADigitisedComponentNotSubmitted_whenSent_thenRefusedNamingTheField() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "payment-requests", Map.of("amountVnd", 50_000)).then().statusCode(200);

        assertProblem(command(officer, id, "payments", Map.of("amountVnd", 50_000, "channel", "CASH")), 400, null)
                .body(containsString("channel"));
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("digitisedDocuments", List.of("Giấy khai sinh"));
        assertProblem(as(officer).body(body).post("/api/v1/dossiers"), 400, "digitised-not-submitted")
                .body("field", equalTo("digitisedDocuments"));

        assertThat(DossierTestSupport.eventTypes(infra, id)).containsExactly("DossierReceived",
                "DossierPaymentRequested");
    }

    @Test
    void givenLastDayForAnApology_whenApologize_thenNewAppointmentAndApologizedIsPublished() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-04T16:00");

        command(officer, id, "apology", apology("2026-03-10")).then().statusCode(200)
                .body("apologized", equalTo(true))
                .body("rescheduledDue.date", equalTo("2026-03-10"))
                .body("rescheduledDue.at", equalTo(vn("2026-03-10T17:00").toString()))
                .body("currentDue.date", equalTo("2026-03-10"))
                // the law still judges by the original due
                .body("dueOfRecord.date", equalTo("2026-03-05"))
                .body("dueAtReception.date", equalTo("2026-03-05"));

        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 3);
        assertThat(published).extracting(DossierEventEnvelope::type)
                .containsExactly("DossierReceived", "DossierApologized", "DossierDueDateChanged");
        DossierEvent.Apologized apologized = (DossierEvent.Apologized) published.get(1).data();
        assertThat(apologized.newDue().date()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(apologized.unitAtFault()).isEqualTo(PC06);
        DossierEvent.DueDateChanged changed = (DossierEvent.DueDateChanged) published.get(2).data();
        assertThat(changed.reason()).isEqualTo(DueChangeReason.APOLOGY);
        assertThat(changed.oldDue().at()).isEqualTo(THURSDAY_5_CLOSE);
        assertThat(changed.newDue().at()).isEqualTo(vn("2026-03-10T17:00"));
    }

    @Test
    void givenWrongAuthority_whenRefusedAtReception_then201RefusedAndNeverTimed() {
        Map<String, Object> body = DossierTestSupport.idCard();
        body.remove("documents");
        body.put("reason", "Hồ sơ không thuộc thẩm quyền giải quyết của Công an tỉnh");

        Response r = as(officer).body(body).post("/api/v1/dossiers/refusals");

        r.then().statusCode(201)
                .body("status", equalTo("REFUSED_AT_RECEPTION"))
                .body("statusCode", equalTo(3))
                .body("code", matchesPattern("000\\.00\\.20\\.H40-260302-\\d{4}"))
                .body("currentDue", nullValue())
                .body("dueAtReception", nullValue())
                .body("clockRunning", equalTo(false));
        String id = r.path("id");
        assertThat(DossierTestSupport.rows(infra, "select due_at, clock_running, open from dossier.dossier_view "
                + "where dossier_id = ?::uuid", id)).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("due_at")).isNull();
                    assertThat(row.get("clock_running")).isEqualTo(false);
                    assertThat(row.get("open")).isEqualTo(false);
                });
        List<DossierEventEnvelope> published = DossierTestSupport.awaitPublished(infra, id, 1);
        assertThat(published.get(0).type()).isEqualTo("DossierRefusedAtReception");
        assertThat(((DossierEvent.RefusedAtReception) published.get(0).data()).reason())
                .isEqualTo("Hồ sơ không thuộc thẩm quyền giải quyết của Công an tỉnh");
        // nothing can be done with it afterwards
        assertProblem(command(officer, id, "result", Map.of("outcome", "GRANTED")), 409, "wrong-status");
    }

    @Test
    void givenReceivedFridayAt1600_whenReceiptIssued_thenCountingStartsMondayAndHandOverIsMondayMorning() {
        TestClock.CLOCK.setVietnam("2026-03-06T16:00");
        JsonPath counter = DossierTestSupport.received(officer, DossierTestSupport.idCard());

        // Friday is the day of reception and not counted: Monday, Tuesday, Wednesday
        assertThat(counter.getString("due.date")).isEqualTo("2026-03-11");
        assertThat(Instant.parse(counter.getString("due.at"))).isEqualTo(vn("2026-03-11T17:00"));
        // paper dossier received after 15:00: handed to processing at the start of the next working day
        assertThat(Instant.parse(counter.getString("dossier.transferDeadline"))).isEqualTo(vn("2026-03-09T07:30"));

        // online after office hours: received at the start of Monday's office hours, Monday not counted
        TestClock.CLOCK.setVietnam("2026-03-06T18:00");
        JsonPath online = DossierTestSupport.received(officer, DossierTestSupport.receive(ID_CARD, POLICE, "ONLINE"));
        assertThat(Instant.parse(online.getString("dossier.countingStartsAt"))).isEqualTo(vn("2026-03-09T07:30"));
        assertThat(online.getString("due.date")).isEqualTo("2026-03-12");
    }

    @Test
    void givenReceptionBeforeOrAfter1July2025_whenReceived_thenTheRuleSetInForceThatDayIsRecorded() {
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");

        assertThat(receivedAt("2025-06-30T09:00").getString("dossier.ruleSet")).isEqualTo("ND61-2018");
        assertThat(receivedAt("2025-07-01T09:00").getString("dossier.ruleSet")).isEqualTo("ND118-2025");
        // after office hours on 30 June: received at the start of 1 July, under the new decree
        assertThat(receivedAt("2025-06-30T18:00").getString("dossier.ruleSet")).isEqualTo("ND118-2025");
    }

    private JsonPath receivedAt(String vietnamTime) {
        // the desk types it in a few minutes later the same day (a live reception may not be backdated further)
        TestClock.CLOCK.set(vn(vietnamTime).plus(java.time.Duration.ofMinutes(5)));
        Map<String, Object> body = DossierTestSupport.idCard();
        body.put("receivedAt", vn(vietnamTime).toString());
        JsonPath receipt = DossierTestSupport.received(officer, body);
        assertThat(Instant.parse(receipt.getString("receivedAt"))).isEqualTo(vn(vietnamTime));
        return receipt;
    }

    @Test
    void givenLaterEvents_whenGetAsOfAnEarlierInstant_thenTheStateBeforeThem() {
        String id = receiveIdCardMonday();
        TestClock.CLOCK.setVietnam("2026-03-02T10:00");
        command(officer, id, "transfers", Map.of("toUnit", PC06, "stepName", "Thẩm định")).then().statusCode(200);
        TestClock.CLOCK.setVietnam("2026-03-03T10:00");
        command(infra.tokens().officer(PC06), id, "result", Map.of("outcome", "GRANTED")).then().statusCode(200);

        as(officer).queryParam("asOf", vn("2026-03-02T09:30").toString()).get("/api/v1/dossiers/" + id)
                .then().statusCode(200)
                .body("status", equalTo("RECEIVED")).body("version", equalTo(1))
                .body("currentUnit", equalTo(POLICE))
                .body("asOf", equalTo(vn("2026-03-02T09:30").toString()));
        as(officer).queryParam("asOf", vn("2026-03-02T12:00").toString()).get("/api/v1/dossiers/" + id)
                .then().statusCode(200)
                .body("status", equalTo("PROCESSING")).body("version", equalTo(2))
                .body("currentUnit", equalTo(PC06)).body("completedAt", nullValue());
        as(officer).get("/api/v1/dossiers/" + id).then().statusCode(200)
                .header("ETag", "\"3\"")
                .body("status", equalTo("PROCESSED")).body("version", equalTo(3)).body("timeliness", equalTo("EARLY"));
        assertProblem(as(officer).queryParam("asOf", vn("2026-03-02T08:00").toString())
                .get("/api/v1/dossiers/" + id), 400, "invalid-input").body("field", equalTo("asOf"));
        // a date is not an instant: the caller's mistake, not an unknown dossier
        assertProblem(as(officer).queryParam("asOf", "2026-03-02").get("/api/v1/dossiers/" + id),
                400, "invalid-input").body("field", equalTo("asOf"));
    }

    @Test
    void givenProcedureCountedInWorkingHours_whenReceived_thenDueIsSixteenOfficeHoursLater() {
        TestClock.CLOCK.setVietnam("2026-03-02T09:00");

        JsonPath receipt = DossierTestSupport.received(officer, DossierTestSupport.receive(HOURS, POLICE, "COUNTER"));

        // Monday 09:00-17:00 less lunch: 6 h; Tuesday: 7.5 h; Wednesday 07:30 + 2.5 h
        assertThat(Instant.parse(receipt.getString("due.at"))).isEqualTo(vn("2026-03-04T10:00"));
        assertThat(receipt.getString("due.date")).isEqualTo("2026-03-04");
        assertThat(receipt.getString("dossier.procedure.appliedTime.unit")).isEqualTo("WORKING_HOURS");
        assertThat(receipt.getInt("dossier.procedure.appliedTime.amount")).isEqualTo(16);
    }

    private static Map<String, Object> apology(String newDueDate) {
        return Map.of("unitAtFault", PC06, "reason", "Cần xác minh thêm thông tin cư trú",
                "newDueDate", newDueDate);
    }
}
