package vn.motcua.reporting.api;

import vn.motcua.support.security.Caller;
import vn.motcua.support.security.CurrentCaller;
import vn.motcua.reporting.query.ReadAccess;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.duedate.Period;
import vn.motcua.reporting.query.FigureQueries;
import vn.motcua.reporting.query.Reports;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The leaders' dashboard: one unit's reform-index figures for a period as a server-rendered Vietnamese page (key
 * figures, Decision 766 score, ranking of the units under it, the year month by month, overdue dossiers and late
 * steps). Same figures, roles and errors as {@link ReportResource}; no script, nothing loaded from elsewhere.
 */
@Path("/dashboard")
@RolesAllowed({Caller.ADMIN, Caller.ANALYST, Caller.LEADER})
@Tag(name = "dashboard", description = "Server-rendered dashboard for leaders (Vietnamese)")
public class DashboardResource {
    static final int OVERDUE_ROWS = 50;
    static final int LATE_STEP_ROWS = 30;
    // the page carries its own styles and inline SVG only: everything else is refused
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance dashboard(View v);
    }

    private final Reports reports;
    private final Clock clock;
    private final CurrentCaller currentCaller;

    public DashboardResource(Reports reports, Clock clock, CurrentCaller currentCaller) {
        this.reports = reports;
        this.clock = clock;
        this.currentCaller = currentCaller;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A unit's dashboard for one period (default: the current month), as an HTML page",
            description = "unit: for a leader, the unit of the token by default; a leader reads that unit and the units "
                    + "under it only (403 otherwise)")
    public Uni<Response> dashboard(@QueryParam("unit") String unit,
                                   @Parameter(description = ReportResource.PERIOD_DOC) @QueryParam("period") String period,
                                   @QueryParam("scope") @DefaultValue("subtree") String scope) {
        LocalDate today = LocalDate.now(clock.withZone(Period.VIETNAM));
        Period p = period == null || period.isBlank() ? Period.containing(Period.Granularity.MONTH, today)
                : ReportResource.period(period, "period");
        Caller reader = currentCaller.get().requireUnitClaim("unit");
        // a leader opening the dashboard without naming a unit sees the unit of the token
        String u = ReportResource.unit(unit == null || unit.isBlank() ? (reader.readsEverything() ? null : reader.unit()) : unit);
        Reports.Scope s = ReportResource.scope(scope);
        return ReadAccess.requireRead(reader, reports, u, "unit").chain(reports::units).chain(tree -> {
            Reports.require(tree, u); // an unknown unit is a 404 problem before any figure is computed
            return Uni.combine().all().unis(
                            reports.scorecard(u, s, p),
                            reports.ranking(u, p),
                            reports.trend(u, s, months(p, today)),
                            reports.dossiers(u, s, p, "overdueOpen", null, null, OVERDUE_ROWS, 0),
                            reports.lateSteps(u, s, p, LATE_STEP_ROWS))
                    .asTuple().map(t -> view(tree, p, s, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(),
                            t.getItem5()));
        }).chain(v -> Templates.dashboard(v).createUni())
                .map(html -> Response.ok(html, MediaType.TEXT_HTML + ";charset=UTF-8")
                        .header("Content-Security-Policy", CSP)
                        .header("Cache-Control", "no-store")
                        .build());
    }

    /**
     * Where the identity provider sends the browser after {@code /dashboard/logout} (the OIDC tenant's logout path,
     * which ends the session cookie and the provider's session): a page that says so, readable without signing in.
     */
    @GET
    @Path("signed-out")
    @jakarta.annotation.security.PermitAll
    @vn.motcua.support.PublicRateLimit
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page shown after signing out of the dashboard")
    public Response signedOut() {
        String html = """
                <!DOCTYPE html>
                <html lang="vi">
                <head><meta charset="utf-8"><title>Đã đăng xuất</title></head>
                <body>
                <h1>Bạn đã đăng xuất khỏi bảng điều hành</h1>
                <p><a href="/dashboard">Đăng nhập lại</a></p>
                </body>
                </html>
                """;
        return Response.ok(html, MediaType.TEXT_HTML + ";charset=UTF-8").header("Content-Security-Policy", CSP)
                .header("Cache-Control", "no-store").build();
    }

    /** The months of the period's year, up to the current month when that year is still running. */
    static List<Period> months(Period p, LocalDate today) {
        int year = p.firstDay().getYear();
        int last = year == today.getYear() ? today.getMonthValue() : 12;
        return new Period(Period.Granularity.MONTH, LocalDate.of(year, 1, 1))
                .through(new Period(Period.Granularity.MONTH, LocalDate.of(year, last, 1)), 12);
    }

    // ---- the view model: everything the template shows, already named and placed

    public record View(String unitCode, String unitName, String period, String scope, String periodLabel,
                       String periodRange, String scopeLabel, String asOfNote, String ownRank, Reports.Scorecard card,
                       List<RankRow> ranking, int year, List<MonthRow> trend, Chart chart, List<OverdueRow> overdue,
                       long overdueTotal, List<LateRow> lateSteps) {
    }

    public record RankRow(String rank, String unitName, String href, Reports.Ranked unit) {
    }

    public record MonthRow(String label, Reports.TrendPoint point) {
    }

    public record OverdueRow(String dossierCode, String procedure, String competentUnit, String due, String days,
                             String unitAtFault, String why) {
    }

    public record LateRow(String dossierCode, String step, String unit, String started, String deadline,
                          String ended, String delay) {
    }

    static View view(Map<String, FigureQueries.UnitNode> tree, Period p, Reports.Scope scope, Reports.Scorecard card,
              Reports.Ranking ranking, List<Reports.TrendPoint> trend, List<FigureQueries.DossierLine> overdue,
              List<FigureQueries.LateStep> late) {
        Reports.Window w = card.window();
        String periodParam = URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
        String scopeParam = scope.name().toLowerCase(Locale.ROOT);

        List<RankRow> ranks = new ArrayList<>();
        for (Reports.Ranked r : ranking.units()) {
            ranks.add(new RankRow(r.rank() + "/" + ranking.units().size(), r.unitNameVi(),
                    "?unit=" + URLEncoder.encode(r.unitCode(), StandardCharsets.UTF_8) + "&period=" + periodParam,
                    r));
        }
        String ownRank = card.rank() == null ? null : "Xếp hạng " + card.rank().position() + "/" + card.rank().of()
                + " trong các đơn vị trực thuộc " + name(tree, card.rank().amongChildrenOf());

        List<MonthRow> months = trend.stream().map(t -> new MonthRow(
                "Tháng " + t.window().start().atZone(Period.VIETNAM).getMonthValue(), t)).toList();

        // days overdue as of the period end (or now, for a running period), counted in calendar days
        LocalDate asOfDay = w.end().minusNanos(1).atZone(Period.VIETNAM).toLocalDate();
        List<OverdueRow> od = new ArrayList<>();
        for (FigureQueries.DossierLine d : overdue) {
            Instant since = d.overdueAt() != null ? d.overdueAt().toInstant() : d.dueOfRecordAt().toInstant();
            long days = ChronoUnit.DAYS.between(since.atZone(Period.VIETNAM).toLocalDate(), asOfDay);
            boolean apologized = d.apologyUnit() != null;
            od.add(new OverdueRow(d.dossierCode(), d.procedureNameVi() != null ? d.procedureNameVi() : d.procedureCode(),
                    name(tree, d.competentUnit()),
                    d.dueOfRecordDate() != null ? DashboardFormat.day(d.dueOfRecordDate())
                            : DashboardFormat.time(d.dueOfRecordAt()),
                    days < 1 ? "dưới 1" : DashboardFormat.num(days),
                    name(tree, apologized ? d.apologyUnit() : d.currentUnit()),
                    apologized ? "đã gửi văn bản xin lỗi" : "đang giữ hồ sơ"));
        }

        List<LateRow> steps = new ArrayList<>();
        for (FigureQueries.LateStep s : late) {
            Instant until = s.endedAt() != null ? s.endedAt().toInstant() : w.end();
            steps.add(new LateRow(s.dossierCode(), "reception".equals(s.stepName()) ? "Tiếp nhận" : s.stepName() == null ? "(bước không tên)" : s.stepName(),
                    name(tree, s.unitCode()), DashboardFormat.time(s.startedAt()), DashboardFormat.time(s.deadline()),
                    s.endedAt() == null ? "chưa kết thúc" : DashboardFormat.time(s.endedAt()),
                    DashboardFormat.delay(Duration.between(s.deadline().toInstant(), until))));
        }

        String asOf = w.closed() ? null
                : "Kỳ báo cáo chưa kết thúc: số liệu tính đến " + DashboardFormat.time(w.end()) + ".";
        return new View(card.unitCode(), card.unitNameVi(), p.toString(), scopeParam, DashboardFormat.period(p),
                "từ " + DashboardFormat.day(p.firstDay()) + " đến " + DashboardFormat.day(p.lastDay()),
                scope == Reports.Scope.SUBTREE ? "gồm đơn vị và các đơn vị trực thuộc" : "riêng đơn vị, không gồm đơn vị trực thuộc",
                asOf, ownRank, card, ranks, p.firstDay().getYear(), months, Chart.of(trend), od,
                card.counts().overdueOpen(), steps);
    }

    private static String name(Map<String, FigureQueries.UnitNode> tree, String code) {
        if (code == null) {
            return "";
        }
        FigureQueries.UnitNode u = tree.get(code);
        return u == null || u.nameVi() == null ? code : u.nameVi();
    }

    // ---- the chart, drawn here so the page needs no script: bars on the left axis, the rate on the right one

    public record Tick(String y, String label) {
    }

    public record Column(String label, String title, String labelX, String barWidth, String receivedX,
                         String receivedY, String receivedHeight, String completedX, String completedY,
                         String completedHeight, boolean hasRate, String rateX, String rateY) {
    }

    public record Chart(int width, int height, int left, int right, int bottom, int countLabelX, int rateLabelX,
                        int monthLabelY, List<Tick> countTicks, List<Tick> rateTicks, List<Column> columns,
                        String rateLine) {
        static final int W = 720;
        static final int H = 280;
        static final int LEFT = 56;
        static final int RIGHT = W - 56;
        static final int TOP = 16;
        static final int BOTTOM = H - 36;

        static Chart of(List<Reports.TrendPoint> trend) {
            long max = 0;
            for (Reports.TrendPoint t : trend) {
                max = Math.max(max, Math.max(t.counts().received(), t.counts().completed()));
            }
            long step = niceStep(max);
            long top = step * 4;
            double plot = BOTTOM - TOP;
            List<Tick> counts = new ArrayList<>();
            for (int i = 0; i <= 4; i++) {
                counts.add(new Tick(n(BOTTOM - plot * i / 4), DashboardFormat.num(step * i)));
            }
            List<Tick> rates = List.of(new Tick(n(BOTTOM), "0%"), new Tick(n(BOTTOM - plot / 2), "50%"),
                    new Tick(n(TOP), "100%"));
            double slot = (double) (RIGHT - LEFT) / Math.max(1, trend.size());
            double bar = slot * 0.32;
            List<Column> cols = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < trend.size(); i++) {
                Reports.TrendPoint t = trend.get(i);
                int month = t.window().start().atZone(Period.VIETNAM).getMonthValue();
                double x0 = LEFT + slot * i;
                double rh = plot * t.counts().received() / top;
                double ch = plot * t.counts().completed() / top;
                BigDecimal rate = t.figures().nationalOnTimeRate();
                double ry = rate == null ? 0 : BOTTOM - plot * rate.doubleValue() / 100;
                if (rate != null) {
                    line.append(line.isEmpty() ? "" : " ").append(n(x0 + slot / 2)).append(',').append(n(ry));
                }
                cols.add(new Column("T" + month,
                        "Tháng " + month + ": tiếp nhận " + DashboardFormat.num(t.counts().received())
                                + ", đã giải quyết " + DashboardFormat.num(t.counts().completed())
                                + ", tỷ lệ đúng hạn (QĐ 766) " + DashboardFormat.pct(rate),
                        n(x0 + slot / 2), n(bar), n(x0 + slot / 2 - bar), n(BOTTOM - rh), n(rh), n(x0 + slot / 2),
                        n(BOTTOM - ch), n(ch), rate != null, n(x0 + slot / 2), n(ry)));
            }
            return new Chart(W, H, LEFT, RIGHT, BOTTOM, LEFT - 6, RIGHT + 6, BOTTOM + 16, counts, rates, cols,
                    line.toString());
        }

        /** A round step (1, 2 or 5 × 10^k) so that four steps cover the largest count. */
        static long niceStep(long max) {
            double raw = Math.max(1, max / 4.0);
            long p = 1;
            while (p * 10 <= raw) {
                p *= 10;
            }
            for (long m : new long[]{1, 2, 5, 10}) {
                if (m * p >= raw) {
                    return m * p;
                }
            }
            return 10 * p;
        }

        private static String n(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
    }
}
