package vn.motcua.reporting.api;

import vn.motcua.support.security.Caller;
import vn.motcua.support.security.CurrentCaller;
import vn.motcua.reporting.query.ReadAccess;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import vn.motcua.support.ProblemException;

import java.util.List;
import java.util.function.Function;

/**
 * The reform-index views for analysts and leaders. Every list answers in JSON, CSV or Excel ({@code format}).
 * Periods are Vietnam-time days, months, quarters or years: 2026-10-05, 2026-10, 2026-Q4, 2026.
 */
@Path("/api/reports")
@Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
@RolesAllowed({Caller.ADMIN, Caller.ANALYST, Caller.LEADER})
@Tag(name = "reports", description = "Administrative-reform index figures (DOMAIN.md section 6)")
public class ReportResource {
    static final String PERIOD_DOC = "2026-10-05 (day), 2026-10 (month), 2026-Q4 (quarter) or 2026 (year), Vietnam time";

    private final Reports reports;
    private final Tabular tabular;
    private final CurrentCaller currentCaller;

    public ReportResource(Reports reports, Tabular tabular, CurrentCaller currentCaller) {
        this.reports = reports;
        this.tabular = tabular;
        this.currentCaller = currentCaller;
    }

    /** Completes when the caller may read {@code unit} (a leader: only the subtree of the token's unit). */
    private Uni<Void> readable(String unit, String field) {
        return ReadAccess.requireRead(currentCaller.get(), reports, unit, field);
    }

    @GET
    @Path("/scorecard")
    @Operation(summary = "A unit's figures for one period: counts, rates, Circular 01/2018 and Decision 766 scores, rank among its peers")
    public Uni<Response> scorecard(@QueryParam("unit") String unit,
                                   @Parameter(description = PERIOD_DOC) @QueryParam("period") String period,
                                   @Parameter(description = "unit, or subtree (the unit and all units under it)")
                                   @QueryParam("scope") @DefaultValue("subtree") String scope,
                                   @QueryParam("format") String format) {
        Period p = period(period, "period");
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        return readable(u, "unit").chain(() -> respond(reports.scorecard(u, s, p), x -> List.of(x), format,
                "scorecard-" + u + "-" + p));
    }

    @GET
    @Path("/ranking")
    @Operation(summary = "The units directly under a unit, each with its subtree, ranked by score")
    public Uni<Response> ranking(@QueryParam("parent") String parent,
                                 @Parameter(description = PERIOD_DOC) @QueryParam("period") String period,
                                 @QueryParam("format") String format) {
        Period p = period(period, "period");
        if (parent == null || parent.isBlank()) {
            throw ProblemException.invalid("parent", "parent is required", "thiếu mã đơn vị cấp trên");
        }
        String u = parent.trim();
        return readable(u, "parent").chain(() -> respond(reports.ranking(u, p), Reports.Ranking::units, format,
                "ranking-" + u + "-" + p));
    }

    @GET
    @Path("/trend")
    @Operation(summary = "A unit's figures period by period, from one period to another of the same kind")
    public Uni<Response> trend(@QueryParam("unit") String unit,
                               @Parameter(description = PERIOD_DOC) @QueryParam("from") String from,
                               @Parameter(description = PERIOD_DOC) @QueryParam("to") String to,
                               @QueryParam("scope") @DefaultValue("subtree") String scope,
                               @QueryParam("format") String format) {
        Period a = period(from, "from");
        Period b = period(to, "to");
        List<Period> periods;
        try {
            periods = a.through(b, 400);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("to", e.getMessage(), "khoảng thời gian không hợp lệ");
        }
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        return readable(u, "unit").chain(() -> respond(reports.trend(u, s, periods), l -> l, format, "trend-" + u));
    }

    @GET
    @Path("/procedures")
    @Operation(summary = "Figures per procedure for a unit (or subtree) and period")
    public Uni<Response> procedures(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                    @QueryParam("scope") @DefaultValue("subtree") String scope,
                                    @QueryParam("format") String format) {
        Period p = period(period, "period");
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        return readable(u, "unit").chain(() -> respond(reports.breakdown(u, s, p, FigureQueries.GroupBy.PROCEDURE),
                l -> l, format, "procedures-" + u + "-" + p));
    }

    @GET
    @Path("/fields")
    @Operation(summary = "Figures per field of procedures for a unit (or subtree) and period")
    public Uni<Response> fields(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                @QueryParam("scope") @DefaultValue("subtree") String scope,
                                @QueryParam("format") String format) {
        Period p = period(period, "period");
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        return readable(u, "unit").chain(() -> respond(reports.breakdown(u, s, p, FigureQueries.GroupBy.FIELD),
                l -> l, format, "fields-" + u + "-" + p));
    }

