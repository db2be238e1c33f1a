package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * Who may read and change what (issue 19): the dashboard's session cookie opens the dashboard's pages and nothing
 * else; a leader reads the subtree of the unit in the token only; nobody finds an applicant's personal data here.
 * Tree: province P with departments D1 (and its division D1A) and D2; October 2026, one dossier in each.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class AccessTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    static final String P = "ACC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String D1 = P + ".D1";
    static final String D1A = P + ".D1.A";
    static final String D2 = P + ".D2";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null, "FULLY_ONLINE");

    static boolean fed;

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @BeforeEach
    void feed() {
        if (fed) {
            return;
        }
        try (Feed feed = new Feed(infra)) {
            feed.unit(P, "Tỉnh Phân Quyền", UnitType.PROVINCE, null);
            feed.unit(D1, "Sở Một", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(D1A, "Phòng Một A", UnitType.PROVINCE_DEPARTMENT, D1);
            feed.unit(D2, "Sở Hai", UnitType.PROVINCE_DEPARTMENT, P);
            feed.procedure(PROC.code(), "Thủ tục phân quyền", "F1", "Lĩnh vực thử",
                    List.of(UnitType.PROVINCE_DEPARTMENT), ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);
            feed.dossier(P + "-A").received(vn("2026-10-05T09:00"), D1, Types.Channel.ONLINE, PROC, dueOn("2026-10-12"))
                    .processed(vn("2026-10-08T10:00")).returned(vn("2026-10-09T10:00"), Types.ReturnChannel.COUNTER);
            feed.dossier(P + "-B").received(vn("2026-10-06T09:00"), D1A, Types.Channel.COUNTER, PROC, dueOn("2026-10-13"))
                    .overdue(dueOn("2026-10-13"));
            feed.dossier(P + "-C").received(vn("2026-10-07T09:00"), D2, Types.Channel.POSTAL, PROC, dueOn("2026-10-14"))
                    .processed(vn("2026-10-14T16:00"));
            feed.awaitProjected();
        }
        fed = true;
    }

    // ------------------------------------------------------------------ the session cookie

    @Test
    void theSessionCookieOpensTheDashboardPagesOnly() {
        Map<String, String> session = signIn(infra.tokens().leader(P));
        assertThat(session).containsKey("q_session_dashboard");

        // the dashboard's pages work with the cookie alone
        given().redirects().follow(false).cookies(session).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Tỉnh Phân Quyền"));

        // the JSON, CSV and Excel reports do not take it: a bearer token or nothing
        for (String format : List.of("json", "csv", "xlsx")) {
            given().redirects().follow(false).cookies(session).queryParam("unit", P).queryParam("period", "2026-10")
                    .queryParam("format", format).get("/api/reports/scorecard").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            given().redirects().follow(false).cookies(session).queryParam("unit", P).queryParam("period", "2026-10")
                    .queryParam("figure", "received").queryParam("format", format).get("/api/reports/dossiers")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        given().redirects().follow(false).cookies(session).get("/api/projections").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void noChangeIsMadeWithTheSessionCookieAlone() {
        // even an administrator's session cookie starts nothing
        Map<String, String> session = signIn(infra.tokens().admin());
        String admin = infra.tokens().admin();
        Response before = given().auth().oauth2(admin).get("/api/projections/satisfaction/rebuild");

        given().redirects().follow(false).cookies(session).post("/api/projections/satisfaction/rebuild").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().redirects().follow(false).cookies(session).post("/api/v1/admin/consumers/dossiers/streams/x/replay")
                .then().statusCode(401).contentType("application/problem+json");
        given().redirects().follow(false).cookies(session).contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/v1/admin/consumers/dossiers/parked/1/discard").then().statusCode(401)
                .contentType("application/problem+json");
        // the dashboard's own paths take the cookie for GET only: no other method gets anywhere without a bearer token
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/dashboard", "/dashboard/logout", "/api/projections/catalog/rebuild")) {
                given().redirects().follow(false).cookies(session).request(method, path).then().statusCode(401)
                        .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                        .body("detailVi", containsString("bearer token"));
            }
        }
        // with a bearer token, the token decides: a leader's is refused whatever session cookie comes with it
        given().redirects().follow(false).cookies(session).auth().oauth2(infra.tokens().leader(P))
                .post("/api/projections/satisfaction/rebuild").then().statusCode(403)
                .contentType("application/problem+json");

        // nothing was started: the rebuild's state is what it was
        Response after = given().auth().oauth2(admin).get("/api/projections/satisfaction/rebuild");
        assertThat(after.statusCode()).isEqualTo(before.statusCode());
        assertThat(after.asString()).isEqualTo(before.asString());
        // and the session still opens its pages: it was not signed out either
        given().redirects().follow(false).cookies(session).queryParam("unit", D2).queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(200);
    }

    /**
     * Signs in to the dashboard as a browser would, through the test provider's code flow: the provider answers the
     * code with {@code accessToken}. Returns the cookies the service set (the session cookie among them).
     */
    Map<String, String> signIn(String accessToken) {
        infra.oidc().answerSignInWith(accessToken, "motcua-dashboard", "lanh.dao");
        Response toProvider = given().redirects().follow(false).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/dashboard");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        Map<String, String> query = query(URI.create(toProvider.header("Location")).getRawQuery());
        // the provider sends the browser back with the state and a code, which the service exchanges for the tokens
        Response back = given().redirects().follow(false).cookies(toProvider.getCookies()).urlEncodingEnabled(false)
                .get(query.get("redirect_uri") + "?state=" + query.get("state") + "&code=a-code");
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(302);
        Map<String, String> cookies = new HashMap<>();
        back.getCookies().forEach((k, v) -> {
            if (!v.isEmpty()) {
                cookies.put(k, v);
            }
        });
        return cookies;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    // ------------------------------------------------------------------ a leader's units

    @Test
    void aLeaderReadsTheSubtreeOfTheTokensUnitOnly() {
        String leader = infra.tokens().leader(D1);
        // the unit and every unit under it
        given().auth().oauth2(leader).queryParam("unit", D1).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200).body("counts.received", equalTo(2))
                // its place among the departments is shown, not their figures
                .body("rank.of", equalTo(2)).body("rank.amongChildrenOf", equalTo(P));
        given().auth().oauth2(leader).queryParam("unit", D1A).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200).body("counts.received", equalTo(1));
        given().auth().oauth2(leader).queryParam("parent", D1).queryParam("period", "2026-10")
                .get("/api/reports/ranking").then().statusCode(200).body("units.unitCode", equalTo(List.of(D1A)));
        given().auth().oauth2(leader).queryParam("unit", D1).queryParam("period", "2026-10")
                .queryParam("figure", "received").get("/api/reports/dossiers").then().statusCode(200)
                .body("dossierCode", equalTo(List.of(P + "-A", P + "-B")));
        given().auth().oauth2(leader).queryParam("unit", D1).queryParam("period", "2026-10").get("/dashboard")
                .then().statusCode(200).body(containsString("Sở Một")).body(containsString("Phòng Một A"));
        // without a unit, the dashboard is the leader's own
        given().auth().oauth2(leader).queryParam("period", "2026-10").get("/dashboard").then().statusCode(200)
                .body(containsString("<h1>Sở Một: kết quả"));

        // a peer, the province above, and every report, drill-down, export and page of them: 403
        for (String other : List.of(D2, P)) {
            for (String path : List.of("/api/reports/scorecard", "/api/reports/procedures", "/api/reports/fields",
                    "/api/reports/steps", "/api/reports/steps/late", "/dashboard")) {
                forbidden(given().auth().oauth2(leader).queryParam("unit", other).queryParam("period", "2026-10")
                        .get(path), "unit", path + " of " + other);
            }
            for (String format : List.of("json", "csv", "xlsx")) {
                forbidden(given().auth().oauth2(leader).queryParam("unit", other).queryParam("period", "2026-10")
                        .queryParam("figure", "received").queryParam("format", format).get("/api/reports/dossiers"),
                        "unit", "drill-down of " + other + " as " + format);
            }
            forbidden(given().auth().oauth2(leader).queryParam("unit", other).queryParam("from", "2026-01")
                    .queryParam("to", "2026-12").get("/api/reports/trend"), "unit", "trend of " + other);
        }
        // the province's ranking lists D1's peer with its figures: refused; so is the ranking under the peer
        forbidden(given().auth().oauth2(leader).queryParam("parent", P).queryParam("period", "2026-10")
                .get("/api/reports/ranking"), "parent", "ranking under the province");
        forbidden(given().auth().oauth2(leader).queryParam("parent", D2).queryParam("period", "2026-10")
                .queryParam("format", "csv").get("/api/reports/ranking"), "parent", "ranking under the peer");
        // an unknown unit is still a 404
        given().auth().oauth2(leader).queryParam("unit", "NO-SUCH").queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aLeadersSessionOpensNoPageOutsideItsUnits() {
        Map<String, String> session = signIn(infra.tokens().leader(D2));
        given().redirects().follow(false).cookies(session).queryParam("unit", D2).queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(200).body(containsString("Sở Hai"));
        forbidden(given().redirects().follow(false).cookies(session).queryParam("unit", D1)
                .queryParam("period", "2026-10").get("/dashboard"), "unit", "dashboard of the peer");
    }

    @Test
    void aLeaderTokenWithoutAUnitReadsNothing() {
        String leader = infra.tokens().issue("lanh.dao.khong.don.vi", Set.of("leader"), null, Duration.ofHours(1));
        for (String unit : List.of(P, D1)) {
            Response r = given().auth().oauth2(leader).queryParam("unit", unit).queryParam("period", "2026-10")
                    .get("/api/reports/scorecard");
            forbidden(r, "unit", "scorecard of " + unit);
            assertThat(r.jsonPath().getString("type")).isEqualTo("https://motcua.vn/problems/no-unit");
            forbidden(given().auth().oauth2(leader).queryParam("unit", unit).queryParam("period", "2026-10")
                    .get("/dashboard"), "unit", "dashboard of " + unit);
        }
        forbidden(given().auth().oauth2(leader).queryParam("parent", P).queryParam("period", "2026-10")
                .get("/api/reports/ranking"), "parent", "ranking");
        forbidden(given().auth().oauth2(leader).queryParam("period", "2026-10").get("/dashboard"), "unit",
                "dashboard without a unit");
    }

    @Test
    void analystsAndAdministratorsReadTheWholeProvince() {
        for (String token : List.of(infra.tokens().analyst(), infra.tokens().admin())) {
            for (String unit : List.of(P, D1, D2)) {
                given().auth().oauth2(token).queryParam("unit", unit).queryParam("period", "2026-10")
                        .get("/api/reports/scorecard").then().statusCode(200);
            }
            given().auth().oauth2(token).queryParam("parent", P).queryParam("period", "2026-10")
                    .get("/api/reports/ranking").then().statusCode(200).body("units", hasSize(2));
        }
        // a leader who is also an analyst reads as an analyst
        String both = infra.tokens().issue("lanh.dao.phan.tich", Set.of("leader", "analyst"), D1, Duration.ofHours(1));
        given().auth().oauth2(both).queryParam("unit", D2).queryParam("period", "2026-10")
                .get("/api/reports/scorecard").then().statusCode(200);
    }

    private static void forbidden(Response r, String field, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(403);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("field")).as(what).isEqualTo(field);
        assertThat(r.jsonPath().getString("detailVi")).as(what).isNotBlank();
    }

    // ------------------------------------------------------------------ no personal data

    static final Pattern PERSONAL_COLUMN = Pattern.compile(
            "(?i).*(applicant|full_?name|personal|id_?number|citizen|phone|e_?mail|address|birth|ho_?ten).*");

    @Test
    void noApplicantsPersonalDataReachesReportingService() throws Exception {
        List<String> personal = List.of(Feed.APPLICANT.fullName(), Feed.APPLICANT.personalId(),
                Feed.APPLICANT.phone(), Feed.APPLICANT.email());
        String analyst = infra.tokens().analyst();
        Response json = given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "received").get("/api/reports/dossiers");
        json.then().statusCode(200).body("dossierCode", hasItems(P + "-A", P + "-B", P + "-C"));
        List<Map<String, Object>> lines = json.jsonPath().getList("$");
        for (Map<String, Object> line : lines) {
            assertThat(line.keySet()).noneMatch(k -> PERSONAL_COLUMN.matcher(k).matches());
        }
        String csv = given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "received").queryParam("format", "csv").get("/api/reports/dossiers")
                .then().statusCode(200).extract().asString();
        byte[] xlsx = given().auth().oauth2(analyst).queryParam("unit", P).queryParam("period", "2026-10")
                .queryParam("figure", "received").queryParam("format", "xlsx").get("/api/reports/dossiers")
                .then().statusCode(200).extract().asByteArray();
        StringBuilder sheet = new StringBuilder();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheetAt(0)) {
                for (Cell c : row) {
                    sheet.append(c).append('\t');
                }
            }
        }
        for (String datum : personal) {
            assertThat(json.asString()).doesNotContain(datum);
            assertThat(csv).doesNotContain(datum);
            assertThat(sheet.toString()).doesNotContain(datum);
        }

        // nor is any of it stored: not in any table of the schema, not among the analyst views' columns
        List<String> tables = new ArrayList<>();
        Sql.rows(infra, "select table_name from information_schema.tables where table_schema = 'reporting'"
                + " and table_type = 'BASE TABLE'").forEach(r -> tables.add((String) r.get("table_name")));
        assertThat(tables).contains("dossier_fact", "dossier_step");
        for (String table : tables) {
            for (String datum : personal) {
                assertThat(Sql.count(infra, "select count(*) from reporting." + table + " t where t::text like ?",
                        "%" + datum + "%")).as(table + " holds " + datum).isZero();
            }
        }
        List<Map<String, Object>> viewColumns = Sql.rows(infra, "select table_name, column_name"
                + " from information_schema.columns where table_schema = 'reporting' and table_name like 'v\\_%'");
        assertThat(viewColumns).extracting(r -> (String) r.get("table_name"))
                .contains("v_dossier", "v_dossier_step", "v_rating", "v_notice");
        assertThat(viewColumns).extracting(r -> r.get("table_name") + "." + r.get("column_name"))
                .noneMatch(c -> PERSONAL_COLUMN.matcher(c).matches());
    }
}
