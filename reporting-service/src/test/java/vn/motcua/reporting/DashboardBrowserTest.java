package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * The leaders' dashboard as a leader sees it: rendered by the service from projected events, opened in headless
 * Chromium after signing in at the identity provider (the authorization code flow of the dashboard's client).
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @TestHTTPResource("/")
    URL app;

    static final String P = "DSH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String D1 = P + ".TP";   // Sở Tư pháp
    static final String D2 = P + ".XD";   // Sở Xây dựng
    static final String D3 = P + ".YT";   // Sở Y tế
    static final String D3P = D3 + ".NV"; // a division of Sở Y tế
    static final Types.ProcedureTerms PROC = new Types.ProcedureTerms(P + "-GP", 1, "Cấp giấy phép hoạt động",
            ProcessingTime.workingDays(5), null, "FULLY_ONLINE", true);

    // Selenium warns it has no CDP bindings for this Chromium; the test drives it through WebDriver only
    static final Logger SELENIUM_CDP = Logger.getLogger("org.openqa.selenium");

    static boolean fed;
    static WebDriver browser;

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * October 2026: Sở Xây dựng handles both its dossiers in time (online, one rated 5); Sở Tư pháp finishes one
     * early and leaves one overdue at reception; Sở Y tế's only dossier is late at its division, which apologized.
     */
    @BeforeEach
    void feed() {
        if (fed) {
            return;
        }
        try (Feed feed = new Feed(infra)) {
            feed.unit(P, "Tỉnh Thử Nghiệm", UnitType.PROVINCE, null);
            feed.unit(D1, "Sở Tư pháp", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(D2, "Sở Xây dựng", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(D3, "Sở Y tế", UnitType.PROVINCE_DEPARTMENT, P);
            feed.unit(D3P, "Phòng Nghiệp vụ Y", UnitType.PROVINCE_DEPARTMENT, D3);
            feed.procedure(PROC.code(), PROC.nameVi(), "F1", "Lĩnh vực thử", List.of(UnitType.PROVINCE_DEPARTMENT),
                    ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);

            feed.dossier(P + "-A").received(vn("2026-10-05T09:00"), D2, Types.Channel.ONLINE, PROC, dueOn("2026-10-12"))
                    .transferred(vn("2026-10-05T10:00"), D2, D2, "Thẩm định", vn("2026-10-09T17:00"))
                    .processed(vn("2026-10-08T10:00")).rated(vn("2026-10-09T10:00"), 5, false);
            feed.dossier(P + "-B").received(vn("2026-10-06T10:00"), D2, Types.Channel.ONLINE, PROC, dueOn("2026-10-13"))
                    .transferred(vn("2026-10-06T11:00"), D2, D2, "Thẩm định", vn("2026-10-13T17:00"))
                    .processed(vn("2026-10-13T16:00"));
            feed.dossier(P + "-C").received(vn("2026-10-05T09:00"), D1, Types.Channel.COUNTER, PROC, dueOn("2026-10-12"))
                    .transferred(vn("2026-10-05T10:00"), D1, D1, "Thẩm định", vn("2026-10-09T17:00"))
                    .processed(vn("2026-10-09T10:00"));
            // never passed on from reception: overdue, still at Sở Tư pháp
            feed.dossier(P + "-G").received(vn("2026-10-06T09:00"), D1, Types.Channel.COUNTER, PROC, dueOn("2026-10-13"))
                    .overdue(dueOn("2026-10-13"));
            // late at the division, which apologized; back at Sở Y tế for approval at period end
            feed.dossier(P + "-E").received(vn("2026-10-07T09:00"), D3, Types.Channel.COUNTER, PROC, dueOn("2026-10-14"))
                    .transferred(vn("2026-10-07T10:00"), D3, D3P, "Thẩm định", vn("2026-10-09T17:00"))
                    .apologized(vn("2026-10-13T09:00"), D3P, dueOn("2026-10-23"))
                    .overdue(dueOn("2026-10-14"))
                    .transferred(vn("2026-10-16T10:00"), D3P, D3, "Phê duyệt", vn("2026-10-20T17:00"));
            feed.awaitProjected();
        }
        fed = true;
    }

    /** The province's leader: the token's unit claim names the province, whose whole subtree the leader reads. */
    String leaderToken() {
        return infra.tokens().issue("lanh.dao", Set.of("leader"), P, Duration.ofHours(1));
    }

    /** Opens a dashboard page: the browser is sent to the provider's sign-in page, signs in, and comes back. */
    void signIn(WebDriver b, String page) {
        infra.oidc().answerSignInWith(leaderToken(), "motcua-dashboard", "lanh.dao");
        b.get(app + page);
        b.findElement(By.id("username")).sendKeys("lanh.dao");
        b.findElement(By.id("password")).sendKeys("mat-khau");
        b.findElement(By.id("login")).click();
        // a click does not wait for the redirects it starts (provider, callback, page): wait for the page itself
        arrive(b, url -> url.equals(app + page));
    }

    /** Waits until the browser has navigated to a page matching the condition and it has loaded. */
    private static void arrive(WebDriver b, java.util.function.Predicate<String> url) {
        new WebDriverWait(b, Duration.ofSeconds(60)).until(d -> url.test(d.getCurrentUrl())
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Test
    void aLeaderReadsTheMonthInTheBrowser() {
        WebDriver b = browser();
        signIn(b, "dashboard?unit=" + P + "&period=2026-10");
        // the session is a cookie for the dashboard's pages only, never sent cross-site
        Cookie session = b.manage().getCookieNamed("q_session_dashboard");
        assertThat(session).isNotNull();
        assertThat(session.getPath()).isEqualTo("/dashboard");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(b.getCurrentUrl()).isEqualTo(app + "dashboard?unit=" + P + "&period=2026-10");

        assertThat(b.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
        assertThat(b.getTitle()).contains("Tỉnh Thử Nghiệm").contains("tháng 10/2026");
        assertThat(b.findElement(By.tagName("h1")).getText())
                .isEqualTo("Tỉnh Thử Nghiệm: kết quả giải quyết thủ tục hành chính tháng 10/2026");
        assertThat(b.findElements(By.tagName("h2"))).extracting(WebElement::getText).containsExactly(
                "Chỉ số chính",
                "Điểm Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
                "Xếp hạng các đơn vị trực thuộc",
                "Diễn biến theo tháng năm 2026",
                "Hồ sơ quá hạn tại thời điểm cuối kỳ",
                "Bước xử lý trễ hạn trong kỳ");

        // key figures, Vietnamese-style: 3 of 5 on time nationally, 2 of 5 online, (2+1+2)/3 for Circular 01
        assertThat(figure(b, "cs-tiep-nhan")).startsWith("5");
        assertThat(figure(b, "cs-qua-han")).isEqualTo("2");
        assertThat(figure(b, "cs-dung-han")).startsWith("100,00%");
        assertThat(figure(b, "cs-dung-han-766")).startsWith("60,00%");
        assertThat(figure(b, "cs-truc-tuyen")).isEqualTo("40,00%");
        assertThat(figure(b, "cs-hai-long")).startsWith("100,00%");
        assertThat(figure(b, "cs-tt01")).startsWith("1,7");
        assertThat(figure(b, "cs-qd766")).startsWith("27,60/50").contains("55,20%");
        List<List<String>> groups = rows(b, "qd766");
        assertThat(groups).anySatisfy(r -> assertThat(r).startsWith("Tiến độ giải quyết", "20", "12,00"));
        assertThat(groups).anySatisfy(r -> assertThat(r).startsWith("Công khai, minh bạch", "18", "chưa đo"));

        // ranking among the three departments, each with its subtree
        List<List<String>> ranking = rows(b, "xep-hang");
        assertThat(ranking).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).containsExactly(
                "1/3 Sở Xây dựng 100,00%", "2/3 Sở Tư pháp 38,00%", "3/3 Sở Y tế 0,00%");

        // the year month by month: one bar pair per month, October carries everything
        WebElement chart = b.findElement(By.cssSelector("svg.bieu-do"));
        assertThat(chart.findElement(By.tagName("title")).getDomProperty("textContent"))
                .contains("tiếp nhận, đã giải quyết");
        assertThat(chart.findElements(By.cssSelector("g.thang"))).hasSize(12);
        assertThat(chart.findElements(By.cssSelector("rect.tiep-nhan"))).hasSize(12);
        // a rate point only where there is something to rate: October, then the two dossiers still open
        assertThat(chart.findElements(By.cssSelector("circle.dung-han"))).hasSize(3);
        assertThat(chart.findElements(By.cssSelector("g.thang")).get(9).findElement(By.tagName("title"))
                .getDomProperty("textContent")).isEqualTo(
                "Tháng 10: tiếp nhận 5, đã giải quyết 3, tỷ lệ đúng hạn (QĐ 766) 60,00%");
        List<List<String>> trend = rows(b, "dien-bien");
        assertThat(trend).hasSize(12);
        assertThat(trend.get(9)).startsWith("Tháng 10", "5", "3", "2", "2", "100,00%", "60,00%");
        assertThat(trend.get(0)).startsWith("Tháng 1", "0", "0", "0", "0", "chưa có số liệu");
        assertThat(trend.get(11)).startsWith("Tháng 12", "0", "0", "2", "2", "chưa có số liệu", "0,00%");

        // overdue at period end: who is at fault and for how long (days after the due date, to 31/10)
        List<List<String>> overdue = rows(b, "qua-han");
        assertThat(overdue).hasSize(2);
        assertThat(overdue.get(0)).containsExactly(P + "-G", "Cấp giấy phép hoạt động", "Sở Tư pháp", "13/10/2026",
                "18", "Sở Tư pháp (đang giữ hồ sơ)");
        assertThat(overdue.get(1)).containsExactly(P + "-E", "Cấp giấy phép hoạt động", "Sở Y tế", "14/10/2026",
                "17", "Phòng Nghiệp vụ Y (đã gửi văn bản xin lỗi)");

        // where the delays happened
        List<List<String>> late = rows(b, "buoc-tre");
        assertThat(late).extracting(r -> r.get(0) + " | " + r.get(1) + " | " + r.get(2)).containsExactly(
                P + "-G | Tiếp nhận | Sở Tư pháp",
                P + "-E | Thẩm định | Phòng Nghiệp vụ Y",
                P + "-E | Phê duyệt | Sở Y tế");
        assertThat(late.get(1)).endsWith("10:00 16/10/2026", "6 ngày 17 giờ");

        // a department's own page, reached from the ranking, shows its rank among its peers
        b.findElement(By.linkText("Sở Tư pháp")).click();
        arrive(b, url -> url.contains("unit=" + D1));
        assertThat(b.findElement(By.tagName("h1")).getText()).startsWith("Sở Tư pháp:");
        assertThat(b.findElement(By.tagName("header")).getText())
                .contains("Xếp hạng 2/3 trong các đơn vị trực thuộc Tỉnh Thử Nghiệm");
        assertThat(b.findElement(By.tagName("main")).getText()).contains("Đơn vị không có đơn vị trực thuộc.");

        // signing out ends the session here and at the provider, which is asked to come back to the signed-out page
        b.findElement(By.id("dang-xuat")).click();
        arrive(b, url -> url.contains("/protocol/openid-connect/end-session"));
        assertThat(b.getCurrentUrl()).contains("/protocol/openid-connect/end-session")
                .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(app + "dashboard/signed-out",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(b.manage().getCookieNamed("q_session_dashboard")).isNull();
        b.get(app + "dashboard/signed-out");
        assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Bạn đã đăng xuất khỏi bảng điều hành");
        // the dashboard asks for the sign-in again
        b.get(app + "dashboard?unit=" + P + "&period=2026-10");
        assertThat(b.findElements(By.id("username"))).hasSize(1);
    }

    @Test
    void withoutAPeriodItShowsTheCurrentMonthSoFar() {
        given().auth().oauth2(leaderToken()).queryParam("unit", P).get("/dashboard").then()
                .statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("tháng 01/2027"))
                .body(containsString("Kỳ báo cáo chưa kết thúc: số liệu tính đến 10:00 15/01/2027."));
    }

    @Test
    void refusalsAreTheApiProblems() {
        // without a token a browser is sent to sign in; the API itself never takes the session cookie
        given().redirects().follow(false).queryParam("unit", P).queryParam("period", "2026-10").get("/dashboard")
                .then().statusCode(302).header("Location", containsString("response_type=code"))
                .header("Location", containsString("client_id=motcua-dashboard"));
        given().queryParam("unit", P).queryParam("period", "2026-10").get("/api/reports/scorecard").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(infra.tokens().officer(D1)).queryParam("unit", P).queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(403);
        given().auth().oauth2(leaderToken()).queryParam("unit", P).queryParam("period", "2026-13")
                .get("/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period"));
        given().auth().oauth2(infra.tokens().analyst()).queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("unit"));
        given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", "NO-SUCH").queryParam("period", "2026-10")
                .get("/dashboard").then().statusCode(404).contentType("application/problem+json");
    }

    // ---- helpers

    private static String figure(WebDriver b, String id) {
        return b.findElement(By.cssSelector("#" + id + " dd")).getText().trim();
    }

    /** The body rows of a table, each as the texts of its cells (row headers included). */
    private static List<List<String>> rows(WebDriver b, String tableId) {
        return b.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(tr -> tr.findElements(By.cssSelector("th, td")).stream().map(c -> c.getText().trim()).toList())
                .toList();
    }

    /**
     * Debian's headless Chromium. Where it is missing and can be installed (root with apt-get), it is installed
     * (apt-get update first) and the test fails if that did not work; elsewhere the browser test is skipped.
     */
    private static synchronized WebDriver browser() {
        if (browser != null) {
            return browser;
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            boolean installable = "root".equals(System.getProperty("user.name"))
                    && Files.isExecutable(Path.of("/usr/bin/apt-get"));
            Assumptions.assumeTrue(installable, "Skipped: Chromium or ChromeDriver missing (" + CHROMIUM + ", "
                    + CHROMEDRIVER + ") and not installable here (needs root and apt-get); install the Debian"
                    + " packages chromium and chromium-driver to run the browser test");
            String log = installChromium();
            assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                    .as("Chromium installed by apt-get:\n%s", log).isTrue();
        }
        SELENIUM_CDP.setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--window-size=1280,2000");
        browser = new ChromeDriver(options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    /** apt-get update, then install: a fresh machine's package lists are empty. Returns the output's tail. */
    private static String installChromium() {
        StringBuilder out = new StringBuilder();
        for (List<String> command : List.of(List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"))) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
                out.append(String.join(" ", command)).append(": exit ").append(p.exitValue()).append('\n')
                        .append(text, Math.max(0, text.length() - 2000), text.length()).append('\n');
            } catch (Exception e) {
                out.append(String.join(" ", command)).append(": ").append(e).append('\n');
            }
        }
        return out.toString();
    }
}
