package vn.motcua.local.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.RuleSet;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.OfficePeriod;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.local.simulation.CatalogSnapshot.Procedure;
import vn.motcua.local.simulation.CatalogSnapshot.Unit;
import vn.motcua.local.simulation.CatalogSnapshot.Version;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Plans a month at the province: the dossiers of the 30 days ending now, each with its reception and the later
 * commands with their instants, and the ratings of those returned. Pure: the same catalog, seed, count and instant
 * give the same plan (same source ids, codes and instants), so importing it again adds nothing.
 *
 * <p>Each dossier's whole life is planned first (reception, hand-overs, supplements, payment, apology, result,
 * return); what lies after now is cut off, so recent dossiers are still in progress and late ones whose result has
 * not come yet are overdue. Due dates are computed with the shared due-date library from the catalog, as
 * dossier-service computes them, so apologies land at least a working day before the due and supplements inside
 * their window. Every instant is in office hours of a working day.
 */
public final class MonthGenerator {
    public static final String SOURCE_SYSTEM = "motcua-simulator";
    public static final int DAYS = 30;
    /** History stops this long before now: the import refuses instants in the future, and clocks differ a little. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    /** Imported codes number from here, so they never meet the codes the live desk gives the same unit and day. */
    static final int FIRST_SEQUENCE = 5001;
    private static final DateTimeFormatter CODE_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    /** What happens to a dossier over its life (before the cut at now). */
    public enum Story {
        ON_TIME, LATE, LATE_APOLOGIZED, SUPPLEMENTED, TWO_SUPPLEMENTS, PAYMENT, REFUSED, WITHDRAWN, STOPPED,
        STALLED, STALLED_APOLOGIZED, AWAITING_SUPPLEMENT
    }

    /** A later command of a dossier: its REST name, when, by whom, and its body. */
    public record Step(String type, Instant at, String officer, ObjectNode body) {
    }

    /** A ballot or a digital rating of a returned dossier. Null fields are left out of the request. */
    public record PlannedRating(String channel, Integer overall, Map<String, Integer> answers, Set<String> multipleMarked,
                                String invalidReason, String comment, boolean complaint, String complaintText,
                                String ballotNumber, Instant collectedAt) {
        public boolean invalidBallot() {
            return overall == null || multipleMarked != null || invalidReason != null;
        }
    }

