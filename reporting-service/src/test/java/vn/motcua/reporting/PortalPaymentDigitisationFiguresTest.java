package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * Decision 766's online payment, digitisation and national-portal sync indicators (DOMAIN.md §7, §9; issue 16), from
 * the events to the scorecard and the drill-downs: each figure lists exactly the dossiers it counts, and a unit whose
 * dossiers said nothing of it stays "not measured".
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class PortalPaymentDigitisationFiguresTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "PPD" + UUID.randomUUID().toString().substring(0, 6);
    static final String D1 = P + ".D1";
    static final String D2 = P + ".D2";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");
    static final List<String> DOCS = List.of("Tờ khai", "Bản sao giấy phép");

    static boolean fed;

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    void feed() {
        if (fed) {
            return;
        }
        try (Feed feed = new Feed(infra)) {
            feed.provinceWithTwoDepartments(P, D1, D2, PROC.code());
            // A: all digitised, paid through the national portal, electronic result, accepted by the portal
            dossier(feed, "A", D1, vn("2026-10-05T09:00"), DOCS)
                    .publish(new DossierEvent.PaymentRequested(50_000, "Lệ phí", vn("2026-10-05T10:00")))
                    .publish(new DossierEvent.PaymentRecorded(50_000, "BL-A", vn("2026-10-05T10:30"),
                            Types.PaymentChannel.NATIONAL_PORTAL))
                    .publish(new DossierEvent.SyncedToNationalPortal(3, 4, vn("2026-10-05T10:31")))
                    .publish(new DossierEvent.Processed(D1, "can.bo", Types.Outcome.GRANTED, "KQ-A",
                            vn("2026-10-08T10:00"), true));
            // B: one component on paper, paid at the desk, paper result, refused by the portal
            dossier(feed, "B", D1, vn("2026-10-05T10:00"), List.of("Tờ khai"))
                    .publish(new DossierEvent.NationalPortalSyncRefused(1, "-1",
                            "Mã thủ tục hành chính không tồn tại", vn("2026-10-05T10:01")))
                    .publish(new DossierEvent.PaymentRequested(50_000, "Lệ phí", vn("2026-10-06T10:00")))
                    .publish(new DossierEvent.PaymentRecorded(50_000, "BL-B", vn("2026-10-06T10:30"),
                            Types.PaymentChannel.DESK))
                    .publish(new DossierEvent.Processed(D1, "can.bo", Types.Outcome.GRANTED, "KQ-B",
                            vn("2026-10-09T10:00"), false));
            // C: an older producer: nothing said about digitisation, the payment's channel or the result; never sent
            dossier(feed, "C", D1, vn("2026-10-06T10:00"), null)
                    .publish(new DossierEvent.PaymentRequested(50_000, "Lệ phí", vn("2026-10-06T11:00")))
                    .publish(new DossierEvent.PaymentRecorded(50_000, "BL-C", vn("2026-10-06T11:30")))
                    .publish(new DossierEvent.Processed(D1, "can.bo", Types.Outcome.GRANTED, "KQ-C",
                            vn("2026-10-09T10:00")));
            // E: D2's only dossier, which says nothing either
            dossier(feed, "E", D2, vn("2026-10-06T10:00"), null);
            feed.awaitProjected();
        }
        fed = true;
    }

    private static Feed.DossierStream dossier(Feed feed, String suffix, String unit, Instant at, List<String> digitised) {
        return feed.dossier(P + "-" + suffix).publish(new DossierEvent.Received(P + "-" + suffix, PROC, unit, unit,
                Types.Channel.ONLINE, Feed.APPLICANT, DOCS, at, at, "mot.cua", "ND118-2025", dueOn("2026-10-12"), at,
                at.plus(Duration.ofHours(4)), null, digitised));
    }

    private JsonPath scorecard(String unit) {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", unit).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> drillDown(String figure) {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", figure).get("/api/reports/dossiers").then().statusCode(200).extract()
                .jsonPath().getList("");
    }

    private List<String> codes(String figure) {
        return drillDown(figure).stream().map(d -> ((String) d.get("dossierCode")).substring(P.length() + 1)).toList();
    }

    private static Map<String, Object> group(JsonPath card, String group) {
        return card.getList("decision766.groups", Map.class).stream().filter(g -> group.equals(g.get("group")))
                .findFirst().orElseThrow();
    }

    @Test
    void theIndicatorsCountWhatTheEventsSaidAndTheirDrillDownsListExactlyThoseDossiers() {
        feed();
        JsonPath card = scorecard(P);

        // 1 of the 2 fees that said a channel was paid online; C's payment said none and is in neither
        assertThat(card.getFloat("figures.onlinePaymentRate")).isEqualTo(50.0f);
        assertThat(codes("paid")).containsExactly("A", "B");
        assertThat(codes("paidOnline")).containsExactly("A");
        assertThat(codes("paidAtDesk")).containsExactly("B");
        // A's components all digitised, B's not; C and E did not say
        assertThat(card.getFloat("figures.digitisedRate")).isEqualTo(50.0f);
        assertThat(codes("digitisationRecorded")).containsExactly("A", "B");
        assertThat(codes("digitised")).containsExactly("A");
        assertThat(codes("notDigitised")).containsExactly("B");
        // results: A electronic, B on paper, C did not say
        assertThat(card.getFloat("figures.electronicResultRate")).isEqualTo(50.0f);
        assertThat(codes("resultsElectronic")).containsExactly("A");
        assertThat(codes("resultsOnPaper")).containsExactly("B");
        // indicator 1.4: 1 synchronised of 4 received; the others listed with the reason
        assertThat(card.getFloat("figures.portalSyncRate")).isEqualTo(25.0f);
        assertThat(codes("synchronised")).containsExactly("A");
        List<Map<String, Object>> notSynced = drillDown("notSynchronised");
        assertThat(notSynced).extracting(d -> ((String) d.get("dossierCode")).substring(P.length() + 1))
                .containsExactly("B", "C", "E");
        assertThat(notSynced.get(0)).containsEntry("syncState", "REFUSED").containsEntry("syncErrorCode", "-1")
                .containsEntry("syncErrorMessage", "Mã thủ tục hành chính không tồn tại");
        assertThat(notSynced.get(1).get("syncState")).as("not yet sent").isNull();

        // Decision 766: 10 × 1/2; 11 × min(1, 0.5 ÷ 0.8) twice; 6 of publicity's 18 × 1/4
        assertThat(group(card, "ONLINE_PAYMENT").get("points")).isEqualTo(5.0f);
        assertThat(group(card, "DIGITISATION").get("points")).isEqualTo(13.75f);
        assertThat(group(card, "PUBLICITY").get("points")).isEqualTo(1.5f);
        assertThat(group(card, "PUBLICITY").get("measuredMaxPoints")).isEqualTo(6);
    }

    @Test
    void theDashboardShowsTheFourRatesAndThePartlyMeasuredPublicityGroup() {
        feed();
        String html = given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", P)
                .queryParam("period", "2026-10").get("/dashboard").then().statusCode(200).extract().asString();

        assertThat(section(html, "cs-thanh-toan")).contains("50,00%").doesNotContain("chưa đo");
        assertThat(section(html, "cs-so-hoa")).contains("50,00%");
        assertThat(section(html, "cs-ket-qua-dien-tu")).contains("50,00%");
        assertThat(section(html, "cs-dong-bo")).contains("25,00%").contains("1 trong 4");
        assertThat(html).contains("/6 đã đo").contains("chỉ đo chỉ số 1.4");

        String d2 = given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", D2)
                .queryParam("period", "2026-10").get("/dashboard").then().statusCode(200).extract().asString();
        for (String id : List.of("cs-thanh-toan", "cs-so-hoa", "cs-ket-qua-dien-tu", "cs-dong-bo")) {
            assertThat(section(d2, id)).as(id).contains("chưa đo").doesNotContain("%");
        }
    }

    /** The key figure's block of the page, from its id to the end of its element. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        return html.substring(start, html.indexOf("</div>", start));
    }

    @Test
    void aUnitWhoseDossiersSaidNothingStaysNotMeasuredNeverZero() {
        feed();
        JsonPath card = scorecard(D2);

        assertThat(card.getInt("counts.received")).isEqualTo(1);
        assertThat(card.getString("figures.onlinePaymentRate")).isNull();
        assertThat(card.getString("figures.digitisedRate")).isNull();
        assertThat(card.getString("figures.electronicResultRate")).isNull();
        assertThat(card.getString("figures.portalSyncRate")).isNull();
        for (String g : List.of("PUBLICITY", "ONLINE_PAYMENT", "DIGITISATION")) {
            assertThat(group(card, g).get("measured")).as(g).isEqualTo(false);
            assertThat(group(card, g).get("points")).as(g).isNull();
        }
    }
}