    @GET
    @Path("/steps")
    @Operation(summary = "Where delays happened: time per handling unit and step against the step deadline")
    public Uni<Response> steps(@QueryParam("unit") String unit, @QueryParam("period") String period,
                               @QueryParam("scope") @DefaultValue("subtree") String scope,
                               @QueryParam("format") String format) {
        Period p = period(period, "period");
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        return readable(u, "unit").chain(() -> respond(reports.steps(u, s, p), l -> l, format,
                "steps-" + u + "-" + p));
    }

    @GET
    @Path("/steps/late")
    @Operation(summary = "The late steps behind the step figures, with their dossiers")
    public Uni<Response> lateSteps(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                   @QueryParam("scope") @DefaultValue("subtree") String scope,
                                   @QueryParam("limit") @DefaultValue("200") int limit,
                                   @QueryParam("format") String format) {
        Period p = period(period, "period");
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        int n = limit(limit);
        return readable(u, "unit").chain(() -> respond(reports.lateSteps(u, s, p, n), l -> l, format,
                "late-steps-" + u + "-" + p));
    }

    @GET
    @Path("/dossiers")
    @Operation(summary = "Drill-down: the dossiers behind a figure",
            description = "figure is one of: received, receivedOnline, receivedPostal, receivedFullyOnlineProcedure, "
                    + "refusedAtReception, withdrawn, completed, early, onTime, late, inProgress, overdueOpen, "
                    + "nationalOnTime, nationalLate, returned, returnedPostal, lateOrOverdue, apologizedInTime, "
                    + "apologyMissing, apologizedInformed, apologizedNotInformed; Decision 766 (issue 16): paid, "
                    + "paidOnline, paidAtDesk, digitisationRecorded, digitised, notDigitised, resultsRecorded, "
                    + "resultsElectronic, resultsOnPaper, syncAnswered, synchronised, notSynchronised (with the "
                    + "portal's answer: syncState null = not yet sent, REFUSED with syncErrorCode and syncErrorMessage)")
    public Uni<Response> dossiers(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                  @QueryParam("figure") String figure,
                                  @QueryParam("scope") @DefaultValue("subtree") String scope,
                                  @QueryParam("procedure") String procedure, @QueryParam("field") String field,
                                  @QueryParam("limit") @DefaultValue("200") int limit,
                                  @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("format") String format) {
        Period p = period(period, "period");
        if (figure == null || !FigureQueries.FIGURES.containsKey(figure)) {
            throw ProblemException.invalid("figure", "figure must be one of " + FigureQueries.FIGURES.keySet(),
                    "chỉ số không hợp lệ");
        }
        if (offset < 0) {
            throw ProblemException.invalid("offset", "offset must not be negative", "offset không được âm");
        }
        String u = unit(unit);
        Reports.Scope s = scope(scope);
        int n = limit(limit);
        return readable(u, "unit").chain(() -> respond(reports.dossiers(u, s, p, figure, blankToNull(procedure),
                blankToNull(field), n, offset), l -> l, format, figure + "-" + u + "-" + p));
    }

    private <T> Uni<Response> respond(Uni<T> body, Function<T, List<?>> rows, String format, String name) {
        if (format != null && !List.of("json", "csv", "xlsx").contains(format.toLowerCase())) {
            throw ProblemException.invalid("format", "format must be json, csv or xlsx",
                    "định dạng phải là json, csv hoặc xlsx");
        }
        return body.emitOn(Infrastructure.getDefaultWorkerPool())
                .map(b -> tabular.respond(format, b, rows.apply(b), name));
    }

    static Period period(String text, String field) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage(),
                    "kỳ báo cáo không hợp lệ (ví dụ 2026-10-05, 2026-10, 2026-Q4, 2026)");
        }
    }

    static String unit(String unit) {
        if (unit == null || unit.isBlank()) {
            throw ProblemException.invalid("unit", "unit is required", "thiếu mã đơn vị");
        }
        return unit.trim();
    }

    static Reports.Scope scope(String scope) {
        try {
            return Reports.Scope.valueOf(scope.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("scope", "scope must be unit or subtree",
                    "phạm vi phải là unit (đơn vị) hoặc subtree (đơn vị và các đơn vị trực thuộc)");
        }
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 5000) {
            throw ProblemException.invalid("limit", "limit must be between 1 and 5000",
                    "limit phải từ 1 đến 5000");
        }
        return limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
