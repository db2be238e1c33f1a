package vn.motcua.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.Period;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.reporting.domain.Counts;
import vn.motcua.reporting.query.FigureQueries;
import vn.motcua.reporting.query.SummaryRefresher;
import vn.motcua.testinfra.MotcuaTestInfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * A closed period's scorecard is added up from the units' stored summaries, and stays what the facts say: a dossier
 * imported into a closed month, a late event of an old dossier, a late rating or notice, is counted at the next
 * question, also while scorecards are being asked for as the events land.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ClosedPeriodSummaryTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    @Inject
    FigureQueries queries;

    @Inject
    SummaryRefresher refresher;

    static final String P = "SUM" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String A = P + ".A";
    static final String B = P + ".B";
    static final Types.ProcedureTerms PROC = Feed.terms(P + "-PROC", ProcessingTime.workingDays(5), null,
            "FULLY_ONLINE");
    static final List<String> PERIODS = List.of("2026-10", "2026-11", "2026-12", "2026-Q4", "2026");

    @BeforeAll
    static void clock() {
        TestClock.CLOCK.set(vn("2027-01-15T10:00"));
    }

    @Test
    void aDossierLandingInAClosedPeriodIsCountedAtTheNextQuestion() throws Exception {
        String p = P + "X";
        String a = p + ".A";
        String b = p + ".B";
        try (Feed feed = new Feed(infra)) {
            catalog(feed, p, a, b);
            Feed.DossierStream first = feed.dossier(p + "-1")
                    .received(vn("2026-10-05T09:00"), a, Types.Channel.ONLINE, PROC, dueOn("2026-10-12"))
                    .processed(vn("2026-10-08T10:00"));
            Feed.DossierStream open = feed.dossier(p + "-2")
                    .received(vn("2026-10-06T09:00"), a, Types.Channel.COUNTER, PROC, dueOn("2026-10-13"));
            feed.dossier(p + "-3").received(vn("2026-10-07T09:00"), b, Types.Channel.COUNTER, PROC, dueOn("2026-10-14"))
                    .processed(vn("2026-10-09T10:00"));
            feed.awaitProjected();

            scorecard(a, "unit", "2026-10").body("counts.received", equalTo(2)).body("counts.inProgress", equalTo(1))
                    .body("counts.ratings", equalTo(0)).body("counts.noticesSent", equalTo(0));
            scorecard(p, "subtree", "2026").body("counts.received", equalTo(3)).body("counts.completed", equalTo(2));
            scorecard(p, "subtree", "2026-12").body("counts.completed", equalTo(0));
            assertThat(storedSummaries(a)).as("the closed periods asked for are stored")
                    .contains(key("2026-10"), key("2026"));

            // today, in January 2027: a legacy dossier of October imported, and the open one finished in December
            feed.dossier(p + "-4").received(vn("2026-10-20T09:00"), a, Types.Channel.ONLINE, PROC, dueOn("2026-10-27"))
                    .processed(vn("2026-10-22T10:00"));
            open.processed(vn("2026-12-10T10:00"));
            // a rating and a delivered notice of October, arriving late as well
            first.rated(vn("2026-10-09T10:00"), 5, false).notified(vn("2026-10-08T10:05"), Types.NoticeKind.RESULT_READY, 2,
                    true);
            feed.awaitProjected();
            scorecard(a, "unit", "2026-10").body("counts.received", equalTo(3)).body("counts.completed", equalTo(2))
                    .body("counts.inProgress", equalTo(1)).body("counts.ratings", equalTo(1))
                    .body("counts.satisfied", equalTo(1)).body("counts.noticesSent", equalTo(1))
                    .body("counts.noticesDelivered", equalTo(1));
            scorecard(p, "subtree", "2026").body("counts.received", equalTo(4)).body("counts.completed", equalTo(4))
                    .body("counts.inProgress", equalTo(0));
            scorecard(p, "subtree", "2026-12").body("counts.completed", equalTo(1));
            // a complaint opened today on October's rating: October's stored figures count it as disliked from now on
            scorecard(a, "unit", "2026-10").body("counts.dislikedOrComplained", equalTo(0));
            first.complaintOpened(vn("2027-01-15T09:00"));
            feed.awaitProjected();
        }
        scorecard(a, "unit", "2026-10").body("counts.dislikedOrComplained", equalTo(1));
        given().auth().oauth2(infra.tokens().analyst()).queryParam("parent", p).queryParam("period", "2026-Q4")
                .get("/api/reports/ranking").then().statusCode(200)
                .body("units.find { it.unitCode == '" + a + "' }.counts.received", equalTo(3));
        for (String period : PERIODS) {
            for (Map<String, String> members : List.of(Map.of(a, a), Map.of(b, b), Map.of(p, p, a, p, b, p))) {
                assertSameAsTheFacts(members, period);
            }
        }
    }

    @Test
    void todaysWorkOnDecembersDossiersKeepsDecembersSummariesUnlessItChangesWhatDecemberCounted() throws Exception {
        String p = P + "K";
        String a = p + ".A";
        List<String> closed = List.of("2026-12", "2026-Q4", "2026");
        try (Feed feed = new Feed(infra)) {
            catalog(feed, p, a, p + ".B");
            Feed.DossierStream first = feed.dossier(p + "-1")
                    .received(vn("2026-12-10T09:00"), a, Types.Channel.ONLINE, PROC, dueOn("2026-12-17"));
            Feed.DossierStream second = feed.dossier(p + "-2")
                    .received(vn("2026-12-30T09:00"), a, Types.Channel.COUNTER, PROC, dueOn("2027-01-06"));
            feed.awaitProjected();
            for (String period : closed) {
                scorecard(a, "unit", period).body("counts.inProgress", equalTo(2));
            }
            Map<String, Instant> stored = summarisedAt(a);
            assertThat(stored).containsKeys(closed.stream().map(ClosedPeriodSummaryTest::key).toArray(String[]::new));

            // January's work: handed over, finished, returned; a supplement asked for, overdue, an apology with a
            // new date. What December, its quarter and its year counted stays (both in progress at their end, not
            // due by then), so their summaries are not counted again
            first.transferred(vn("2027-01-05T09:00"), a, a, "thẩm định", vn("2027-01-06T17:00"))
                    .processed(vn("2027-01-06T10:00")).returned(vn("2027-01-07T10:00"), Types.ReturnChannel.COUNTER);
            second.supplementRequested(vn("2027-01-05T10:00"), 1).overdue(dueOn("2027-01-06"))
                    .apologized(vn("2027-01-07T09:00"), a, dueOn("2027-01-14"));
            feed.awaitProjected();
            Map<String, Instant> after = summarisedAt(a);
            for (String period : closed) {
                assertThat(after.get(key(period))).as("kept: %s", period).isEqualTo(stored.get(key(period)));
                assertSameAsTheFacts(Map.of(a, a), period);
            }

            // the national portal's answer today is counted with the dossiers received in December
            second.publish(new vn.motcua.dossier.domain.DossierEvent.SyncedToNationalPortal(1, 2,
                    vn("2027-01-09T09:00")));
            feed.awaitProjected();
            after = summarisedAt(a);
            for (String period : closed) {
                Instant now = after.get(key(period));
                assertThat(now == null || now.isAfter(stored.get(key(period)))).as("dropped: %s", period).isTrue();
                scorecard(a, "unit", period).body("counts.portal.syncAnswered", equalTo(1))
                        .body("counts.inProgress", equalTo(2));
                assertSameAsTheFacts(Map.of(a, a), period);
            }
        }
    }

    @Test
    void summariesStayExactWhileEventsLandAndScorecardsAreAsked() throws Exception {
        Random random = new Random(20261206);
        try (Feed feed = new Feed(infra)) {
            catalog(feed, P, A, B);
            feed.awaitProjected();
            AtomicBoolean publishing = new AtomicBoolean(true);
            ExecutorService askers = Executors.newFixedThreadPool(3);
            List<Future<Integer>> asked = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = random.nextLong();
                asked.add(askers.submit(() -> {
                    Random r = new Random(seed);
                    int n = 0;
                    while (publishing.get()) {
                        String unit = List.of(A, B).get(r.nextInt(2));
                        Period period = Period.parse(PERIODS.get(r.nextInt(PERIODS.size())));
                        queries.closedPeriodCounts(Map.of(unit, unit), period.start(), period.end())
                                .await().atMost(Duration.ofSeconds(30));
                        n++;
                    }
                    return n;
                }));
            }
            try {
                // sixty dossiers over the quarter, each published as it happened, some finished later, some not
                for (int i = 0; i < 60; i++) {
                    String unit = i % 3 == 0 ? B : A;
                    LocalDate day = LocalDate.of(2026, 10, 1).plusDays(random.nextInt(88));
                    if (day.getDayOfWeek().getValue() >= 6) {
                        day = day.plusDays(8 - day.getDayOfWeek().getValue());
                    }
                    Instant at = day.atTime(9, 0).atZone(Feed.VIETNAM).toInstant();
                    Feed.DossierStream d = feed.dossier(P + "-" + i).received(at, unit,
                            i % 2 == 0 ? Types.Channel.ONLINE : Types.Channel.COUNTER, PROC,
                            dueOn(day.plusDays(7).toString()));
                    if (i % 4 != 3) {
                        Instant done = at.plus(Duration.ofDays(1 + random.nextInt(20)));
                        d.processed(done);
                        if (i % 3 == 1) {
                            d.rated(done.plus(Duration.ofHours(2)), 1 + random.nextInt(5), i % 9 == 1);
                        }
                    }
                    if (i % 10 == 9) {
                        feed.awaitProjected(); // let the askers meet a projected state now and then
                    }
                }
                feed.awaitProjected();
            } finally {
                publishing.set(false);
                askers.shutdown();
                assertThat(askers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            int total = 0;
            for (Future<Integer> f : asked) {
                total += f.get();
            }
            assertThat(total).as("scorecards asked while the events landed").isPositive();
        }
        for (String period : PERIODS) {
            for (Map<String, String> members : List.of(Map.of(A, A), Map.of(B, B), Map.of(P, P, A, P, B, P))) {
                assertSameAsTheFacts(members, period);
            }
        }
        scorecard(P, "subtree", "2026-Q4").body("counts.received", equalTo(60));
        assertThat(storedSummaries(A)).containsAll(PERIODS.stream().map(ClosedPeriodSummaryTest::key).toList());
    }

    @Test
    void theRefresherStoresEveryUnitsRecentClosedPeriodsBeforeAnyoneAsks() throws Exception {
        String p = P + "R";
        try (Feed feed = new Feed(infra)) {
            catalog(feed, p, p + ".A", p + ".B");
            feed.dossier(p + "-1").received(vn("2026-06-05T09:00"), p + ".B", Types.Channel.ONLINE, PROC,
                    dueOn("2026-06-12")).processed(vn("2026-06-08T10:00"));
            feed.awaitProjected();
        }
        List<Period> periods = refresher.refresh().await().atMost(Duration.ofSeconds(60));
        // at 15 January 2027: December 2025 to December 2026, their five quarters and two years
        assertThat(periods).hasSize(20);
        for (String unit : List.of(p, p + ".A", p + ".B")) {
            assertThat(storedSummaries(unit)).as(unit)
                    .containsAll(periods.stream().map(Period::toString).map(ClosedPeriodSummaryTest::key).toList());
        }
        assertSameAsTheFacts(Map.of(p + ".B", p + ".B"), "2026-06");
        scorecard(p + ".B", "unit", "2026-Q2").body("counts.received", equalTo(1))
                .body("counts.completed", equalTo(1));
    }

    private void catalog(Feed feed, String province, String a, String b) {
        feed.unit(province, "Tỉnh Thử Tổng Hợp", UnitType.PROVINCE, null);
        feed.unit(a, "Sở A", UnitType.PROVINCE_DEPARTMENT, province);
        feed.unit(b, "Sở B", UnitType.PROVINCE_DEPARTMENT, province);
        feed.procedure(PROC.code(), "Thủ tục thử", "F1", "Lĩnh vực thử", List.of(UnitType.PROVINCE_DEPARTMENT),
                ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);
    }

    private io.restassured.response.ValidatableResponse scorecard(String unit, String scope, String period) {
        return given().auth().oauth2(infra.tokens().analyst()).queryParam("unit", unit).queryParam("scope", scope)
                .queryParam("period", period).get("/api/reports/scorecard").then().statusCode(200);
    }

    /** The stored summaries add up to exactly what counting the facts gives, for every figure. */
    private void assertSameAsTheFacts(Map<String, String> members, String period) {
        Period p = Period.parse(period);
        Map<String, String> ordered = new LinkedHashMap<>(members);
        Map<String, Counts> summed = queries.closedPeriodCounts(ordered, p.start(), p.end())
                .await().atMost(Duration.ofSeconds(30));
        Map<String, Counts> counted = queries.unitGroupCounts(ordered, p.start(), p.end())
                .await().atMost(Duration.ofSeconds(30));
        for (String group : new java.util.LinkedHashSet<>(members.values())) {
            Counts expected = counted.getOrDefault(group, Counts.ZERO);
            Counts actual = summed.getOrDefault(group, Counts.ZERO);
            assertThat(actual).usingRecursiveComparison().withComparatorForType(java.math.BigDecimal::compareTo,
                    java.math.BigDecimal.class).as("%s %s", group, period).isEqualTo(expected);
        }
    }

    /** A period as its stored summary is keyed: its start and end instants. */
    private static String key(String period) {
        Period p = Period.parse(period);
        return p.start() + "/" + p.end();
    }

    /** When each of a unit's stored summaries was counted, by {@link #key}. */
    private Map<String, Instant> summarisedAt(String unit) throws Exception {
        Map<String, Instant> out = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             PreparedStatement ps = c.prepareStatement("select period_start, period_end, summarised_at"
                     + " from reporting.unit_period_summary where unit_code = ?")) {
            ps.setString(1, unit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + "/"
                            + rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        return out;
    }

    /** The periods a unit has stored summaries of, as {@link #key} gives them. */
    private java.util.Set<String> storedSummaries(String unit) throws Exception {
        return summarisedAt(unit).keySet();
    }
}
