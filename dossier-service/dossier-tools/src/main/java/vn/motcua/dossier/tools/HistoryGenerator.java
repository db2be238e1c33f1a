package vn.motcua.dossier.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a legacy system's dossiers for a past period, as the import endpoint takes them: the same seed gives the
 * same dossiers (same source ids and codes), so a re-run imports nothing new. The mix follows what units report:
 * most dossiers on time, some late (overdue, some apologized for), some with a supplement, a few refused or withdrawn.
 * Units and procedures are those of the local run's seed catalog (Nghệ An).
 */
final class HistoryGenerator {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter CODE_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    /** A unit and a procedure it handles, with the channel mostly used and whether the time is short (hours). */
    record Line(String unit, String procedure, String channel, boolean shortTime) {
    }

    static final List<Line> LINES = List.of(
            new Line("000.00.20.H40", "2.000200", "COUNTER", false),
            new Line("000.00.20.H40", "1.001456", "ONLINE", false),
            new Line("000.00.20.H40", "1.000377", "COUNTER", false),
            new Line("000.51.20.H40", "1.004222", "ONLINE", false),
            new Line("000.51.20.H40", "1.004194", "ONLINE", false),
            new Line("000.51.20.H40", "1.010041", "ONLINE", true),
            new Line("000.52.20.H40", "1.004194", "COUNTER", false),
            new Line("000.01.90.H40", "1.004873", "COUNTER", false),
            new Line("000.01.90.H40", "NA-HT-001", "COUNTER", false),
            new Line("000.00.01.H40", "3.000333", "ONLINE", false));

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Hồ"};
    private static final String[] GIVEN = {"Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà",
            "Quang Huy", "Thị Lan", "Văn Nam", "Thị Oanh", "Đức Phúc", "Thị Quỳnh"};

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final LocalDate from;
    private final int days;
    private final Map<String, Integer> sequences = new HashMap<>();
    private int next;

    HistoryGenerator(long seed, LocalDate from, LocalDate to) {
        this.random = new Random(seed);
        this.from = from;
        this.days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
    }

    /** The next dossier, as an element of the import batch's {@code dossiers}. */
    ObjectNode next() {
        int n = ++next;
        Line line = LINES.get(random.nextInt(LINES.size()));
        LocalDate day = workingDay(from.plusDays(random.nextInt(days)));
        Instant received = day.atTime(LocalTime.of(7, 45).plusMinutes(random.nextInt(8 * 60)))
                .atZone(VIETNAM).toInstant();
        String key = line.unit() + "-" + CODE_DAY.format(day);
        int seq = sequences.merge(key, 1, Integer::sum);

        ObjectNode d = json.createObjectNode();
        d.put("sourceId", String.format("HS-%07d", n));
        d.put("code", key + "-" + String.format("%04d", seq));
        ObjectNode r = d.putObject("reception");
        r.put("procedureCode", line.procedure());
        r.put("receivingUnit", line.unit());
        r.put("competentUnit", line.unit());
        r.put("channel", line.channel());
        r.put("receivedAt", received.toString());
        ObjectNode a = r.putObject("applicant");
        a.put("fullName", FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]);
        a.put("personalId", String.format("040%09d", random.nextInt(1_000_000_000)));
        a.put("phone", String.format("09%08d", random.nextInt(100_000_000)));
        r.putArray("documents").add("Tờ khai").add("Giấy tờ kèm theo");
        history(d.putArray("history"), line, received);
        return d;
    }

    private void history(ArrayNode h, Line line, Instant received) {
        Duration quick = line.shortTime() ? Duration.ofHours(2) : Duration.ofDays(1);
        Duration late = line.shortTime() ? Duration.ofDays(3) : Duration.ofDays(25);
        int kind = random.nextInt(100);
        Instant t = received.plus(Duration.ofMinutes(30));
        step(h, "transfers", t, json.createObjectNode().put("toUnit", line.unit()).put("stepName", "Thẩm định"));
        if (kind < 78) {                       // on time
            t = received.plus(quick);
            result(h, t);
        } else if (kind < 86) {                // late, never apologized: the import records the overdue moment
            t = received.plus(late);
            result(h, t);
        } else if (kind < 90 && !line.shortTime()) {   // late, apologized for in time with a new appointment
            LocalDate newDue = workingDay(received.atZone(VIETNAM).toLocalDate().plusDays(30));
            step(h, "apology", received.plus(Duration.ofHours(2)), json.createObjectNode()
                    .put("unitAtFault", line.unit()).put("reason", "Chờ xác minh thông tin từ cơ quan khác")
                    .put("newDueDate", newDue.toString()));
            t = received.plus(Duration.ofDays(20));
            result(h, t);
        } else if (kind < 95) {                // supplement requested during appraisal, then supplied
            step(h, "supplement-requests", received.plus(Duration.ofHours(1)), json.createObjectNode()
                    .set("missing", json.createArrayNode().add("Bản sao giấy khai sinh")));
            step(h, "supplements", received.plus(Duration.ofDays(2)), json.createObjectNode()
                    .set("documents", json.createArrayNode().add("Bản sao giấy khai sinh")));
            t = received.plus(Duration.ofDays(3));
            result(h, t);
        } else if (kind < 98) {                // refused after appraisal
            t = received.plus(quick);
            step(h, "refusal", t, json.createObjectNode().put("reason", "Không đủ điều kiện theo quy định"));
        } else {                               // withdrawn by the applicant
            step(h, "withdrawal", received.plus(Duration.ofHours(3)), json.createObjectNode()
                    .put("reason", "Công dân xin rút hồ sơ"));
            return;
        }
        step(h, "return", t.plus(Duration.ofHours(20)), json.createObjectNode()
                .put("channel", random.nextInt(10) < 2 ? "POSTAL" : "COUNTER"));
    }

    private void result(ArrayNode h, Instant t) {
        step(h, "result", t, json.createObjectNode().put("outcome", random.nextInt(50) == 0 ? "DENIED" : "GRANTED")
                .put("resultDocumentRef", "KQ-" + Long.toString(t.getEpochSecond(), 36).toUpperCase()));
    }

    private static void step(ArrayNode h, String type, Instant at, ObjectNode body) {
        ObjectNode s = h.addObject();
        s.put("type", type);
        s.put("at", at.toString());
        s.set("body", body);
    }

    /** The 2026 days off of Vietnamese civil servants (the seed calendar's), so generated appointments are working days. */
    private static final java.util.Set<LocalDate> DAYS_OFF_2026 = java.util.stream.Stream.of("2026-01-01",
                    "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27",
                    "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02")
            .map(LocalDate::parse).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static LocalDate workingDay(LocalDate d) {
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY
                || DAYS_OFF_2026.contains(d)) {
            d = d.plusDays(1);
        }
        return d;
    }
}
