package vn.motcua.reporting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.motcua.reporting.Feed.VIETNAM;
import static vn.motcua.reporting.Feed.dueOn;
import static vn.motcua.reporting.Feed.vn;

/**
 * A scenario of dossiers written once as plain data, published as the producers would, and every reported figure
 * checked against an expectation computed here, straight from DOMAIN.md section 6 (not from the service's code).
 * Tree: province P; departments D1, D2; D2A under D2. No working calendar is published: weekends are the days off.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ScenarioFiguresTest {

    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    // ------------------------------------------------------------------ the scenario, as data

    static final String P = "SC" + UUID.randomUUID().toString().substring(0, 6);
    static final String D1 = P + ".D1";
    static final String D2 = P + ".D2";
    static final String D2A = P + ".D2.A";

    /** Unit tree with the unit types the catalog publishes. */
    static final Map<String, String> PARENT = Map.of(D1, P, D2, P, D2A, D2);
    static final Map<String, UnitType> TYPE = Map.of(P, UnitType.PROVINCIAL_POLICE, D1, UnitType.POLICE_DIVISION,
            D2, UnitType.POLICE_DIVISION, D2A, UnitType.COMMUNE);

    record Proc(String code, int legalDays, OnlineLevel online, List<UnitType> unitTypes) {
        Types.ProcedureTerms terms() {
            return Feed.terms(code, ProcessingTime.workingDays(legalDays), null, online.name());
        }

        Types.ProcedureTerms committed(int days) {
            return Feed.terms(code, ProcessingTime.workingDays(legalDays), ProcessingTime.workingDays(days), online.name());
        }
    }

    static final Proc PA = new Proc(P + "-PA", 5, OnlineLevel.FULLY_ONLINE, List.of(UnitType.POLICE_DIVISION));
    static final Proc PB = new Proc(P + "-PB", 10, OnlineLevel.PARTLY_ONLINE,
            List.of(UnitType.POLICE_DIVISION, UnitType.COMMUNE));
    static final Proc PC = new Proc(P + "-PC", 3, OnlineLevel.NONE, List.of(UnitType.COMMUNE));
    static final List<Proc> PROCEDURES = List.of(PA, PB, PC);

    /** A unit's shorter time for a procedure, in force from a day on. */
    record Commitment(String unit, Proc proc, int days, LocalDate from) {
    }

    static final List<Commitment> COMMITMENTS = List.of(
            new Commitment(D1, PB, 7, LocalDate.parse("2026-01-01")),
            new Commitment(D2A, PC, 2, LocalDate.parse("2026-11-15")));

    enum Completion { PROCESSED, REFUSED_AFTER_APPRAISAL, STOPPED }

    /** A supplement request; when supplied, the new due of record (restart) and national due (wait subtracted). */
    record Supplement(Instant requested, Instant supplied, LocalDate dueOfRecord, LocalDate nationalDue) {
    }

    record Rating(Instant at, int overall, boolean complaint) {
    }

    /** A notice to the applicant about the case's event of that kind, delivered or given up at {@code at}. */
    record Notice(Instant at, Types.NoticeKind kind, boolean delivered) {
    }

    /** One dossier: what happened to it and when. */
    static final class Case {
        final String code;
        final String unit;
        String desk;
        final Types.Channel channel;
        final Proc proc;
        final Types.ProcedureTerms terms;
        final Instant at;
        final LocalDate due;
        boolean refusedAtReception;
        boolean imported;
        final List<Supplement> supplements = new ArrayList<>();
        LocalDate overdueOn;
        Instant apologyAt;
        LocalDate apologyNewDue;
        Instant completedAt;
        Completion completion;
        Instant returnedAt;
        Types.ReturnChannel returnChannel;
        Instant withdrawnAt;
        final List<Rating> ratings = new ArrayList<>();
        final List<Notice> notices = new ArrayList<>();
        Instant invalidBallotAt;

        Case(String code, String unit, Types.Channel channel, Proc proc, Types.ProcedureTerms terms, String at,
             String due) {
            this.code = P + "-" + code;
            this.unit = unit;
            this.desk = unit;
            this.channel = channel;
            this.proc = proc;
            this.terms = terms;
            this.at = vn(at);
            this.due = due == null ? null : LocalDate.parse(due);
        }

        Case desk(String receivingUnit) { desk = receivingUnit; return this; }
        Case refusedAtReception() { refusedAtReception = true; return this; }
        Case imported() { imported = true; return this; }
        Case overdue(String dueDate) { overdueOn = LocalDate.parse(dueDate); return this; }
        Case processed(String t) { return complete(t, Completion.PROCESSED); }
        Case refused(String t) { return complete(t, Completion.REFUSED_AFTER_APPRAISAL); }
        Case stopped(String t) { return complete(t, Completion.STOPPED); }
        Case withdrawn(String t) { withdrawnAt = vn(t); return this; }
        Case invalidBallot(String t) { invalidBallotAt = vn(t); return this; }

        Case supplement(String requested, String supplied, String dueOfRecord, String nationalDue) {
            supplements.add(new Supplement(vn(requested), vn(supplied), LocalDate.parse(dueOfRecord),
                    LocalDate.parse(nationalDue)));
            return this;
        }

        Case apology(String t, String newDue) {
            apologyAt = vn(t);
            apologyNewDue = LocalDate.parse(newDue);
            return this;
        }

        Case returned(String t, Types.ReturnChannel ch) {
            returnedAt = vn(t);
            returnChannel = ch;
            return this;
        }

        Case told(String t, Types.NoticeKind kind, boolean delivered) {
            notices.add(new Notice(vn(t), kind, delivered));
            return this;
        }

        Case rated(String t, int overall, boolean complaint) {
            ratings.add(new Rating(vn(t), overall, complaint));
            return this;
        }

        private Case complete(String t, Completion kind) {
            completedAt = vn(t);
            completion = kind;
            return this;
        }
    }

    static Case dossier(String code, String unit, Types.Channel ch, Proc proc, String at, String due) {
        return new Case(code, unit, ch, proc, proc.terms(), at, due);
    }

    static final List<Case> SCENARIO = List.of(
            // D1: early, on time, late (overdue, no apology), late but apologized in time and rescheduled
            dossier("A1", D1, Types.Channel.ONLINE, PA, "2026-10-05T09:00", "2026-10-12")
                    .processed("2026-10-08T10:00").told("2026-10-08T10:01", Types.NoticeKind.RESULT_READY, true)
                    .returned("2026-10-09T10:00", Types.ReturnChannel.ONLINE)
                    .rated("2026-10-09T12:00", 5, false),
            dossier("A2", D1, Types.Channel.COUNTER, PA, "2026-10-06T10:00", "2026-10-13")
                    .told("2026-10-06T18:00", Types.NoticeKind.RECEIPT, false)
                    .processed("2026-10-13T15:00").returned("2026-10-14T09:00", Types.ReturnChannel.COUNTER)
                    .rated("2026-10-14T12:00", 4, false),
            new Case("A3", D1, Types.Channel.POSTAL, PB, PB.committed(7), "2026-10-07T09:00", "2026-10-16")
                    .overdue("2026-10-16").processed("2026-10-20T10:00")
                    .returned("2026-10-21T10:00", Types.ReturnChannel.POSTAL).rated("2026-10-22T12:00", 2, false),
            dossier("A4", D1, Types.Channel.ONLINE, PA, "2026-10-08T09:00", "2026-10-15")
                    .apology("2026-10-13T10:00", "2026-10-20").told("2026-10-13T10:02", Types.NoticeKind.APOLOGY, true)
                    .processed("2026-10-19T16:00")
                    .returned("2026-10-20T10:00", Types.ReturnChannel.ONLINE).rated("2026-10-21T12:00", 3, true),
            // in progress at the end of October, completed early in November
            new Case("A5", D1, Types.Channel.COUNTER, PB, PB.committed(7), "2026-10-29T10:00", "2026-11-09")
                    .processed("2026-11-05T10:00").returned("2026-11-06T10:00", Types.ReturnChannel.POSTAL),
            dossier("A6", D1, Types.Channel.ONLINE, PA, "2026-10-12T09:00", "2026-10-19")
                    .withdrawn("2026-10-14T10:00"),
            dossier("A7", D1, Types.Channel.COUNTER, PB, "2026-10-15T09:00", null).refusedAtReception(),
            dossier("A8", D1, Types.Channel.ONLINE, PA, "2026-11-10T09:00", "2026-11-17")
                    .processed("2026-11-12T10:00").returned("2026-11-13T10:00", Types.ReturnChannel.ONLINE),
            // D2: supplement restart (record on time, national late: only the 3 waiting days are added)
            dossier("B1", D2, Types.Channel.COUNTER, PA, "2026-10-05T14:00", "2026-10-12")
                    .supplement("2026-10-06T09:00", "2026-10-09T09:00", "2026-10-16", "2026-10-15")
                    .processed("2026-10-16T10:00").returned("2026-10-19T10:00", Types.ReturnChannel.COUNTER)
                    .rated("2026-11-02T09:00", 5, false),
            // two supplement requests: early by record, late by the national measure
            dossier("B2", D2, Types.Channel.ONLINE, PB, "2026-10-06T09:00", "2026-10-20")
                    .supplement("2026-10-07T09:00", "2026-10-08T09:00", "2026-10-22", "2026-10-21")
                    .supplement("2026-10-09T09:00", "2026-10-12T09:00", "2026-10-26", "2026-10-22")
                    .processed("2026-10-23T10:00").returned("2026-10-26T10:00", Types.ReturnChannel.ONLINE)
                    .rated("2026-10-27T12:00", 4, false),
            // received at D1's desk for D2; overdue and still open at the end of October
            dossier("B3", D2, Types.Channel.COUNTER, PA, "2026-10-19T09:00", "2026-10-26").desk(D1)
                    .overdue("2026-10-26").processed("2026-11-04T10:00")
                    .returned("2026-11-05T10:00", Types.ReturnChannel.COUNTER),
            // waiting for a supplement at the end of October
            dossier("B4", D2, Types.Channel.COUNTER, PB, "2026-10-27T09:00", "2026-11-10")
                    .supplement("2026-10-28T09:00", "2026-11-03T09:00", "2026-11-17", "2026-11-16")
                    .processed("2026-11-16T10:00").returned("2026-11-17T10:00", Types.ReturnChannel.POSTAL),
            // D2A, under D2
            dossier("C1", D2A, Types.Channel.POSTAL, PC, "2026-10-13T09:00", "2026-10-16")
                    .refused("2026-10-15T10:00").returned("2026-10-16T10:00", Types.ReturnChannel.POSTAL)
                    .invalidBallot("2026-10-16T12:00"),
            dossier("C2", D2A, Types.Channel.COUNTER, PB, "2026-10-14T09:00", "2026-10-28")
                    .stopped("2026-10-28T15:00"),
            // open at the end of the quarter; overdue only after it
            dossier("C3", D2A, Types.Channel.COUNTER, PB, "2026-12-28T09:00", "2027-01-11").overdue("2027-01-11"),
            // imported: published after everything else, happened in September and October
            dossier("I1", D2A, Types.Channel.COUNTER, PC, "2026-09-21T09:00", "2026-09-24").imported()
                    .overdue("2026-09-24").processed("2026-10-02T10:00")
                    .returned("2026-10-05T10:00", Types.ReturnChannel.COUNTER));

    static Case byCode(String shortCode) {
        return SCENARIO.stream().filter(c -> c.code.equals(P + "-" + shortCode)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ publishing

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
            feed.unit(P, "Công an tỉnh thử", TYPE.get(P), null);
            for (String u : List.of(D1, D2, D2A)) {
                feed.unit(u, "Đơn vị " + u, TYPE.get(u), PARENT.get(u));
            }
            for (Proc p : PROCEDURES) {
                feed.procedure(p.code(), "Thủ tục " + p.code(), "F-" + P, "Lĩnh vực thử", p.unitTypes(),
                        ProcessingTime.workingDays(p.legalDays()), p.online());
            }
            for (Commitment c : COMMITMENTS) {
                feed.commitment(c.unit(), c.proc().code(), ProcessingTime.workingDays(c.days()), c.from());
            }
            SCENARIO.stream().filter(c -> !c.imported).forEach(c -> publish(feed, c));
            feed.awaitProjected();
            // the import arrives after the later dossiers are already projected
            SCENARIO.stream().filter(c -> c.imported).forEach(c -> publish(feed, c));
            feed.awaitProjected();
        }
        fed = true;
    }

    /** The events dossier-service and satisfaction-service would have emitted, in the order they happened. */
    static void publish(Feed feed, Case c) {
        Feed.DossierStream s = feed.dossier(c.code);
        if (c.refusedAtReception) {
            s.refusedAtReception(c.at, c.unit, c.terms);
            return;
        }
        s.received(c.at, c.desk, c.unit, c.channel, c.terms, dueOn(c.due.toString()));
        // dossier-service's state: due of record, national due, rescheduled due
        Types.Due[] st = {dueOn(c.due.toString()), dueOn(c.due.toString()), null};
        record Step(Instant at, Consumer<Feed.DossierStream> action) {
        }
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (Supplement sup : c.supplements) {
            int number = ++n;
            steps.add(new Step(sup.requested(), x -> x.supplementRequested(sup.requested(), number)));
            steps.add(new Step(sup.supplied(), x -> {
                Types.Due old = st[2] != null ? st[2] : st[0];
                st[0] = dueOn(sup.dueOfRecord().toString());
                st[1] = dueOn(sup.nationalDue().toString());
                x.supplementSupplied(sup.supplied()).dueChanged(sup.supplied(), Types.DueChangeReason.SUPPLEMENT_RESTART,
                        old, st[2] != null ? st[2] : st[0], st[0], st[1]);
            }));
        }
        if (c.overdueOn != null) {
            steps.add(new Step(dueOn(c.overdueOn.toString()).at(), x -> x.overdue(dueOn(c.overdueOn.toString()))));
        }
        if (c.apologyAt != null) {
            steps.add(new Step(c.apologyAt, x -> {
                Types.Due old = st[2] != null ? st[2] : st[0];
                st[2] = dueOn(c.apologyNewDue.toString());
                x.apologized(c.apologyAt, c.unit, st[2])
                        .dueChanged(c.apologyAt, Types.DueChangeReason.APOLOGY, old, st[2], st[0], st[1]);
            }));
        }
        if (c.completedAt != null) {
            steps.add(new Step(c.completedAt, x -> {
                switch (c.completion) {
                    case PROCESSED -> x.processed(c.completedAt);
                    case REFUSED_AFTER_APPRAISAL -> x.refusedAfterAppraisal(c.completedAt);
                    case STOPPED -> x.stopped(c.completedAt);
                }
            }));
        }
        if (c.returnedAt != null) {
            steps.add(new Step(c.returnedAt, x -> x.returned(c.returnedAt, c.returnChannel)));
        }
        if (c.withdrawnAt != null) {
            steps.add(new Step(c.withdrawnAt, x -> x.withdrawn(c.withdrawnAt)));
        }
        for (Rating r : c.ratings) {
            steps.add(new Step(r.at(), x -> x.rated(r.at(), r.overall(), r.complaint())));
        }
        for (Notice notice : c.notices) {
            steps.add(new Step(notice.at(), x -> x.notified(notice.at(), notice.kind(), 1, notice.delivered())));
        }
        if (c.invalidBallotAt != null) {
            steps.add(new Step(c.invalidBallotAt, x -> x.invalidBallot(c.invalidBallotAt)));
        }
        steps.sort(Comparator.comparing(Step::at)); // stable: same-instant steps keep their order
        steps.forEach(step -> step.action().accept(s));
    }

    // ------------------------------------------------------------------ the independent calculator

    /** A reporting period in Vietnam time: [first day 00:00, day after the last 00:00). */
    record Window(String name, LocalDate first, LocalDate endExclusive) {
        static Window month(String ym) {
            YearMonth m = YearMonth.parse(ym);
            return new Window(ym, m.atDay(1), m.plusMonths(1).atDay(1));
        }

        static Window quarter(int year, int q) {
            LocalDate first = LocalDate.of(year, (q - 1) * 3 + 1, 1);
            return new Window(year + "-Q" + q, first, first.plusMonths(3));
        }

        Instant start() { return first.atStartOfDay(VIETNAM).toInstant(); }
        Instant end() { return endExclusive.atStartOfDay(VIETNAM).toInstant(); }
        LocalDate lastDay() { return endExclusive.minusDays(1); }
        boolean contains(Instant t) { return t != null && !t.isBefore(start()) && t.isBefore(end()); }
    }

    static final Window SEP = Window.month("2026-09");
    static final Window OCT = Window.month("2026-10");
    static final Window NOV = Window.month("2026-11");
    static final Window Q4 = Window.quarter(2026, 4);

    /** Whose figures: a unit alone or with every unit under it. */
    record Target(String unit, String scope) {
        Set<String> members() {
            Set<String> m = new LinkedHashSet<>(List.of(unit));
            if (scope.equals("subtree")) {
                boolean grew = true;
                while (grew) {
                    grew = m.addAll(PARENT.entrySet().stream().filter(e -> m.contains(e.getValue()))
                            .map(Map.Entry::getKey).toList());
                }
            }
            return m;
        }

        @Override
        public String toString() {
            return unit.substring(P.length()).replaceFirst("^$", "P") + "/" + scope;
        }
    }

    static final List<Target> TARGETS = List.of(new Target(P, "subtree"), new Target(P, "unit"),
            new Target(D1, "unit"), new Target(D2, "unit"), new Target(D2, "subtree"), new Target(D2A, "unit"));

    static LocalDate day(Instant t) {
        return t.atZone(VIETNAM).toLocalDate();
    }

    static Instant closeOfOffice(LocalDate d) {
        return d.atTime(17, 0).atZone(VIETNAM).toInstant();
    }

    static boolean workingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The due of record in force at an instant: the last restart before it, else the due at reception. */
    static LocalDate dueOfRecordAt(Case c, Instant t) {
        LocalDate due = c.due;
        for (Supplement s : c.supplements) {
            if (s.supplied().isBefore(t)) {
                due = s.dueOfRecord();
            }
        }
        return due;
    }

    static LocalDate nationalDueAt(Case c, Instant t) {
        LocalDate due = c.due;
        for (Supplement s : c.supplements) {
            if (s.supplied().isBefore(t)) {
                due = s.nationalDue();
            }
        }
        return due;
    }

    static long requestsBefore(Case c, Instant t) {
        return c.supplements.stream().filter(s -> s.requested().isBefore(t)).count();
    }

    /** Start of a supplement wait running at an instant, or null. */
    static Instant waitingSince(Case c, Instant t) {
        return c.supplements.stream().filter(s -> s.requested().isBefore(t) && !s.supplied().isBefore(t))
                .map(Supplement::requested).findFirst().orElse(null);
    }

    enum Timeliness { EARLY, ON_TIME, LATE }

    static Timeliness recordTimeliness(Case c) {
        LocalDate due = dueOfRecordAt(c, c.completedAt);
        LocalDate done = day(c.completedAt);
        return due == null || done.isEqual(due) ? Timeliness.ON_TIME
                : done.isBefore(due) ? Timeliness.EARLY : Timeliness.LATE;
    }

    /** At least one working day d with apology day ≤ d < due of record in force then. */
    static boolean apologyInTime(Case c) {
        LocalDate due = dueOfRecordAt(c, c.apologyAt);
        for (LocalDate d = day(c.apologyAt); d.isBefore(due); d = d.plusDays(1)) {
            if (workingDay(d)) {
                return true;
            }
        }
        return false;
    }

    /** Working days after the reception day up to and including the completion day, over the legal working days. */
    static BigDecimal usedOfLegal(Case c) {
        long used = day(c.at).plusDays(1).datesUntil(day(c.completedAt).plusDays(1)).filter(ScenarioFiguresTest::workingDay)
                .count();
        return BigDecimal.valueOf(used).divide(BigDecimal.valueOf(c.proc.legalDays()), MathContext.DECIMAL64);
    }

    /** For each figure (named as the drill-down names it, plus the two national parts), its dossiers. */
    static Map<String, Set<String>> marks(Target t, Window w) {
        Set<String> members = t.members();
        Instant end = w.end();
        List<Case> own = SCENARIO.stream().filter(c -> members.contains(c.unit)).toList();
        Predicate<Case> received = c -> !c.refusedAtReception && w.contains(c.at);
        Predicate<Case> completed = c -> !c.refusedAtReception && w.contains(c.completedAt);
        Predicate<Case> inProgress = c -> !c.refusedAtReception && c.at.isBefore(end)
                && (c.completedAt == null || !c.completedAt.isBefore(end))
                && (c.withdrawnAt == null || !c.withdrawnAt.isBefore(end));
        Predicate<Case> overdueOpen = inProgress.and(c -> c.overdueOn != null && closeOfOffice(c.overdueOn).isBefore(end));
        Predicate<Case> late = completed.and(c -> recordTimeliness(c) == Timeliness.LATE);
        Predicate<Case> natOnTimeCompleted = completed.and(c -> requestsBefore(c, c.completedAt) <= 1
                && !day(c.completedAt).isAfter(nationalDueAt(c, c.completedAt)));
        Predicate<Case> natNotDueOpen = inProgress.and(c -> {
            if (requestsBefore(c, end) >= 2) {
                return false;
            }
            Instant due = closeOfOffice(nationalDueAt(c, end));
            Instant waiting = waitingSince(c, end);
            return waiting != null ? due.isAfter(waiting) : !due.isBefore(end);
        });
        Predicate<Case> lateOrOverdue = late.or(overdueOpen);
        Predicate<Case> apologized = lateOrOverdue.and(c -> c.apologyAt != null && c.apologyAt.isBefore(end)
                && apologyInTime(c));
        Predicate<Case> fullyOnlineProc = received.and(c -> c.proc.online() == OnlineLevel.FULLY_ONLINE);

        Map<String, Predicate<Case>> m = new LinkedHashMap<>();
        m.put("received", received);
        m.put("receivedOnline", received.and(c -> c.channel == Types.Channel.ONLINE));
        m.put("receivedPostal", received.and(c -> c.channel == Types.Channel.POSTAL));
        m.put("receivedFullyOnlineProcedure", fullyOnlineProc);
        m.put("receivedOnlineFullyOnlineProc", fullyOnlineProc.and(c -> c.channel == Types.Channel.ONLINE));
        m.put("refusedAtReception", c -> c.refusedAtReception && w.contains(c.at));
        m.put("withdrawn", c -> w.contains(c.withdrawnAt));
        m.put("completed", completed);
        m.put("early", completed.and(c -> recordTimeliness(c) == Timeliness.EARLY));
        m.put("onTime", completed.and(c -> recordTimeliness(c) == Timeliness.ON_TIME));
        m.put("late", late);
        m.put("inProgress", inProgress);
        m.put("overdueOpen", overdueOpen);
        m.put("nationalOnTimeCompleted", natOnTimeCompleted);
        m.put("nationalNotDueInProgress", natNotDueOpen);
        m.put("nationalOnTime", natOnTimeCompleted.or(natNotDueOpen));
        m.put("nationalLate", completed.and(natOnTimeCompleted.negate()).or(inProgress.and(natNotDueOpen.negate())));
        m.put("returned", c -> w.contains(c.returnedAt));
        m.put("returnedPostal", c -> w.contains(c.returnedAt) && c.returnChannel == Types.ReturnChannel.POSTAL);
        m.put("lateOrOverdue", lateOrOverdue);
        m.put("apologizedInTime", apologized);
        m.put("apologyMissing", lateOrOverdue.and(apologized.negate()));
        Predicate<Case> informed = c -> c.notices.stream().anyMatch(n -> n.kind() == Types.NoticeKind.APOLOGY
                && n.delivered() && n.at().isBefore(end));
        m.put("apologizedInformed", apologized.and(informed));
        m.put("apologizedNotInformed", apologized.and(informed.negate()));
        Map<String, Set<String>> out = new LinkedHashMap<>();
        m.forEach((name, p) -> out.put(name, own.stream().filter(p).map(c -> c.code)
                .collect(Collectors.toCollection(TreeSet::new))));
        return out;
    }

    /** Drill-down figures: every mark except the two national parts, which the drill-down lists as one. */
    static final List<String> DRILL_DOWN = List.of("received", "receivedOnline", "receivedPostal",
            "receivedFullyOnlineProcedure", "refusedAtReception", "withdrawn", "completed", "early", "onTime", "late",
            "inProgress", "overdueOpen", "nationalOnTime", "nationalLate", "returned", "returnedPostal",
            "lateOrOverdue", "apologizedInTime", "apologyMissing", "apologizedInformed", "apologizedNotInformed");

    /** What the scorecard should say. Decimals are exact here; the comparison says where rounding may differ. */
    record Expected(Map<String, Long> counts, Map<String, BigDecimal> figures, Map<String, BigDecimal> d766,
                    BigDecimal scorePercent) {
    }

    Expected expect(Target t, Window w) {
        Map<String, Set<String>> marks = marks(t, w);
        Map<String, Long> n = new LinkedHashMap<>();
        marks.forEach((k, v) -> n.put(k, (long) v.size()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String k : List.of("received", "receivedOnline", "receivedPostal", "receivedOnlineFullyOnlineProc",
                "refusedAtReception", "withdrawn", "completed", "early", "onTime", "late", "inProgress", "overdueOpen",
                "nationalOnTimeCompleted", "nationalNotDueInProgress", "returned", "returnedPostal", "lateOrOverdue",
                "apologizedInTime", "apologizedInformed")) {
            counts.put(k, n.get(k));
        }
        counts.put("receivedFullyOnlineProc", n.get("receivedFullyOnlineProcedure"));

        Set<String> members = t.members();
        List<Case> own = SCENARIO.stream().filter(c -> members.contains(c.unit)).toList();
        List<Case> completed = own.stream().filter(c -> marks.get("completed").contains(c.code)).toList();
        counts.put("usedRatioCount", (long) completed.size());
        List<Rating> ratings = own.stream().flatMap(c -> c.ratings.stream()).filter(r -> w.contains(r.at())).toList();
        counts.put("ratings", (long) ratings.size());
        counts.put("satisfied", ratings.stream().filter(r -> r.overall() >= 4).count());
        counts.put("dislikedOrComplained", ratings.stream().filter(r -> r.overall() <= 2 || r.complaint()).count());
        counts.put("invalidBallots", own.stream().filter(c -> w.contains(c.invalidBallotAt)).count());
        List<Notice> notices = own.stream().flatMap(c -> c.notices.stream()).filter(x -> w.contains(x.at())).toList();
        counts.put("noticesSent", (long) notices.size());
        counts.put("noticesDelivered", notices.stream().filter(Notice::delivered).count());
        // procedures in force on the last day that the unit's type handles, and those with a commitment then
        long pairs = 0;
        long committed = 0;
        for (String u : members) {
            pairs += PROCEDURES.stream().filter(p -> p.unitTypes().contains(TYPE.get(u))).count()
                    + foreignProcedures(TYPE.get(u));
            committed += COMMITMENTS.stream().filter(c -> c.unit().equals(u) && !c.from().isAfter(w.lastDay())).count();
        }
        counts.put("procedures", pairs);
        counts.put("proceduresCommitted", committed);

        Map<String, BigDecimal> f = new LinkedHashMap<>();
        long done = counts.get("completed");
        long handled = done + counts.get("inProgress");
        f.put("onTimeRate", pct(counts.get("early") + counts.get("onTime"), done));
        f.put("earlyRate", pct(counts.get("early"), done));
        f.put("lateRate", pct(counts.get("late"), done));
        f.put("nationalOnTimeRate", pct(n.get("nationalOnTime"), handled));
        f.put("apologyCoverage", pct(counts.get("apologizedInTime"), counts.get("lateOrOverdue")));
        f.put("apologyInformedCoverage", pct(counts.get("apologizedInformed"), counts.get("lateOrOverdue")));
        f.put("noticeDeliveryRate", pct(counts.get("noticesDelivered"), counts.get("noticesSent")));
        f.put("onlineRate", pct(counts.get("receivedOnline"), counts.get("received")));
        f.put("fullyOnlineRate", pct(counts.get("receivedOnlineFullyOnlineProc"), counts.get("receivedFullyOnlineProc")));
        f.put("postalReceivedRate", pct(counts.get("receivedPostal"), counts.get("received")));
        f.put("postalReturnedRate", pct(counts.get("returnedPostal"), counts.get("returned")));
        f.put("satisfactionRate", pct(counts.get("satisfied"), counts.get("ratings")));
        f.put("committedShorterShare", pct(committed, pairs));
        f.put("averageTimeUsedOfLegal", completed.isEmpty() ? null
                : completed.stream().map(ScenarioFiguresTest::usedOfLegal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(completed.size()), 2, RoundingMode.HALF_UP));
        f.put("circular01Score", done == 0 ? null : BigDecimal.valueOf(2 * counts.get("early") + counts.get("onTime"))
                .divide(BigDecimal.valueOf(done), 1, RoundingMode.HALF_UP));

        // Decision 766: only the groups motcua has data for; points rounded to 2 decimals before summing
        Map<String, BigDecimal> d = new LinkedHashMap<>();
        d.put("PROGRESS", points(20, ratio(n.get("nationalOnTime"), handled)));
        d.put("ONLINE_SERVICE", points(12, ratio(counts.get("receivedOnline"), counts.get("received"))));
        BigDecimal satisfaction = null;
        if (handled > 0) {
            BigDecimal v = BigDecimal.ONE.subtract(ratio(counts.get("late") + counts.get("overdueOpen"), handled))
                    .subtract(ratings.isEmpty() ? BigDecimal.ZERO
                            : ratio(counts.get("dislikedOrComplained"), counts.get("ratings")));
            satisfaction = v.signum() < 0 ? BigDecimal.ZERO : v;
        }
        d.put("SATISFACTION", points(18, satisfaction));
        for (String g : List.of("PUBLICITY", "ONLINE_PAYMENT", "DIGITISATION")) {
            d.put(g, null);
        }
        BigDecimal sum = BigDecimal.ZERO;
        int max = 0;
        for (Map.Entry<String, BigDecimal> e : d.entrySet()) {
            if (e.getValue() != null) {
                sum = sum.add(e.getValue());
                max += Map.of("PROGRESS", 20, "ONLINE_SERVICE", 12, "SATISFACTION", 18).get(e.getKey());
            }
        }
        BigDecimal score = max == 0 ? null
                : sum.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
        return new Expected(counts, f, d, score);
    }

    static BigDecimal pct(long num, long den) {
        return den == 0 ? null : BigDecimal.valueOf(num * 100).divide(BigDecimal.valueOf(den), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(long num, long den) {
        return den == 0 ? null : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MathContext.DECIMAL64);
    }

    static BigDecimal points(int max, BigDecimal share) {
        return share == null ? null : share.multiply(BigDecimal.valueOf(max)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Other test classes share the catalog replica: their procedures for the same unit type count as well. */
    long foreignProcedures(UnitType type) {
        return Sql.count(infra, "select count(*) from reporting.procedure where code not like ?"
                + " and ? = any(competent_unit_types)", P + "-%", type.name());
    }

    // ------------------------------------------------------------------ the service's answers

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final BigDecimal ROUNDING = new BigDecimal("0.01");

    String token() {
        return infra.tokens().analyst();
    }

    JsonNode scorecard(Target t, Window w) {
        String body = given().auth().oauth2(token()).queryParam("unit", t.unit()).queryParam("period", w.name())
                .queryParam("scope", t.scope()).get("/api/reports/scorecard").then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    Set<String> drillDown(Target t, Window w, String figure) {
        List<String> codes = given().auth().oauth2(token()).queryParam("unit", t.unit()).queryParam("period", w.name())
                .queryParam("scope", t.scope()).queryParam("figure", figure).get("/api/reports/dossiers")
                .then().statusCode(200).extract().jsonPath().getList("dossierCode", String.class);
        return new TreeSet<>(codes);
    }

    static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.decimalValue();
    }

    /** Every count, figure and Decision 766 group of one scorecard against the expectation. */
    void compareScorecard(SoftAssertions soft, Target t, Window w) {
        JsonNode sc = scorecard(t, w);
        Expected e = expect(t, w);
        String at = t + " " + w.name() + " ";
        e.counts().forEach((k, v) -> soft.assertThat(sc.path("counts").path(k).asLong(-1)).as(at + "counts." + k)
                .isEqualTo(v));
        e.figures().forEach((k, v) -> {
            BigDecimal actual = decimal(sc.path("figures").path(k));
            if (v == null) {
                soft.assertThat(actual).as(at + "figures." + k).isNull();
            } else if (k.equals("averageTimeUsedOfLegal")) {
                // per-dossier ratios may be rounded before averaging: one hundredth of tolerance
                soft.assertThat(actual).as(at + "figures." + k).isNotNull().isCloseTo(v, within(ROUNDING));
            } else {
                soft.assertThat(actual).as(at + "figures." + k).isNotNull().isEqualByComparingTo(v);
            }
        });
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        sc.path("decision766").path("groups").forEach(g -> groups.put(g.path("group").asText(), g));
        soft.assertThat(groups.keySet()).as(at + "decision766 groups").containsExactlyInAnyOrderElementsOf(e.d766().keySet());
        e.d766().forEach((g, v) -> {
            JsonNode actual = groups.getOrDefault(g, JSON.createObjectNode());
            soft.assertThat(actual.path("measured").asBoolean()).as(at + "decision766 " + g + ".measured").isEqualTo(v != null);
            if (v == null) {
                soft.assertThat(decimal(actual.path("points"))).as(at + "decision766 " + g + ".points").isNull();
            } else {
                soft.assertThat(decimal(actual.path("points"))).as(at + "decision766 " + g + ".points").isNotNull()
                        .isCloseTo(v, within(ROUNDING));
            }
        });
        BigDecimal score = decimal(sc.path("decision766").path("scorePercent"));
        if (e.scorePercent() == null) {
            soft.assertThat(score).as(at + "decision766.scorePercent").isNull();
        } else {
            soft.assertThat(score).as(at + "decision766.scorePercent").isNotNull()
                    .isCloseTo(e.scorePercent(), within(ROUNDING));
        }
    }

    void compareDrillDowns(SoftAssertions soft, Target t, Window w, List<String> figures) {
        Map<String, Set<String>> marks = marks(t, w);
        for (String figure : figures) {
            soft.assertThat(drillDown(t, w, figure)).as(t + " " + w.name() + " dossiers of " + figure)
                    .containsExactlyInAnyOrderElementsOf(marks.get(figure));
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theCalculatorAgreesWithAHandCountOfOctober() {
        // guards the expectations themselves: October, whole province, counted by hand from the scenario
        Map<String, Set<String>> m = marks(new Target(P, "subtree"), OCT);
        assertThat(m.get("received")).hasSize(12);
        assertThat(m.get("early")).containsExactlyInAnyOrder(c("A1"), c("B2"), c("C1"));
        assertThat(m.get("onTime")).containsExactlyInAnyOrder(c("A2"), c("B1"), c("C2"));
        assertThat(m.get("late")).containsExactlyInAnyOrder(c("A3"), c("A4"), c("I1"));
        assertThat(m.get("inProgress")).containsExactlyInAnyOrder(c("A5"), c("B3"), c("B4"));
        assertThat(m.get("overdueOpen")).containsExactly(c("B3"));
        assertThat(m.get("nationalOnTime")).containsExactlyInAnyOrder(c("A1"), c("A2"), c("C1"), c("C2"), c("A5"), c("B4"));
        assertThat(m.get("apologizedInTime")).containsExactly(c("A4"));
        assertThat(m.get("apologyMissing")).containsExactlyInAnyOrder(c("A3"), c("I1"), c("B3"));
        Expected e = expect(new Target(P, "subtree"), OCT);
        assertThat(e.figures().get("onTimeRate")).isEqualByComparingTo("66.67");
        assertThat(e.figures().get("nationalOnTimeRate")).isEqualByComparingTo("50.00");
        assertThat(e.figures().get("onlineRate")).isEqualByComparingTo("33.33");
        assertThat(e.figures().get("fullyOnlineRate")).isEqualByComparingTo("50.00");
        assertThat(e.figures().get("satisfactionRate")).isEqualByComparingTo("60.00");
        assertThat(e.figures().get("averageTimeUsedOfLegal")).isEqualByComparingTo("129.63");
        assertThat(e.figures().get("circular01Score")).isEqualByComparingTo("1.0");
        // 20 × 6/12; 12 × 4/12; 18 × (1 − 4/12 − 2/5)
        assertThat(e.d766().get("PROGRESS")).isEqualByComparingTo("10.00");
        assertThat(e.d766().get("ONLINE_SERVICE")).isEqualByComparingTo("4.00");
        assertThat(e.d766().get("SATISFACTION")).isEqualByComparingTo("4.80");
        assertThat(e.scorePercent()).isEqualByComparingTo("37.60");
    }

    static String c(String shortCode) {
        return byCode(shortCode).code;
    }

    @Test
    void octoberScorecardsMatchTheDefinitionsForEachUnitAndSubtree() {
        feed();
        SoftAssertions soft = new SoftAssertions();
        TARGETS.forEach(t -> compareScorecard(soft, t, OCT));
        soft.assertAll();
    }

    @Test
    void quarterScorecardsMatchTheDefinitionsForEachUnitAndSubtree() {
        feed();
        SoftAssertions soft = new SoftAssertions();
        TARGETS.forEach(t -> compareScorecard(soft, t, Q4));
        soft.assertAll();
    }

    @Test
    void aDossierOpenAtTheEndOfOctoberIsInProgressThenAndCompletedInNovember() {
        feed();
        Target d1 = new Target(D1, "unit");
        assertThat(drillDown(d1, OCT, "inProgress")).containsExactly(c("A5"));
        assertThat(drillDown(d1, NOV, "completed")).contains(c("A5"));
        assertThat(drillDown(d1, NOV, "early")).contains(c("A5"));
        SoftAssertions soft = new SoftAssertions();
        TARGETS.forEach(t -> compareScorecard(soft, t, NOV));
        soft.assertAll();
    }

    @Test
    void anImportedPastDossierPublishedLastLandsInItsOwnPeriods() {
        feed();
        Target d2a = new Target(D2A, "unit");
        // as it was at the end of September: received, still open, overdue since 24 September
        JsonNode sep = scorecard(d2a, SEP);
        assertThat(sep.path("counts").path("received").asLong()).isEqualTo(1);
        assertThat(sep.path("counts").path("inProgress").asLong()).isEqualTo(1);
        assertThat(sep.path("counts").path("overdueOpen").asLong()).isEqualTo(1);
        assertThat(drillDown(d2a, SEP, "inProgress")).containsExactly(c("I1"));
        assertThat(drillDown(d2a, OCT, "late")).contains(c("I1"));
        SoftAssertions soft = new SoftAssertions();
        TARGETS.forEach(t -> compareScorecard(soft, t, SEP));
        soft.assertAll();
    }

    @Test
    void theSubtreeOfD2IncludesItsSubUnitAndUnitScopeDoesNot() {
        feed();
        Set<String> subtree = drillDown(new Target(D2, "subtree"), OCT, "received");
        Set<String> alone = drillDown(new Target(D2, "unit"), OCT, "received");
        assertThat(subtree).contains(c("C1"), c("C2"), c("B1")).containsAll(alone);
        assertThat(alone).doesNotContain(c("C1"), c("C2"));
        assertThat(subtree).isEqualTo(marks(new Target(D2, "subtree"), OCT).get("received"));
    }

    @Test
    void drillDownsListExactlyTheDossiersBehindEachFigure() {
        feed();
        SoftAssertions soft = new SoftAssertions();
        for (Window w : List.of(SEP, OCT, NOV, Q4)) {
            for (Target t : TARGETS) {
                compareDrillDowns(soft, t, w, DRILL_DOWN);
            }
        }
        soft.assertAll();
    }

    @Test
    void rankingOrdersTheDepartmentsByTheirSubtreeScore() {
        feed();
        for (Window w : List.of(OCT, Q4)) {
            BigDecimal s1 = expect(new Target(D1, "subtree"), w).scorePercent();
            BigDecimal s2 = expect(new Target(D2, "subtree"), w).scorePercent();
            JsonNode units;
            try {
                units = JSON.readTree(given().auth().oauth2(token()).queryParam("parent", P).queryParam("period", w.name())
                        .get("/api/reports/ranking").then().statusCode(200).extract().asString()).path("units");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(units).hasSize(2);
            if (s1.compareTo(s2) != 0) {
                assertThat(units.get(0).path("unitCode").asText()).as(w.name()).isEqualTo(s1.compareTo(s2) > 0 ? D1 : D2);
            }
            for (JsonNode u : units) {
                BigDecimal expected = u.path("unitCode").asText().equals(D1) ? s1 : s2;
                assertThat(decimal(u.path("score"))).as(w.name() + " " + u.path("unitCode").asText())
                        .isCloseTo(expected, within(ROUNDING));
            }
        }
    }
}