    public record PlannedDossier(String sourceId, String code, Story story, String procedureCode,
                                 String receivingUnit, String competentUnit, String channel, Instant receivedAt,
                                 Instant submittedAt, String applicantName, String personalId, String phone,
                                 List<Step> history, List<PlannedRating> ratings) {

        public Instant returnedAt() {
            return history.stream().filter(s -> s.type().equals("return")).map(Step::at).findFirst().orElse(null);
        }

        /**
         * Which components were digitised (Decision 766): an online dossier's all (they came as files), at the desk
         * most. Derived from the code, not drawn from the generator's random numbers, so the rest of the month
         * stays as it was.
         */
        public static com.fasterxml.jackson.databind.node.ArrayNode digitised(ObjectMapper json, String channel,
                                                                              String code) {
            var list = json.createArrayNode().add("Tờ khai");
            if ("ONLINE".equals(channel) || Math.floorMod(code.hashCode(), 10) < 8) {
                list.add("Giấy tờ kèm theo");
            }
            return list;
        }

        public boolean has(String type) {
            return history.stream().anyMatch(s -> s.type().equals(type));
        }

        /** The element of an import batch's {@code dossiers}. */
        public ObjectNode toImport(ObjectMapper json) {
            ObjectNode d = json.createObjectNode();
            d.put("sourceId", sourceId);
            d.put("code", code);
            ObjectNode r = d.putObject("reception");
            r.put("procedureCode", procedureCode);
            r.put("receivingUnit", receivingUnit);
            r.put("competentUnit", competentUnit);
            r.put("channel", channel);
            r.put("receivedAt", receivedAt.toString());
            if (submittedAt != null) {
                r.put("submittedAt", submittedAt.toString());
            }
            ObjectNode a = r.putObject("applicant");
            a.put("fullName", applicantName);
            a.put("personalId", personalId);
            a.put("phone", phone);
            r.putArray("documents").add("Tờ khai").add("Giấy tờ kèm theo");
            r.set("digitisedDocuments", digitised(json, channel, code));
            d.put("receivingOfficer", officerOf(receivingUnit));
            var h = d.putArray("history");
            for (Step s : history) {
                ObjectNode e = h.addObject();
                e.put("type", s.type());
                e.put("at", s.at().toString());
                if (s.officer() != null) {
                    e.put("officer", s.officer());
                }
                e.set("body", s.body());
            }
            return d;
        }
    }

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Hồ",
            "Ngô", "Đỗ"};
    private static final String[] GIVEN = {"Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà",
            "Quang Huy", "Thị Lan", "Văn Nam", "Thị Oanh", "Đức Phúc", "Thị Quỳnh", "Thị Sen", "Văn Tùng",
            "Hồng Vân", "Xuân Trường"};
    /** How busy a unit's desk is, by type: the provincial police and communes receive the most. */
    private static final Map<String, Integer> WEIGHTS = Map.of("PROVINCIAL_POLICE", 5, "POLICE_DIVISION", 2,
            "COMMUNE", 3, "PROVINCE_DEPARTMENT", 2, "PROVINCE", 1, "DISTRICT", 1);

    private final CatalogSnapshot catalog;
    private final WorkingCalendar calendar;
    /** The rules the service decides by: the simulated dossiers get their dues and statuses from them. */
    private final Dossier.Context rules;
    private final long seed;
    private final Instant now;
    private final Instant cutoff;
    private final Instant windowStart;
    private final LocalDate today;
    private final Duration officeDay;
    private final Random random;
    private final List<Line> lines = new ArrayList<>();
    private final List<LocalDate> workingDays = new ArrayList<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private int totalWeight;
    private final RatingPlan ratings;

    /** A unit and the procedures it is competent for in the window. */
    private record Line(Unit unit, List<Procedure> procedures, List<Unit> handlers, int weight) {
    }

    public MonthGenerator(CatalogSnapshot catalog, long seed, Instant now) {
        this.catalog = catalog;
        this.calendar = catalog.calendar();
        this.rules = new Dossier.Context(calendar, RuleSet.defaults());
        this.seed = seed;
        this.now = now;
        this.cutoff = now.minus(MARGIN);
        this.windowStart = now.minus(Duration.ofDays(DAYS));
        this.today = now.atZone(calendar.zone()).toLocalDate();
        this.random = new Random(seed);
        LocalDate first = windowStart.atZone(calendar.zone()).toLocalDate();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                workingDays.add(d);
            }
        }
        this.officeDay = workingDays.isEmpty() ? Duration.ofHours(8)
                : calendar.officePeriods(workingDays.get(0)).stream()
                .map(p -> Duration.between(p.start(), p.end())).reduce(Duration.ZERO, Duration::plus);
        this.ratings = new RatingPlan(catalog, random, seed, cutoff, today, officeDay);
        List<Unit> units = catalog.units().stream().sorted(Comparator.comparing(Unit::code)).toList();
        List<Procedure> procedures = catalog.procedures().stream().sorted(Comparator.comparing(Procedure::code)).toList();
        for (Unit u : units) {
            if (!u.activeOn(first) || !u.activeOn(today)) {
                continue;
            }
            List<Procedure> handled = procedures.stream().filter(p -> p.competentUnitTypes().contains(u.type())
                    && p.versionOn(first).isPresent() && p.versionOn(today).isPresent()).toList();
            if (handled.isEmpty()) {
                continue;
            }
            List<Unit> children = units.stream().filter(c -> u.code().equals(c.parentCode()) && c.activeOn(first)
                    && c.activeOn(today)).toList();
            int weight = WEIGHTS.getOrDefault(u.type(), 1);
            lines.add(new Line(u, handled, children, weight));
            totalWeight += weight;
        }
        if (lines.isEmpty() || workingDays.isEmpty()) {
            throw new IllegalStateException("the catalog has no unit with a procedure in force, or the last "
                    + DAYS + " days have no working day");
        }
    }

    /** The month's dossiers, in the order they are imported. */
    public List<PlannedDossier> generate(int count) {
        List<PlannedDossier> all = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            all.add(next(n));
        }
        return all;
    }

    private PlannedDossier next(int n) {
        Line line = pickLine();
        Unit unit = line.unit();
        Procedure procedure = line.procedures().get(random.nextInt(line.procedures().size()));
        Instant received = receptionInstant();
        LocalDate day = local(received).toLocalDate();
        Version version = procedure.versionOn(day).orElseThrow();
        String channel = channel(version);
        Instant submitted = switch (channel) {
            // online and postal dossiers are sent before the desk takes them in (overnight, by the post)
            case "ONLINE" -> received.minus(Duration.ofMinutes(5 + random.nextInt(16 * 60)));
            case "POSTAL" -> received.minus(Duration.ofHours(24 + random.nextInt(48)));
            default -> null;
        };
        String key = unit.code() + "-" + CODE_DAY.format(day);
        int seq = sequences.merge(key, FIRST_SEQUENCE, (a, b) -> a + 1);
        String code = key + "-" + String.format("%04d", seq);
        ProcessingTime applied = catalog.appliedTime(unit.code(), procedure, version, day);
        Story story = story(applied);

        Life life = new Life(unit, line, version, channel, received, submitted, new Types.ProcedureTerms(
                procedure.code(), 1, procedure.nameVi(), version.legalTime(),
                applied.equals(version.legalTime()) ? null : applied, version.onlineLevel(), version.postalReception()),
                code);
        story = life.play(story);
        List<Step> kept = life.steps.stream().filter(s -> !s.at().isAfter(cutoff)).toList();
        String name = FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
        String personalId = String.format("040%09d", random.nextInt(1_000_000_000));
        String phone = String.format("09%08d", random.nextInt(100_000_000));
        PlannedDossier planned = new PlannedDossier(String.format("s%d-%06d", seed, n), code, story,
                procedure.code(), unit.code(), unit.code(), channel, received, submitted, name, personalId, phone,
                kept, List.of());
        return ratings.add(planned, unit, life.late);
    }

    // ------------------------------------------------------------------ reception

    private Line pickLine() {
        int r = random.nextInt(totalWeight);
        for (Line l : lines) {
            r -= l.weight();
            if (r < 0) {
                return l;
            }
        }
        return lines.get(lines.size() - 1);
    }

    /** A moment in office hours of a working day of the window, before the cut. */
    private Instant receptionInstant() {
        for (int attempt = 0; attempt < 100; attempt++) {
            LocalDate day = workingDays.get(random.nextInt(workingDays.size()));
            Instant start = calendar.startOfOffice(day).toInstant();
            Instant at = calendar.addOfficeTime(start, Duration.ofMinutes(random.nextInt((int) officeDay.toMinutes())));
            if (!at.isBefore(windowStart) && at.isBefore(cutoff)) {
                return at;
            }
        }
        // the only working days are cut off (a run early on a Monday after a long holiday): the last moment before
        return calendar.addOfficeTime(calendar.startOfOffice(workingDays.get(0)).toInstant(), Duration.ofMinutes(30));
    }

    /** Online where the procedure offers it (more for fully online ones), by post where allowed, else the counter. */
    private String channel(Version v) {
        int r = random.nextInt(100);
        if (v.online() && r < (v.fullyOnline() ? 68 : 40)) {
            return "ONLINE";
        }
        if (v.postalReception() && r >= 88) {
            return "POSTAL";
        }
        return "COUNTER";
    }

    private Story story(ProcessingTime applied) {
        int r = random.nextInt(1000);
        Story s;
        if (r < 70) {
            s = Story.LATE;
        } else if (r < 115) {
            s = Story.LATE_APOLOGIZED;
        } else if (r < 195) {
            s = Story.SUPPLEMENTED;
        } else if (r < 205) {
            s = Story.TWO_SUPPLEMENTS;
        } else if (r < 245) {
            s = Story.PAYMENT;
        } else if (r < 275) {
            s = Story.REFUSED;
        } else if (r < 295) {
            s = Story.WITHDRAWN;
        } else if (r < 305) {
            s = Story.STOPPED;
        } else if (r < 325) {
            s = Story.STALLED;
        } else if (r < 335) {
            s = Story.STALLED_APOLOGIZED;
        } else if (r < 350) {
            s = Story.AWAITING_SUPPLEMENT;
        } else {
            s = Story.ON_TIME;
        }
        boolean hasDue = !applied.unit().name().equals("NO_DEADLINE");
        if (!hasDue && (s == Story.LATE || s == Story.LATE_APOLOGIZED || s == Story.STALLED_APOLOGIZED)) {
            return Story.ON_TIME; // without a due date nothing is late
        }
        return s;
    }

    // ------------------------------------------------------------------ a dossier's life

    /**
     * Plays one dossier's life forward from its reception, step by step. Each step is decided by dossier-domain as the
     * service will decide it at import, so the due the plan steers by (restarted by a supplement, moved by a payment
     * wait) is the service's own.
     */
    private final class Life {
        /** Who stands for the applicant while the rules are replayed: the applicant does not move a due. */
        private static final Types.Applicant APPLICANT = new Types.Applicant("Người nộp hồ sơ", "000000000000", null,
                null, null);
        final Unit unit;
        final Line line;
        final Version version;
        final String channel;
        final Instant received;
        final List<Step> steps = new ArrayList<>();
        DossierState state;
        Instant dueAt;
        LocalDate dueDate;
        Instant t;
        boolean late;

        Life(Unit unit, Line line, Version version, String channel, Instant received, Instant submitted,
             Types.ProcedureTerms terms, String code) {
            this.unit = unit;
            this.line = line;
            this.version = version;
            this.channel = channel;
            this.received = received;
            this.t = received;
            this.state = DossierState.NEW;
            decide(new DossierCommand.Receive(code, terms, unit.code(), unit.code(), Types.Channel.valueOf(channel),
                    APPLICANT, List.of("Tờ khai"), submitted != null ? submitted : received, received,
                    officerOf(unit.code()), null));
        }

        /** The service's decision on a step: its events evolve the state, and the due of record is read back. */
        void decide(DossierCommand command) {
            for (DossierEvent e : Dossier.decide(state, command, rules)) {
                state = Dossier.evolve(state, e);
            }
            Types.Due due = state.dueOfRecord();
            dueAt = due.exists() ? due.at() : null;
            dueDate = due.exists() ? due.date() : null;
        }

        Story play(Story story) {
            // the desk hands the dossier to the specialist who appraises it (online: at once)
            Unit handler = !line.handlers().isEmpty() && random.nextInt(100) < 35
                    ? line.handlers().get(random.nextInt(line.handlers().size())) : unit;
            advance(Duration.ofMinutes(channel.equals("ONLINE") ? 5 + random.nextInt(20) : 10 + random.nextInt(80)));
            Instant firstDeadline = dueAt == null ? office(t, officeDay.multipliedBy(3))
                    : office(t, scale(span(), 0.6));
            transfer(handler.code(), "Thẩm định hồ sơ", firstDeadline, unit.code());
            boolean approval = random.nextInt(100) < 55;

            switch (story) {
                case SUPPLEMENTED, TWO_SUPPLEMENTS, AWAITING_SUPPLEMENT -> {
                    boolean awaited = story == Story.AWAITING_SUPPLEMENT;
                    supplement(handler, !awaited);
                    if (awaited) {
                        return story; // the applicant has not come back: the clock stands
                    }
                    if (story == Story.TWO_SUPPLEMENTS) {
                        supplement(handler, true);
                    }
                    finish(handler, approval, random.nextInt(100) < 15);
                }
                case PAYMENT -> {
                    advance(hours(1, 6));
                    long fee = 50_000L * (1 + random.nextInt(20));
                    String description = "Lệ phí giải quyết thủ tục";
                    add("payment-requests", body().put("amountVnd", fee).put("description", description),
                            handler.code(), new DossierCommand.RequestPayment(fee, description, t));
                    advance(hours(2, 16));
                    // the clock stands while the applicant owes the fee: the rules move the due later by the wait;
                    // most pay online (the national portal or the province's gateway), some at the desk
                    String receipt = "BL-" + Long.toString(t.getEpochSecond(), 36).toUpperCase();
                    long pick = Math.floorMod(t.getEpochSecond() / 60, 10);
                    Types.PaymentChannel paidBy = pick < 5 ? Types.PaymentChannel.NATIONAL_PORTAL
                            : pick < 8 ? Types.PaymentChannel.PROVINCE_GATEWAY : Types.PaymentChannel.DESK;
                    add("payments", body().put("amountVnd", fee).put("receiptRef", receipt)
                                    .put("channel", paidBy.name()), null,
                            new DossierCommand.RecordPayment(fee, receipt, t, paidBy));
                    finish(handler, approval, false);
                }
                case LATE -> finish(handler, approval, true);
                case LATE_APOLOGIZED, STALLED_APOLOGIZED -> {
                    LocalDate newDue = apologize(handler);
                    if (newDue == null) {
                        finish(handler, approval, true);
                        return Story.LATE;
                    }
                    if (story == Story.STALLED_APOLOGIZED) {
                        return story;
                    }
                    Instant originalDue = dueAt;
                    Instant newDueAt = calendar.closeOfOffice(newDue).toInstant();
                    if (approval) {
                        advance(scale(calendar.officeTimeBetween(t, originalDue), 0.7));
                        transfer(unit.code(), "Trình lãnh đạo ký duyệt", newDueAt, handler.code());
                    }
                    // late against the due of record; most keep the new appointment, some miss it too
                    t = later(originalDue, t);
                    if (random.nextInt(100) < 75) {
                        advance(scale(calendar.officeTimeBetween(t, newDueAt), 0.1 + 0.8 * random.nextDouble()));
                    } else {
                        t = later(newDueAt, t);
                        advance(days(0.3, 2));
                    }
                    late = true;
                    result(handler);
                    giveBack();
                }
                case REFUSED -> {
                    advance(dueAt == null ? days(0.5, 2) : scale(span(), 0.3 + 0.5 * random.nextDouble()));
                    String reason = "Hồ sơ không đủ điều kiện theo quy định";
                    add("refusal", body().put("reason", reason), handler.code(),
                            new DossierCommand.RefuseAfterAppraisal(handler.code(), officerOf(handler.code()), reason, t));
                    giveBack();
                }
                case WITHDRAWN -> {
                    advance(hours(1, 14));
                    String reason = "Công dân xin rút hồ sơ";
                    add("withdrawal", body().put("reason", reason), null, new DossierCommand.Withdraw(reason, t));
                }
                case STOPPED -> {
                    advance(hours(2, 20));
                    String reason = "Công dân đề nghị dừng giải quyết";
                    add("stop", body().put("reason", reason), handler.code(), new DossierCommand.Stop(reason, t));
                }
                case STALLED -> {
                    // waits for another agency's answer: no result in the month, overdue once its due passes
                    if (approval) {
                        advance(days(0.5, 2));
                        transfer(unit.code(), "Xin ý kiến lãnh đạo", dueAt != null ? dueAt
                                : office(t, officeDay.multipliedBy(3)), handler.code());
                    }
                }
                default -> finish(handler, approval, false);
            }
            return story;
        }

        /** Processing to the result, before the due (or after it when late), then the return. */
        void finish(Unit handler, boolean approval, boolean lateResult) {
            Instant resultAt;
            if (dueAt == null) {
                resultAt = office(t, days(0.3, 3));
            } else if (lateResult) {
                resultAt = office(later(dueAt, t), days(0.2, 4));
                late = true;
            } else {
                Duration left = calendar.officeTimeBetween(t, dueAt);
                resultAt = left.toMinutes() < 10 ? office(t, Duration.ofMinutes(1))
                        : office(t, scale(left, 0.3 + 0.67 * random.nextDouble()));
            }
            if (approval && Duration.between(t, resultAt).toMinutes() > 30) {
                advance(scale(calendar.officeTimeBetween(t, resultAt), 0.5 + 0.35 * random.nextDouble()));
                transfer(unit.code(), "Trình lãnh đạo ký duyệt", dueAt != null ? later(dueAt, t)
                        : office(t, officeDay), handler.code());
            }
            t = later(resultAt, t);
            result(handler);
            giveBack();
        }

        void result(Unit handler) {
            Types.Outcome outcome = random.nextInt(40) == 0 ? Types.Outcome.DENIED : Types.Outcome.GRANTED;
            String document = "KQ-" + Long.toString(t.getEpochSecond(), 36).toUpperCase();
            // most results are signed electronic documents
            boolean electronic = Math.floorMod(t.getEpochSecond() / 60, 10) < 7;
            add("result", body().put("outcome", outcome.name()).put("resultDocumentRef", document)
                            .put("issuedElectronically", electronic), handler.code(),
                    new DossierCommand.RecordResult(handler.code(), officerOf(handler.code()), outcome, document, t,
                            electronic));
        }

        /** The result handed over: most soon, some days later, a few never collected. */
        void giveBack() {
            if (random.nextInt(100) < 6) {
                return;
            }
            advance(random.nextInt(100) < 60 ? hours(0, 3) : days(0.5, 3));
            String to;
            if (channel.equals("POSTAL") || version.postalReturn() && random.nextInt(100) < 10) {
                to = "POSTAL";
            } else if (channel.equals("ONLINE") && version.fullyOnline() && random.nextInt(100) < 60) {
                to = "ONLINE";
            } else {
                to = "COUNTER";
            }
            add("return", body().put("channel", to), unit.code(),
                    new DossierCommand.ReturnResult(Types.ReturnChannel.valueOf(to), t));
        }

        /** A supplement requested early in appraisal (inside the 3-working-day window) and brought days later. */
        void supplement(Unit handler, boolean supplied) {
            advance(Duration.ofMinutes(20 + random.nextInt(240)));
            List<String> missing = List.of("Bản sao giấy khai sinh", "Giấy xác nhận nơi cư trú");
            ObjectNode request = body();
            missing.forEach(request.putArray("missing")::add);
            add("supplement-requests", request, handler.code(), new DossierCommand.RequestSupplement(handler.code(),
                    officerOf(handler.code()), missing, t));
            if (!supplied) {
                return;
            }
            advance(days(0.3, 3));
            // the law restarts the processing time from the complete supplement: the rules say the new due
            List<String> documents = List.of("Bản sao giấy khai sinh");
            ObjectNode brought = body();
            documents.forEach(brought.putArray("documents")::add);
            documents.forEach(brought.putArray("digitisedDocuments")::add);
            add("supplements", brought, null, new DossierCommand.SupplySupplement(documents, t, documents));
            advance(Duration.ofMinutes(5 + random.nextInt(30)));
        }

        /** An apology with a new appointment, at least a working day before the due; null when too late for it. */
        LocalDate apologize(Unit handler) {
            if (dueDate == null || dueAt == null) {
                return null;
            }
            LocalDate latest = Dossier.latestApologyDay(dueDate,
                    rules.rulesOn(state.receptionDay()).apologyLeadWorkingDays(), calendar);
            Instant lastMoment = calendar.closeOfOffice(latest).toInstant().minus(Duration.ofMinutes(5));
            if (!lastMoment.isAfter(t.plus(Duration.ofMinutes(10)))) {
                return null;
            }
            advance(scale(calendar.officeTimeBetween(t, lastMoment), 0.2 + 0.7 * random.nextDouble()));
            if (local(t).toLocalDate().isAfter(latest)) {
                return null;
            }
            LocalDate newDue = calendar.addWorkingDays(dueDate, 2 + random.nextInt(5));
            String reason = "Cần xác minh thông tin tại cơ quan khác";
            add("apology", body().put("unitAtFault", handler.code()).put("reason", reason)
                    .put("newDueDate", newDue.toString()), null,
                    new DossierCommand.Apologize(handler.code(), reason, newDue, t));
            return newDue;
        }

        void transfer(String to, String stepName, Instant wanted, String from) {
            // a step's deadline lies after the hand-over (the rules refuse one that does not): past the due, the
            // next step gets an office day
            Instant deadline = wanted == null || wanted.isAfter(t) ? wanted : office(t, officeDay);
            ObjectNode b = body().put("toUnit", to).put("stepName", stepName);
            if (deadline != null) {
                b.put("stepDeadline", deadline.toString());
            }
            add("transfers", b, from, new DossierCommand.Transfer(to, stepName, officerOf(from), deadline, t));
        }

        /** Office time from now to the due (a nominal three days without one). */
        Duration span() {
            if (dueAt == null) {
                return officeDay.multipliedBy(3);
            }
            Duration d = calendar.officeTimeBetween(t, dueAt);
            return d.toMinutes() < 10 ? Duration.ofMinutes(10) : d;
        }

        void advance(Duration officeTime) {
            t = office(t, officeTime.toMinutes() < 1 ? Duration.ofMinutes(1) : officeTime);
        }

        /** A step of the plan: the REST body the import sends, and the command the service will decide from it. */
        void add(String type, ObjectNode body, String unitCode, DossierCommand command) {
            steps.add(new Step(type, t, unitCode == null ? null : officerOf(unitCode), body));
            decide(command);
        }

        Duration hours(int min, int max) {
            return Duration.ofMinutes(min * 60L + random.nextInt(Math.max(1, (max - min) * 60)));
        }

        Duration days(double min, double max) {
            return scale(officeDay, min + (max - min) * random.nextDouble());
        }
    }

    // ------------------------------------------------------------------ time

    private Instant office(Instant from, Duration officeTime) {
        return calendar.addOfficeTime(from, officeTime);
    }

    private ZonedDateTime local(Instant at) {
        return at.atZone(calendar.zone());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration scale(Duration d, double f) {
        return Duration.ofSeconds(Math.max(60, (long) (d.toSeconds() * f)));
    }

    private static ObjectNode body() {
        return JSON.createObjectNode();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String officerOf(String unit) {
        return "officer." + unit + "@motcua.local";
    }

    /** True when an instant lies in an office period (ends included) of a working day. */
    public static boolean inOfficeHours(WorkingCalendar calendar, Instant at) {
        ZonedDateTime local = at.atZone(calendar.zone());
        if (!calendar.isWorkingDay(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (OfficePeriod p : calendar.officePeriods(local.toLocalDate())) {
            if (!time.isBefore(p.start()) && !time.isAfter(p.end())) {
                return true;
            }
        }
        return false;
    }
}
