package vn.motcua.reporting.query;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.reporting.domain.Counts;
import vn.motcua.reporting.domain.Decision766;
import vn.motcua.reporting.domain.Figures;
import vn.motcua.duedate.Period;
import vn.motcua.support.ProblemException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reform-index reports, composed from {@link FigureQueries}: scorecards, rankings, trends, breakdowns. */
@ApplicationScoped
public class Reports {

    /** Whose dossiers count: the unit alone, or the unit and every unit under it (rolled up). */
    public enum Scope { UNIT, SUBTREE }

    public record Window(String period, Instant start, Instant end, Instant asOf, boolean closed) {
    }

    public record Rank(int position, int of, String amongChildrenOf, BigDecimal score) {
    }

    public record Scorecard(String unitCode, String unitNameVi, Scope scope, Window window, Counts counts,
                            Figures figures, Decision766.Score decision766, Rank rank) {
    }

    public record Ranked(int rank, String unitCode, String unitNameVi, BigDecimal score, Counts counts,
                         Figures figures, Decision766.Score decision766) {
    }

    public record Ranking(String parentCode, String parentNameVi, Window window, String basis, List<Ranked> units) {
    }

    public record Breakdown(String code, String nameVi, String fieldCode, String fieldNameVi, Counts counts,
                            Figures figures) {
    }

    private final FigureQueries queries;
    private final Clock clock;
    private final Decision766 decision766;

    public Reports(FigureQueries queries, Clock clock,
                   @ConfigProperty(name = "motcua.reporting.d766.points") Map<String, Integer> points) {
        this.queries = queries;
        this.clock = clock;
        Map<Decision766.Group, Integer> p = new EnumMap<>(Decision766.Group.class);
        points.forEach((k, v) -> p.put(Decision766.Group.valueOf(k.toUpperCase().replace('-', '_')), v));
        this.decision766 = new Decision766(p);
    }

    public Window window(Period p) {
        Instant now = clock.instant();
        Instant end = p.end().isAfter(now) ? now : p.end();
        if (end.isBefore(p.start())) {
            end = p.start(); // a period that has not begun: nothing in it yet
        }
        return new Window(p.toString(), p.start(), end, now, !p.end().isAfter(now));
    }

    /**
     * Whether a window's dossier counts come from the units' stored summaries: a closed month, quarter or year (an
     * open one still changes with every event; a day is cheap to count and would only fill the table).
     */
    static boolean summarised(Window w) {
        return w.closed() && Period.parse(w.period()).granularity() != Period.Granularity.DAY;
    }

    /** The day "at period end" questions about the catalog are asked on. */
    private static LocalDate lastDay(Window w) {
        return w.end().minusNanos(1).atZone(Period.VIETNAM).toLocalDate();
    }

    public Uni<Map<String, FigureQueries.UnitNode>> units() {
        return queries.units();
    }

    public static FigureQueries.UnitNode require(Map<String, FigureQueries.UnitNode> tree, String code) {
        FigureQueries.UnitNode u = tree.get(code);
        if (u == null) {
            throw ProblemException.notFound("unit", code, "đơn vị");
        }
        return u;
    }

    /**
     * Every unit under {@code root} that was in force in the window (itself included, whatever its validity), each
     * mapped to {@code group}: a district abolished in 2025 rolls up into its province's 2025 figures, not later ones.
     */
    static void subtree(Map<String, FigureQueries.UnitNode> tree, String root, String group, Window w,
                        Map<String, String> out) {
        out.put(root, group);
        for (FigureQueries.UnitNode u : children(tree, root, w)) {
            if (!out.containsKey(u.code())) {
                subtree(tree, u.code(), group, w, out);
            }
        }
    }

    public static Map<String, String> members(Map<String, FigureQueries.UnitNode> tree, String unit, Scope scope,
                                              Window w) {
        Map<String, String> m = new LinkedHashMap<>();
        if (scope == Scope.UNIT) {
            m.put(unit, unit);
        } else {
            subtree(tree, unit, unit, w, m);
        }
        return m;
    }

    /** The units directly under {@code parent} that existed on at least one day of the window. */
    public static List<FigureQueries.UnitNode> children(Map<String, FigureQueries.UnitNode> tree, String parent,
                                                        Window w) {
        LocalDate first = w.start().atZone(Period.VIETNAM).toLocalDate();
        LocalDate last = lastDay(w).isBefore(first) ? first : lastDay(w);
        return tree.values().stream()
                .filter(u -> parent.equals(u.parentCode()) && u.inForceDuring(first, last)).toList();
    }

