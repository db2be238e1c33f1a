package vn.motcua.reporting.query;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.reporting.domain.Counts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL behind every figure. One statement marks, for each dossier of the selected units, what it counts as in
 * the period (received, completed, in progress at period end...); the scorecards add the marks up and the
 * drill-down lists the dossiers carrying a mark, so a figure and its list cannot disagree.
 *
 * <p>"At period end" is taken as it was then: the due in force at the end comes from the dossier's due history,
 * and a wait for the applicant that was running at the end stops the clock (not yet due if the due had not passed
 * when the wait began).
 */
@ApplicationScoped
public class FigureQueries {

    /** What the figures are grouped by. */
    public enum GroupBy { UNIT_GROUP, PROCEDURE, FIELD }


    private static Map<String, String> figures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("received", "is_received");
        m.put("receivedOnline", "is_received and channel = 'ONLINE'");
        m.put("receivedPostal", "is_received and channel = 'POSTAL'");
        m.put("receivedFullyOnlineProcedure", "is_received and online_level = 'FULLY_ONLINE'");
        m.put("refusedAtReception", "is_refused");
        m.put("withdrawn", "is_withdrawn");
        m.put("completed", "is_completed");
        m.put("early", "is_completed and record_timeliness = 'EARLY'");
        m.put("onTime", "is_completed and record_timeliness = 'ON_TIME'");
        m.put("late", "is_completed and record_timeliness = 'LATE'");
        m.put("inProgress", "is_in_progress");
        m.put("overdueOpen", "is_overdue_open");
        m.put("nationalOnTime", "is_nat_ontime_completed or is_nat_notdue_open");
        m.put("nationalLate", "(is_completed and not is_nat_ontime_completed) or (is_in_progress and not is_nat_notdue_open)");
        m.put("returned", "is_returned");
        m.put("returnedPostal", "is_returned and return_channel = 'POSTAL'");
        m.put("lateOrOverdue", "is_late_or_overdue");
        m.put("apologizedInTime", "is_late_or_overdue and is_apologized");
        m.put("apologyMissing", "is_late_or_overdue and not is_apologized");
        m.put("apologizedInformed", "is_late_or_overdue and is_apologized and is_informed");
        m.put("apologizedNotInformed", "is_late_or_overdue and is_apologized and not is_informed");
        PORTAL.forEach((figure, mark) -> m.put(figure, mark.predicate()));
        return Map.copyOf(m);
    }

    /** A Decision 766 count of {@link Counts.Indicators}: its drill-down figure, predicate and summed column. */
    record Mark(String predicate, String column) {
    }

    /**
     * Online payment, digitisation and the national-portal sync (DOMAIN.md §7, §9), each counted and listed by the
     * same predicate. Their drill-downs list exactly the dossiers a count holds; the "not" ones list the rest of the
     * denominator, with the reason in the line (payment channel, digitised, electronic result, sync state).
     */
    static final Map<String, Mark> PORTAL = portalMarks();

    /** The marks a drill-down can list; each is a boolean column of the marking statement (after PORTAL: it uses it). */
    public static final Map<String, String> FIGURES = figures();

    private static Map<String, Mark> portalMarks() {
        String result = "is_completed and completion_kind = 'PROCESSED' and result_electronic is not null";
        Map<String, Mark> m = new LinkedHashMap<>();
        m.put("paid", new Mark("is_paid", "paid"));
        m.put("paidOnline", new Mark("is_paid and paid_online", "paid_online"));
        m.put("paidAtDesk", new Mark("is_paid and not paid_online", null));
        m.put("digitisationRecorded", new Mark("is_received and digitised_all is not null", "digitisation_recorded"));
        m.put("digitised", new Mark("is_received and digitised_all", "digitised"));
        m.put("notDigitised", new Mark("is_received and not digitised_all", null));
        m.put("resultsRecorded", new Mark(result, "results_recorded"));
        m.put("resultsElectronic", new Mark(result + " and result_electronic", "results_electronic"));
        m.put("resultsOnPaper", new Mark(result + " and not result_electronic", null));
        m.put("syncAnswered", new Mark("is_received and sync_state is not null", "sync_answered"));
        m.put("synchronised", new Mark("is_received and sync_state = 'SYNCED'", "synced"));
        m.put("notSynchronised", new Mark("is_received and sync_state is distinct from 'SYNCED'", null));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Counts.Indicators portal(Row r) {
        return new Counts.Indicators(r.getLong("paid"), r.getLong("paid_online"), r.getLong("digitisation_recorded"),
                r.getLong("digitised"), r.getLong("results_recorded"), r.getLong("results_electronic"),
                r.getLong("sync_answered"), r.getLong("synced"));
    }

    private static final String MARKS = """
            with g as (select * from unnest($1::text[], $2::text[]) as g(unit_code, grp)),
            f as (
              select g.grp, d.*, pr.field_code, pr.field_name_vi,
                coalesce(d.received_at >= $3 and d.received_at < $4, false) as is_received,
                coalesce(d.refused_at_reception >= $3 and d.refused_at_reception < $4, false) as is_refused,
                coalesce(d.withdrawn_at >= $3 and d.withdrawn_at < $4, false) as is_withdrawn,
                coalesce(d.completed_at >= $3 and d.completed_at < $4, false) as is_completed,
                coalesce(d.received_at < $4 and (d.completed_at is null or d.completed_at >= $4)
                    and (d.withdrawn_at is null or d.withdrawn_at >= $4), false) as is_in_progress,
                coalesce(d.returned_at >= $3 and d.returned_at < $4, false) as is_returned,
                coalesce(d.paid_at >= $3 and d.paid_at < $4, false) as is_paid
              from g join dossier_fact d on d.competent_unit = g.unit_code
                left join procedure pr on pr.code = d.procedure_code
              -- relevant_until: open dossiers always, closed ones until their last completion, return,
              -- withdrawal or refusal (V2 migration)
              where d.entered_at < $4 and d.relevant_until >= $3 /*narrowing*/
            ),
            x as (
              select f.*,
                f.is_in_progress and coalesce(f.overdue_at < $4, false) as is_overdue_open,
                f.is_completed and f.national_timeliness <> 'LATE' as is_nat_ontime_completed,
                f.is_in_progress and (f.second_supplement_at is null or f.second_supplement_at >= $4) and (
                    case when nd.due is null then true
                         when ws.since is not null then nd.due > ws.since
                         else nd.due >= $4 end) as is_nat_notdue_open,
                (f.is_completed and f.record_timeliness = 'LATE')
                    or (f.is_in_progress and coalesce(f.overdue_at < $4, false)) as is_late_or_overdue,
                coalesce(f.apology_timely and f.apology_at < $4, false) as is_apologized,
                coalesce(f.apology_informed_at < $4, false) as is_informed
              from f
              left join lateral (
                select case when f.last_due_change_at is null or f.last_due_change_at < $4 then f.national_due_at
                  else (select (h->>'nationalAt')::timestamptz from jsonb_array_elements(f.due_history) h
                        where (h->>'from')::timestamptz < $4
                        order by (h->>'from')::timestamptz desc limit 1) end as due) nd on f.is_in_progress
              left join lateral (
                select (w->>'from')::timestamptz as since from jsonb_array_elements(f.waits) w
                where (w->>'from')::timestamptz < $4 and (w->>'to' is null or (w->>'to')::timestamptz >= $4)
                limit 1) ws on f.is_in_progress
            )
            """;

    /**
     * Every summed column of the dossier counts, in order: its name (in the statement's result and in
     * {@code unit_period_summary}) and its aggregate over the marked rows of one group.
     */
    static final Map<String, String> SUM_COLUMNS = sumColumns();

    private static Map<String, String> sumColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        PORTAL.values().stream().filter(mark -> mark.column() != null).forEach(mark ->
                m.put(mark.column(), "count(*) filter (where " + mark.predicate() + ")"));
        m.put("received", "count(*) filter (where is_received)");
        m.put("received_online", "count(*) filter (where is_received and channel = 'ONLINE')");
        m.put("received_postal", "count(*) filter (where is_received and channel = 'POSTAL')");
        m.put("received_fo", "count(*) filter (where is_received and online_level = 'FULLY_ONLINE')");
        m.put("received_online_fo",
                "count(*) filter (where is_received and online_level = 'FULLY_ONLINE' and channel = 'ONLINE')");
        m.put("refused", "count(*) filter (where is_refused)");
        m.put("withdrawn", "count(*) filter (where is_withdrawn)");
        m.put("completed", "count(*) filter (where is_completed)");
        m.put("early", "count(*) filter (where is_completed and record_timeliness = 'EARLY')");
        m.put("on_time", "count(*) filter (where is_completed and record_timeliness = 'ON_TIME')");
        m.put("late", "count(*) filter (where is_completed and record_timeliness = 'LATE')");
        m.put("in_progress", "count(*) filter (where is_in_progress)");
        m.put("overdue_open", "count(*) filter (where is_overdue_open)");
        m.put("nat_ontime_completed", "count(*) filter (where is_nat_ontime_completed)");
        m.put("nat_notdue_open", "count(*) filter (where is_nat_notdue_open)");
        m.put("returned", "count(*) filter (where is_returned)");
        m.put("returned_postal", "count(*) filter (where is_returned and return_channel = 'POSTAL')");
        m.put("late_or_overdue", "count(*) filter (where is_late_or_overdue)");
        m.put("apologized", "count(*) filter (where is_late_or_overdue and is_apologized)");
        m.put("apologized_informed", "count(*) filter (where is_late_or_overdue and is_apologized and is_informed)");
        m.put("used_sum", "coalesce(sum(used_ratio) filter (where is_completed and used_ratio is not null), 0)");
        m.put("used_count", "count(*) filter (where is_completed and used_ratio is not null)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The dossier counts per group of the marked rows; {@code %s} is the group expression. */
    private static final String SUMS = "select %s as grp,\n" + SUM_COLUMNS.entrySet().stream()
            .map(e -> "  " + e.getValue() + " as " + e.getKey()).collect(Collectors.joining(",\n"))
            + "\nfrom x group by 1\n";

    /** What a unit's ratings count ({@code r}: its rating_fact rows of the period). */
    private static final String RATING_SUMS = """
            count(*) filter (where r.valid) as ratings,
              count(*) filter (where r.valid and r.satisfied) as satisfied,
              count(*) filter (where r.valid and (r.disliked or r.complaint)) as disliked,
              count(*) filter (where not r.valid and r.status = 'INVALID') as invalid""";
    private static final String[] RATING_COLUMNS = {"ratings", "satisfied", "disliked", "invalid"};

    /** What a unit's notices count ({@code n}: its notice_fact rows whose latest receipt fell in the period). */
    private static final String NOTICE_SUMS =
            "count(*) as notices_sent, count(*) filter (where n.delivered) as notices_delivered";
    private static final String[] NOTICE_COLUMNS = {"notices_sent", "notices_delivered"};

    /** The columns of {@code unit_period_summary} after its key: the dossier marks, then ratings and notices. */
    private static final List<String> SUMMARY_COLUMNS = java.util.stream.Stream.of(
            SUM_COLUMNS.keySet().stream(), java.util.Arrays.stream(RATING_COLUMNS),
            java.util.Arrays.stream(NOTICE_COLUMNS)).flatMap(c -> c).toList();

    /**
     * Stores the counts of a closed period for each unit of $1 (also $2: each unit its own group), a zero row for a
     * unit without dossiers, in one statement: one snapshot of the facts.
     */
    private static final String STORE_SUMMARIES = MARKS + ", s as (" + SUMS.formatted("grp") + ")\n"
            + "insert into unit_period_summary (unit_code, period_start, period_end, "
            + String.join(", ", SUMMARY_COLUMNS) + ")\n"
            + "select u.code, $3, $4, " + SUM_COLUMNS.keySet().stream().map(c -> "coalesce(s." + c + ", 0)")
            .collect(Collectors.joining(", ")) + ", rt.*, nt.*"
            + "\nfrom unnest($1::text[]) u(code) left join s on s.grp = u.code\n"
            + "  cross join lateral (select " + RATING_SUMS + " from rating_fact r"
            + " where r.unit_code = u.code and r.rated_at >= $3 and r.rated_at < $4) rt\n"
            + "  cross join lateral (select " + NOTICE_SUMS + " from notice_fact n"
            + " where n.competent_unit = u.code and n.at >= $3 and n.at < $4) nt\n"
            + "on conflict (unit_code, period_start, period_end) do nothing";

    /**
     * The stored counts of closed periods summed per question and group, and per group the units not stored (yet):
     * $1 each row's question (an index), $2 its unit, $3 the unit's group, $4 and $5 the period.
     */
    private static final String SUMMED = "select g.ask, g.grp, array_agg(g.unit_code) filter (where s.unit_code"
            + " is null) as missing,\n" + SUMMARY_COLUMNS.stream()
            .map(c -> "  coalesce(sum(s." + c + "), 0)" + (c.equals("used_sum") ? "" : "::bigint") + " as " + c)
            .collect(Collectors.joining(",\n"))
            + "\nfrom unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])"
            + " as g(ask, unit_code, grp, period_start, period_end)\n"
            + "  left join unit_period_summary s on s.unit_code = g.unit_code and s.period_start = g.period_start"
            + " and s.period_end = g.period_end\ngroup by g.ask, g.grp";

    private final Pool pool;

    public FigureQueries(Pool pool) {
        this.pool = pool;
    }

    static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String groupExpression(GroupBy by) {
        return switch (by) {
            case UNIT_GROUP -> "grp";
            case PROCEDURE -> "procedure_code";
            case FIELD -> "coalesce(field_code, '-')";
        };
    }

    /** Dossier counts per group; {@code memberToGroup} maps each competent unit to the group it counts in. */
    public Uni<Map<String, Counts>> counts(Map<String, String> memberToGroup, Instant start, Instant end, GroupBy by) {
        Tuple args = Tuple.of(memberToGroup.keySet().toArray(String[]::new),
                memberToGroup.values().toArray(String[]::new), ts(start), ts(end));
        return pool.preparedQuery(MARKS + SUMS.formatted(groupExpression(by))).execute(args).map(rows -> {
            Map<String, Counts> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(r.getString("grp"), counts(r));
            }
            return out;
        });
    }

    /**
     * The counts of a closed period per group of units (dossiers, ratings, notices: {@link #unitGroupCounts}), added
     * up from the units' stored summaries. A unit whose summary is missing (never asked for, or dropped by a
     * projection because a fact of the period changed) is summarised first and stored; where a projection is writing
     * that unit's facts right now, the whole answer is counted from the facts instead, never from a stale summary.
     */
    public Uni<Map<String, Counts>> closedPeriodCounts(Map<String, String> memberToGroup, Instant start, Instant end) {
        return summed(memberToGroup, start, end).chain(first -> {
            if (first.missing().isEmpty()) {
                return Uni.createFrom().item(first.counts());
            }
            return summarise(first.missing(), start, end)
                    .chain(() -> summed(memberToGroup, start, end))
                    .chain(second -> second.missing().isEmpty() ? Uni.createFrom().item(second.counts())
                            : unitGroupCounts(memberToGroup, start, end));
        });
    }

    /** Stores the summaries of a closed period that these units do not have (yet): what the first asker would. */
    public Uni<Void> storeMissingSummaries(List<String> units, Instant start, Instant end) {
        Map<String, String> each = new LinkedHashMap<>();
        units.forEach(u -> each.put(u, u));
        return summed(each, start, end).chain(s -> s.missing().isEmpty() ? Uni.createFrom().voidItem()
                : summarise(s.missing(), start, end));
    }

    /** A closed period's counts per group of units, added up from what is stored, and the units not stored. */
    public record Summed(Map<String, Counts> counts, List<String> missing) {
    }

    /** One question about a period: which units count, each in which group. */
    public record Ask(Map<String, String> memberToGroup, Instant start, Instant end) {
    }

    private Uni<Summed> summed(Map<String, String> memberToGroup, Instant start, Instant end) {
        return storedCounts(List.of(new Ask(memberToGroup, start, end))).map(all -> all.get(0));
    }

    /**
     * The stored summaries of many closed periods, summed per question and group in one statement (a year of months
     * at once): per question, the counts and the units whose summary is not stored.
     */
    public Uni<List<Summed>> storedCounts(List<Ask> asks) {
        List<Integer> ask = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<OffsetDateTime> starts = new ArrayList<>();
        List<OffsetDateTime> ends = new ArrayList<>();
        for (int i = 0; i < asks.size(); i++) {
            for (Map.Entry<String, String> m : asks.get(i).memberToGroup().entrySet()) {
                ask.add(i);
                units.add(m.getKey());
                groups.add(m.getValue());
                starts.add(ts(asks.get(i).start()));
                ends.add(ts(asks.get(i).end()));
            }
        }
        Tuple args = Tuple.of(ask.toArray(Integer[]::new), units.toArray(String[]::new),
                groups.toArray(String[]::new), starts.toArray(OffsetDateTime[]::new),
                ends.toArray(OffsetDateTime[]::new));
        return pool.preparedQuery(SUMMED).execute(args).map(rows -> {
            List<Map<String, Counts>> counts = new ArrayList<>();
            List<List<String>> missing = new ArrayList<>();
            for (int i = 0; i < asks.size(); i++) {
                counts.add(new LinkedHashMap<>());
                missing.add(new ArrayList<>());
            }
            for (Row r : rows) {
                int i = r.getInteger("ask");
                counts.get(i).put(r.getString("grp"), counts(r).withRatings(r.getLong("ratings"),
                                r.getLong("satisfied"), r.getLong("disliked"), r.getLong("invalid"))
                        .withNotices(r.getLong("notices_sent"), r.getLong("notices_delivered")));
                String[] m = r.getArrayOfStrings("missing");
                if (m != null) {
                    missing.get(i).addAll(List.of(m));
                }
            }
            List<Summed> out = new ArrayList<>();
            for (int i = 0; i < asks.size(); i++) {
                out.add(new Summed(counts.get(i), missing.get(i)));
            }
            return out;
        });
    }

    /**
     * Summarises these units' closed period, in one transaction that holds the shared side of each unit's summary
     * lock: the projection takes the exclusive side before it drops summaries and changes facts, so a summary is
     * never stored from facts a concurrent change has just made stale. A unit whose lock the projection holds is
     * skipped, not waited for.
     */
    private Uni<Void> summarise(List<String> units, Instant start, Instant end) {
        String[] codes = units.toArray(String[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery("select coalesce(array_agg(u), '{}') as locked"
                        + " from unnest($1::text[]) u where pg_try_advisory_xact_lock_shared("
                        + vn.motcua.support.AdvisoryLock.reportingUnitSummary("u") + ")")
                .execute(Tuple.of(codes)).chain(rows -> {
                    String[] locked = rows.iterator().next().getArrayOfStrings("locked");
                    if (locked.length == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return conn.preparedQuery(STORE_SUMMARIES)
                            .execute(Tuple.of(locked, locked, ts(start), ts(end))).replaceWithVoid();
                }));
    }

    private static Counts counts(Row r) {
        return new Counts(r.getLong("received"), r.getLong("received_online"),
                r.getLong("received_postal"), r.getLong("received_fo"), r.getLong("received_online_fo"),
                r.getLong("refused"), r.getLong("withdrawn"), r.getLong("completed"), r.getLong("early"),
                r.getLong("on_time"), r.getLong("late"), r.getLong("in_progress"), r.getLong("overdue_open"),
                r.getLong("nat_ontime_completed"), r.getLong("nat_notdue_open"), r.getLong("returned"),
                r.getLong("returned_postal"), r.getLong("late_or_overdue"), r.getLong("apologized"),
                r.getBigDecimal("used_sum"), r.getLong("used_count"), 0, 0, 0, 0, 0, 0,
                r.getLong("apologized_informed"), 0, 0, portal(r));
    }

    /** Ratings per group: valid, satisfied (level 4–5), disliked (1–2) or complained, invalid ballots. */
    public Uni<Map<String, long[]>> ratings(Map<String, String> memberToGroup, Instant start, Instant end) {
        return countsPerGroup(memberToGroup, start, end, "select g.grp, " + RATING_SUMS + """

                from unnest($1::text[], $2::text[]) as g(unit_code, grp)
                  join rating_fact r on r.unit_code = g.unit_code
                where r.rated_at >= $3 and r.rated_at < $4 group by g.grp""", RATING_COLUMNS);
    }

    /** Notices to applicants per group whose (latest) receipt fell in the period: {sent, delivered}. */
    public Uni<Map<String, long[]>> notices(Map<String, String> memberToGroup, Instant start, Instant end) {
        return countsPerGroup(memberToGroup, start, end, "select g.grp, " + NOTICE_SUMS + """

                from unnest($1::text[], $2::text[]) as g(unit_code, grp)
                  join notice_fact n on n.competent_unit = g.unit_code
                where n.at >= $3 and n.at < $4 group by g.grp""", NOTICE_COLUMNS);
    }

    /**
     * Dossier counts, ratings and notices per group of units, counted from the facts: what a stored summary holds
     * (without the procedure commitments, which are the catalog's on the period's last day).
     */
    public Uni<Map<String, Counts>> unitGroupCounts(Map<String, String> memberToGroup, Instant start, Instant end) {
        return Uni.combine().all().unis(counts(memberToGroup, start, end, GroupBy.UNIT_GROUP),
                ratings(memberToGroup, start, end), notices(memberToGroup, start, end)).asTuple().map(t -> {
                    Map<String, Counts> out = new LinkedHashMap<>();
                    for (String g : new java.util.LinkedHashSet<>(memberToGroup.values())) {
                        Counts c = t.getItem1().getOrDefault(g, Counts.ZERO);
                        long[] r = t.getItem2().get(g);
                        if (r != null) {
                            c = c.withRatings(r[0], r[1], r[2], r[3]);
                        }
                        long[] n = t.getItem3().get(g);
                        if (n != null) {
                            c = c.withNotices(n[0], n[1]);
                        }
                        out.put(g, c);
                    }
                    return out;
                });
    }

    /** Runs a per-group count over a period ($1 units, $2 their groups, $3 start, $4 end): the columns, by group. */
    private Uni<Map<String, long[]>> countsPerGroup(Map<String, String> memberToGroup, Instant start, Instant end,
                                                   String sql, String... columns) {
        Tuple args = Tuple.of(memberToGroup.keySet().toArray(String[]::new),
                memberToGroup.values().toArray(String[]::new), ts(start), ts(end));
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            Map<String, long[]> out = new HashMap<>();
            for (Row r : rows) {
                long[] values = new long[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = r.getLong(columns[i]);
                }
                out.put(r.getString("grp"), values);
            }
            return out;
        });
    }

    /** Procedures the units handle on a day, and how many of them have a shorter committed time then. */
    public Uni<Map<String, long[]>> commitments(Map<String, String> memberToGroup, LocalDate day) {
        return commitments(List.of(memberToGroup), List.of(day)).map(all -> all.get(0));
    }

    /** {@link #commitments(Map, LocalDate)} for many days in one statement: the i-th units on the i-th day. */
    public Uni<List<Map<String, long[]>>> commitments(List<Map<String, String>> memberToGroup, List<LocalDate> days) {
        List<Integer> ask = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<LocalDate> on = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            for (Map.Entry<String, String> m : memberToGroup.get(i).entrySet()) {
                ask.add(i);
                units.add(m.getKey());
                groups.add(m.getValue());
                on.add(days.get(i));
            }
        }
        Tuple args = Tuple.of(ask.toArray(Integer[]::new), units.toArray(String[]::new),
                groups.toArray(String[]::new), on.toArray(LocalDate[]::new));
        return pool.preparedQuery("""
                        select g.ask, g.grp, count(*) as procedures,
                          count(*) filter (where exists (select 1 from commitment_period c
                              where c.unit_code = u.code and c.procedure_code = p.code and c.effective_from <= g.day
                                and (c.effective_to is null or c.effective_to >= g.day))) as committed
                        from unnest($1::int[], $2::text[], $3::text[], $4::date[]) as g(ask, unit_code, grp, day)
                          join unit u on u.code = g.unit_code
                          join procedure p on u.type = any(p.competent_unit_types)
                        where (p.abolished_on is null or p.abolished_on > g.day)
                          and exists (select 1 from procedure_version v where v.procedure_code = p.code
                              and v.effective_from <= g.day and (v.effective_to is null or v.effective_to >= g.day))
                        group by g.ask, g.grp""")
                .execute(args).map(rows -> {
                    List<Map<String, long[]>> out = new ArrayList<>();
                    for (int i = 0; i < days.size(); i++) {
                        out.add(new HashMap<>());
                    }
                    for (Row r : rows) {
                        out.get(r.getInteger("ask")).put(r.getString("grp"),
                                new long[]{r.getLong("procedures"), r.getLong("committed")});
                    }
                    return out;
                });
    }

    /** One dossier behind a figure. */
    public record DossierLine(String dossierCode, String competentUnit, String receivingUnit, String procedureCode,
                              String procedureNameVi, String fieldCode, String channel, OffsetDateTime receivedAt,
                              OffsetDateTime dueOfRecordAt, LocalDate dueOfRecordDate, OffsetDateTime nationalDueAt,
                              LocalDate rescheduledDueDate, int supplementRequests, OffsetDateTime apologyAt,
                              String apologyUnit, OffsetDateTime overdueAt, OffsetDateTime completedAt,
                              String completionKind, String recordTimeliness, String nationalTimeliness,
                              OffsetDateTime returnedAt, String returnChannel, OffsetDateTime withdrawnAt,
                              String currentUnit, OffsetDateTime paidAt, String paymentChannel, Boolean digitisedAll,
                              Boolean resultElectronic, String syncState, OffsetDateTime syncAt,
                              String syncErrorCode, String syncErrorMessage) {
    }

    /**
     * A dossier's overdue interval, from going overdue until it is completed or withdrawn (open: unbounded): the
     * expression of the GiST index {@code dossier_fact_overdue_during} (V10), so overdue at an instant reads only
     * the dossiers overdue then. Every dossier overdue and in progress at {@code t} has {@code t} in it.
     */
    static final String OVERDUE_DURING = "tstzrange(d.overdue_at, greatest(d.overdue_at,"
            + " least(coalesce(d.completed_at, 'infinity'), coalesce(d.withdrawn_at, 'infinity'))), '[]')";

    /**
     * A step's interval as a point, its start and its end in seconds since 2000 (open: 1e12; an end recorded before
     * the start counts as the start): the expression of the GiST index {@code dossier_step_open_during} (V12), kept
     * equal to it. Every step started by {@code $3} and not ended before {@code $2} lies in the box, so the
     * condition only narrows what the statement's own conditions select.
     */
    static final String STEP_OPEN_DURING = "point(date_part('epoch', s.started_at - timestamptz '2000-01-01 00:00:00+00'),"
            + " case when s.ended_at is null then 1e12::float8 else date_part('epoch', greatest(s.ended_at, s.started_at)"
            + " - timestamptz '2000-01-01 00:00:00+00') end)"
            + " <@ box(point(-1e12, date_part('epoch', $2::timestamptz - timestamptz '2000-01-01 00:00:00+00')),"
            + " point(date_part('epoch', $3::timestamptz - timestamptz '2000-01-01 00:00:00+00'), 1e12))";

    /**
     * For a drill-down, a condition on the facts that every dossier carrying the mark meets and few others do, so
     * the statement reads those few (through an index of their own) instead of every dossier of the period. The
     * dashboard lists the dossiers overdue at period end on every page.
     */
    private static final Map<String, String> NARROWING = Map.of(
            "overdueOpen", "and d.overdue_at is not null and d.overdue_at < $4 and " + OVERDUE_DURING
                    + " @> $4::timestamptz");

    /** The dossiers carrying a mark, optionally of one procedure or field, ordered by reception. */
    public Uni<List<DossierLine>> dossiers(Map<String, String> memberToGroup, Instant start, Instant end,
                                           String figure, String procedure, String field, int limit, int offset) {
        String predicate = FIGURES.get(figure);
        if (predicate == null) {
            throw new IllegalArgumentException("unknown figure " + figure);
        }
        Tuple args = Tuple.of(memberToGroup.keySet().toArray(String[]::new),
                memberToGroup.values().toArray(String[]::new), ts(start), ts(end), procedure, field)
                .addInteger(limit).addInteger(offset);
        String sql = MARKS.replace("/*narrowing*/", NARROWING.getOrDefault(figure, ""))
                + "select * from x where (" + predicate + ")"
                + " and ($5::text is null or procedure_code = $5) and ($6::text is null or field_code = $6)"
                + " order by coalesce(received_at, refused_at_reception), dossier_code limit $7 offset $8";
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<DossierLine> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new DossierLine(r.getString("dossier_code"), r.getString("competent_unit"),
                        r.getString("receiving_unit"), r.getString("procedure_code"),
                        r.getString("procedure_name_vi"), r.getString("field_code"), r.getString("channel"),
                        r.getOffsetDateTime("received_at"), r.getOffsetDateTime("due_record_at"),
                        r.getLocalDate("due_record_date"), r.getOffsetDateTime("national_due_at"),
                        r.getLocalDate("rescheduled_due_date"), r.getInteger("supplement_requests"),
                        r.getOffsetDateTime("apology_at"), r.getString("apology_unit"),
                        r.getOffsetDateTime("overdue_at"), r.getOffsetDateTime("completed_at"),
                        r.getString("completion_kind"), r.getString("record_timeliness"),
                        r.getString("national_timeliness"), r.getOffsetDateTime("returned_at"),
                        r.getString("return_channel"), r.getOffsetDateTime("withdrawn_at"),
                        r.getString("current_unit"), r.getOffsetDateTime("paid_at"), r.getString("payment_channel"),
                        r.getBoolean("digitised_all"), r.getBoolean("result_electronic"), r.getString("sync_state"),
                        r.getOffsetDateTime("sync_at"), r.getString("sync_error_code"),
                        r.getString("sync_error_message")));
            }
            return out;
        });
    }

    /** Time per handling unit and step against the step deadline: steps open during the period. */
    public record StepLine(String unitCode, String stepName, long steps, long late, BigDecimal averageHours,
                           BigDecimal delayHours) {
    }

    public Uni<List<StepLine>> steps(List<String> handlingUnits, Instant start, Instant end) {
        Tuple args = Tuple.of(handlingUnits.toArray(String[]::new), ts(start), ts(end));
        return pool.preparedQuery("""
                        select s.unit_code, s.step_name, count(*) as steps,
                          count(*) filter (where s.deadline is not null and coalesce(s.ended_at, $3) > s.deadline) as late,
                          round(avg(extract(epoch from (coalesce(s.ended_at, $3) - s.started_at)) / 3600)::numeric, 2) as avg_hours,
                          round(coalesce(sum(extract(epoch from (coalesce(s.ended_at, $3) - s.deadline)) / 3600)
                              filter (where s.deadline is not null and coalesce(s.ended_at, $3) > s.deadline), 0)::numeric, 2) as delay_hours
                        from dossier_step s
                        where s.unit_code = any($1) and s.started_at < $3 and (s.ended_at is null or s.ended_at >= $2)
                          and\s""" + STEP_OPEN_DURING + """
                        group by s.unit_code, s.step_name order by late desc, s.unit_code, s.step_name""")
                .execute(args).map(rows -> {
                    List<StepLine> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new StepLine(r.getString("unit_code"), r.getString("step_name"), r.getLong("steps"),
                                r.getLong("late"), r.getBigDecimal("avg_hours"), r.getBigDecimal("delay_hours")));
                    }
                    return out;
                });
    }

    /** A late step with its dossier: where a delay happened. */
    public record LateStep(String dossierCode, String competentUnit, String unitCode, String stepName,
                           OffsetDateTime startedAt, OffsetDateTime deadline, OffsetDateTime endedAt) {
    }

    /**
     * The steps late during a period ($2, $3) of the handling units $1, the earliest deadline first (then the dossier
     * code, then the step), at most $4. The steps are read once, through the interval index; only those with a
     * deadline up to the $4-th earliest (ties included) are joined to their dossiers for the code, not the thousands
     * a province has.
     */
    static final String LATE_STEPS = """
                        with late as materialized (
                          select s.* from dossier_step s
                          where s.unit_code = any($1) and s.started_at < $3 and (s.ended_at is null or s.ended_at >= $2)
                            and s.deadline is not null and coalesce(s.ended_at, $3) > s.deadline
                            and\s""" + STEP_OPEN_DURING + """
                        ),
                        cut as (select deadline from late order by deadline offset greatest($4 - 1, 0) limit 1)
                        select d.dossier_code, s.competent_unit, s.unit_code, s.step_name, s.started_at, s.deadline, s.ended_at
                        from late s join dossier_fact d on d.dossier_id = s.dossier_id
                        where s.deadline <= coalesce((select deadline from cut), 'infinity')
                        order by s.deadline, d.dossier_code, s.number limit $4""";

    public Uni<List<LateStep>> lateSteps(List<String> handlingUnits, Instant start, Instant end, int limit) {
        Tuple args = Tuple.of(handlingUnits.toArray(String[]::new), ts(start), ts(end), limit);
        return pool.preparedQuery(LATE_STEPS)
                .execute(args).map(rows -> {
                    List<LateStep> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new LateStep(r.getString("dossier_code"), r.getString("competent_unit"),
                                r.getString("unit_code"), r.getString("step_name"), r.getOffsetDateTime("started_at"),
                                r.getOffsetDateTime("deadline"), r.getOffsetDateTime("ended_at")));
                    }
                    return out;
                });
    }

    /** A unit of the catalog tree. */
    /** A unit of the catalog replica, with the days it existed ({@code validTo} its last day; null: open). */
    public record UnitNode(String code, String nameVi, String type, String parentCode, LocalDate validFrom,
                           LocalDate validTo) {

        public boolean inForceDuring(LocalDate first, LocalDate last) {
            return vn.motcua.catalog.events.UnitSnapshot.inForceDuring(validFrom, validTo, first, last);
        }
    }

    public Uni<Map<String, UnitNode>> units() {
        return pool.query("select code, name_vi, type, parent_code, valid_from, valid_to from unit order by code").execute().map(rows -> {
            Map<String, UnitNode> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(r.getString("code"), new UnitNode(r.getString("code"), r.getString("name_vi"),
                        r.getString("type"), r.getString("parent_code"), r.getLocalDate("valid_from"),
                        r.getLocalDate("valid_to")));
            }
            return out;
        });
    }

    /** Names of procedures and fields, for labels. */
    public Uni<Map<String, String[]>> procedures() {
        return pool.query("select code, name_vi, field_code, field_name_vi from procedure").execute().map(rows -> {
            Map<String, String[]> out = new HashMap<>();
            for (Row r : rows) {
                out.put(r.getString("code"), new String[]{r.getString("name_vi"), r.getString("field_code"),
                        r.getString("field_name_vi")});
            }
            return out;
        });
    }
}