    /** Counts of every group, dossiers plus ratings plus procedure commitments plus notices to applicants. */
    public Uni<Map<String, Counts>> counts(Map<String, String> members, Window w, FigureQueries.GroupBy by) {
        if (by != FigureQueries.GroupBy.UNIT_GROUP) {
            return queries.counts(members, w.start(), w.end(), by);
        }
        return Uni.combine().all().unis(unitGroupCounts(members, w), queries.commitments(members, lastDay(w)))
                .asTuple().map(t -> withCommitments(members, t.getItem1(), t.getItem2()));
    }

    /** Dossiers, ratings and notices per group: a closed period from its stored summaries, an open one counted. */
    private Uni<Map<String, Counts>> unitGroupCounts(Map<String, String> members, Window w) {
        return summarised(w) ? queries.closedPeriodCounts(members, w.start(), w.end())
                : queries.unitGroupCounts(members, w.start(), w.end());
    }

    /** Each group's counts (zero for a group without any) with its procedure commitments. */
    private static Map<String, Counts> withCommitments(Map<String, String> members, Map<String, Counts> counted,
                                                       Map<String, long[]> commitments) {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (String g : new java.util.LinkedHashSet<>(members.values())) {
            Counts c = counted.getOrDefault(g, Counts.ZERO);
            long[] pc = commitments.get(g);
            if (pc != null) {
                c = c.withProcedures(pc[0], pc[1]);
            }
            out.put(g, c);
        }
        return out;
    }

    public Uni<Scorecard> scorecard(String unit, Scope scope, Period period) {
        Window w = window(period);
        return units().chain(tree -> {
            FigureQueries.UnitNode u = require(tree, unit);
            // ranked among its peers only in periods it existed in; otherwise its own figures, without a rank
            boolean ranked = u.parentCode() != null && tree.containsKey(u.parentCode())
                    && children(tree, u.parentCode(), w).contains(u);
            Uni<Ranking> peers = ranked ? ranking(tree, u.parentCode(), w) : Uni.createFrom().nullItem();
            // the ranking already rolled this unit's subtree up: count it again only for the unit alone
            Uni<Counts> own = ranked && scope == Scope.SUBTREE ? Uni.createFrom().nullItem()
                    : counts(members(tree, unit, scope, w), w, FigureQueries.GroupBy.UNIT_GROUP)
                    .map(m -> m.getOrDefault(unit, Counts.ZERO));
            return Uni.combine().all().unis(own, peers).asTuple().map(t -> {
                Ranking r = t.getItem2();
                Ranked mine = r == null ? null
                        : r.units().stream().filter(x -> x.unitCode().equals(unit)).findFirst().orElse(null);
                Counts c = t.getItem1() != null ? t.getItem1() : mine != null ? mine.counts() : Counts.ZERO;
                Rank rank = mine == null ? null : new Rank(mine.rank(), r.units().size(), u.parentCode(), mine.score());
                return new Scorecard(unit, u.nameVi(), scope, w, c, Figures.of(c), decision766.score(c), rank);
            });
        });
    }

    public Uni<Ranking> ranking(String parent, Period period) {
        return units().chain(tree -> {
            require(tree, parent);
            return ranking(tree, parent, window(period));
        });
    }

    /**
     * The children of a unit, each with its whole subtree, ranked by the Decision 766 score over the measured
     * groups (ties: national on-time rate, then code). Units without any dossier or rating are ranked last.
     */
    Uni<Ranking> ranking(Map<String, FigureQueries.UnitNode> tree, String parent, Window w) {
        Map<String, String> members = new LinkedHashMap<>();
        List<FigureQueries.UnitNode> kids = children(tree, parent, w);
        for (FigureQueries.UnitNode k : kids) {
            subtree(tree, k.code(), k.code(), w, members);
        }
        if (members.isEmpty()) {
            return Uni.createFrom().item(new Ranking(parent, tree.get(parent).nameVi(), w, basis(), List.of()));
        }
        return counts(members, w, FigureQueries.GroupBy.UNIT_GROUP).map(all -> {
            List<Ranked> rows = new ArrayList<>();
            for (FigureQueries.UnitNode k : kids) {
                Counts c = all.getOrDefault(k.code(), Counts.ZERO);
                Decision766.Score s = decision766.score(c);
                rows.add(new Ranked(0, k.code(), k.nameVi(), s.scorePercent(), c, Figures.of(c), s));
            }
            Comparator<Ranked> order = Comparator.comparing((Ranked r) -> r.score() == null ? BigDecimal.valueOf(-1)
                            : r.score()).reversed()
                    .thenComparing(r -> r.figures().nationalOnTimeRate() == null ? BigDecimal.valueOf(-1)
                            : r.figures().nationalOnTimeRate(), Comparator.reverseOrder())
                    .thenComparing(Ranked::unitCode);
            rows.sort(order);
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Ranked r = rows.get(i);
                ranked.add(new Ranked(i + 1, r.unitCode(), r.unitNameVi(), r.score(), r.counts(), r.figures(),
                        r.decision766()));
            }
            return new Ranking(parent, tree.get(parent).nameVi(), w, basis(), ranked);
        });
    }

    private static String basis() {
        return "Decision 766 score over the measured groups (measured points ÷ their maximum, %)";
    }

    public record TrendPoint(Window window, Counts counts, Figures figures, Decision766.Score decision766) {
    }

    /**
     * A unit's figures period by period. The closed periods' stored summaries and every period's commitments are read
     * in one statement each; a period whose summaries are not all stored, or that is still open, is then counted on
     * its own as a single period would be.
     */
    public Uni<List<TrendPoint>> trend(String unit, Scope scope, List<Period> periods) {
        return units().chain(tree -> {
            require(tree, unit);
            List<Window> windows = periods.stream().map(this::window).toList();
            List<Map<String, String>> members = windows.stream().map(w -> members(tree, unit, scope, w)).toList();
            List<FigureQueries.Ask> asks = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                Window w = windows.get(i);
                // an open period asks for nothing stored
                asks.add(new FigureQueries.Ask(summarised(w) ? members.get(i) : Map.of(), w.start(), w.end()));
            }
            Uni<List<FigureQueries.Summed>> stored = queries.storedCounts(asks);
            Uni<List<Map<String, long[]>>> commitments = queries.commitments(members,
                    windows.stream().map(Reports::lastDay).toList());
            return Uni.combine().all().unis(stored, commitments).asTuple().chain(t -> {
                List<Uni<TrendPoint>> points = new ArrayList<>();
                for (int i = 0; i < windows.size(); i++) {
                    Window w = windows.get(i);
                    Map<String, String> m = members.get(i);
                    FigureQueries.Summed summed = t.getItem1().get(i);
                    Map<String, long[]> committed = t.getItem2().get(i);
                    Uni<Map<String, Counts>> counted = summarised(w) && summed.missing().isEmpty()
                            ? Uni.createFrom().item(summed.counts()) : unitGroupCounts(m, w);
                    points.add(counted.map(c -> {
                        Counts mine = withCommitments(m, c, committed).getOrDefault(unit, Counts.ZERO);
                        return new TrendPoint(w, mine, Figures.of(mine), decision766.score(mine));
                    }));
                }
                // one at a time: a year of months must not take twelve connections at once
                return Uni.join().all(points).usingConcurrencyOf(1).andFailFast();
            });
        });
    }

    public Uni<List<Breakdown>> breakdown(String unit, Scope scope, Period period, FigureQueries.GroupBy by) {
        Window w = window(period);
        return Uni.combine().all().unis(units(), queries.procedures()).asTuple().chain(t -> {
            require(t.getItem1(), unit);
            Map<String, String[]> procs = t.getItem2();
            return queries.counts(members(t.getItem1(), unit, scope, w), w.start(), w.end(), by).map(m -> {
                List<Breakdown> out = new ArrayList<>();
                m.forEach((code, c) -> {
                    String[] p = procs.get(code);
                    if (by == FigureQueries.GroupBy.PROCEDURE) {
                        out.add(new Breakdown(code, p == null ? null : p[0], p == null ? null : p[1],
                                p == null ? null : p[2], c, Figures.of(c)));
                    } else {
                        String name = procs.values().stream().filter(x -> code.equals(x[1])).map(x -> x[2])
                                .findFirst().orElse(null);
                        out.add(new Breakdown(code, name, code, name, c, Figures.of(c)));
                    }
                });
                out.sort(Comparator.comparing(Breakdown::code));
                return out;
            });
        });
    }

    public Uni<List<FigureQueries.DossierLine>> dossiers(String unit, Scope scope, Period period, String figure,
                                                          String procedure, String field, int limit, int offset) {
        Window w = window(period);
        return units().chain(tree -> {
            require(tree, unit);
            return queries.dossiers(members(tree, unit, scope, w), w.start(), w.end(), figure, procedure, field,
                    limit, offset);
        });
    }

    public Uni<List<FigureQueries.StepLine>> steps(String unit, Scope scope, Period period) {
        Window w = window(period);
        return units().chain(tree -> {
            require(tree, unit);
            return queries.steps(List.copyOf(members(tree, unit, scope, w).keySet()), w.start(), w.end());
        });
    }

    public Uni<List<FigureQueries.LateStep>> lateSteps(String unit, Scope scope, Period period, int limit) {
        Window w = window(period);
        return units().chain(tree -> {
            require(tree, unit);
            return queries.lateSteps(List.copyOf(members(tree, unit, scope, w).keySet()), w.start(), w.end(), limit);
        });
    }
}
