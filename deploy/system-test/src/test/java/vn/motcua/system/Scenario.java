package vn.motcua.system;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end-to-end scenario as data, and an independent calculator of the figures DOMAIN.md §6 defines for it. The
 * calculator knows nothing of the services: it counts working days itself (Monday to Friday; the scenario's dates,
 * 21 September to 13 November 2026, hold no public holiday or swapped working day) and applies the written
 * definitions. The procedure has a legal time of 5 working days, counted from the reception date.
 */
final class Scenario {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int LEGAL_WORKING_DAYS = 5;
    static final String ROOT = "000.00.00.H40";
    static final String UNIT_A = "000.00.01.H40";
    static final String UNIT_B = "000.00.02.H40";
    static final LocalDate FIRST_DATE = LocalDate.of(2026, 9, 21);
    static final LocalDate LAST_DATE = LocalDate.of(2026, 11, 13);

    /** A later step of a dossier: its command name (as in the REST paths), local time, and body. */
    record Step(String type, LocalDateTime at, Map<String, Object> body) {
    }

    /**
     * One dossier's whole story. {@code rating}: absent = no ballot; present with {@code overall} null = a paper
     * ballot with no overall mark (an invalid ballot).
     */
    record Story(String key, String unit, String channel, LocalDateTime received, List<Step> steps,
                 Optional<Ballot> rating) {
        Optional<Step> first(String type) {
            return steps.stream().filter(s -> s.type().equals(type)).findFirst();
        }

        List<Step> all(String type) {
            return steps.stream().filter(s -> s.type().equals(type)).toList();
        }

        Optional<LocalDate> completed() {
            return first("result").map(s -> s.at().toLocalDate());
        }

        Optional<LocalDate> withdrawn() {
            return first("withdrawal").map(s -> s.at().toLocalDate());
        }

        Optional<Step> returned() {
            return first("return");
        }

        /** Due of record (the law): a full supplement restarts the time from its arrival. */
        LocalDate lawDue() {
            List<Step> supplies = all("supplements");
            LocalDate from = supplies.isEmpty() ? received.toLocalDate() : supplies.get(supplies.size() - 1).at().toLocalDate();
            return addWorkingDays(from, LEGAL_WORKING_DAYS);
        }

        /** National due: the due at reception moved later by the working days spent waiting for supplements. */
        LocalDate nationalDue() {
            LocalDate due = addWorkingDays(received.toLocalDate(), LEGAL_WORKING_DAYS);
            List<Step> requests = all("supplement-requests");
            List<Step> supplies = all("supplements");
            for (int i = 0; i < Math.min(requests.size(), supplies.size()); i++) {
                due = addWorkingDays(due, workingDaysBetween(requests.get(i).at().toLocalDate(), supplies.get(i).at().toLocalDate()));
            }
            return due;
        }

        boolean lateByLaw() {
            return completed().map(c -> c.isAfter(lawDue())).orElse(false);
        }

        boolean lateNationally() {
            return all("supplement-requests").size() > 1 || completed().map(c -> c.isAfter(nationalDue())).orElse(false);
        }

        boolean apologizedInTime(LocalDate periodEnd) {
            return first("apology").map(a -> !a.at().toLocalDate().isAfter(periodEnd)
                    && !a.at().toLocalDate().isAfter(subtractWorkingDays(lawDue(), 1))).orElse(false);
        }

        boolean openAt(LocalDate end) {
            return !received.toLocalDate().isAfter(end)
                    && completed().map(c -> c.isAfter(end)).orElse(true)
                    && withdrawn().map(w -> w.isAfter(end)).orElse(true);
        }
    }

    record Ballot(Integer overall, LocalDateTime collected, String ballotNumber) {
    }

    /** A period by its first and last day (local dates). */
    record Window(String name, LocalDate first, LocalDate last) {
        boolean has(LocalDate d) {
            return !d.isBefore(first) && !d.isAfter(last);
        }
    }

    static final Window SEPTEMBER = new Window("2026-09", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
    static final Window OCTOBER = new Window("2026-10", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    static final Window Q4 = new Window("2026-Q4", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31));

    static List<Story> stories() {
        List<Story> s = new ArrayList<>();
        // unit A
        s.add(story("A1", UNIT_A, "COUNTER", at(10, 5, 9, 0), ballot(5, at(10, 6, 15, 30)),
                result(at(10, 6, 10, 0)), ret(at(10, 6, 15, 0), "COUNTER")));
        s.add(story("A2", UNIT_A, "ONLINE", at(10, 5, 9, 30), ballot(1, at(10, 27, 9, 0)),
                result(at(10, 26, 9, 0)), ret(at(10, 26, 10, 0), "ONLINE")));
        s.add(story("A3", UNIT_A, "COUNTER", at(10, 5, 10, 0), ballot(null, at(10, 19, 11, 0)),
                step("apology", at(10, 6, 9, 0), Map.of("unitAtFault", UNIT_A, "reason", "Chờ xác minh của cơ quan khác",
                        "newDueDate", "2026-10-20")),
                result(at(10, 19, 9, 0)), ret(at(10, 19, 10, 0), "COUNTER")));
        s.add(story("A4", UNIT_A, "POSTAL", at(10, 20, 9, 0), Optional.empty()));
        s.add(story("A5", UNIT_A, "COUNTER", at(10, 28, 9, 0), Optional.empty()));
        s.add(story("A6", UNIT_A, "COUNTER", at(10, 7, 9, 0), Optional.empty(),
                step("withdrawal", at(10, 8, 9, 0), Map.of("reason", "Công dân rút hồ sơ"))));
        s.add(story("A7", UNIT_A, "COUNTER", at(10, 5, 14, 0), Optional.empty(),
                step("supplement-requests", at(10, 6, 9, 0), Map.of("missing", List.of("Bản sao giấy khai sinh"))),
                step("supplements", at(10, 13, 9, 0), Map.of("documents", List.of("Bản sao giấy khai sinh"))),
                result(at(10, 14, 9, 0)), ret(at(10, 14, 10, 0), "COUNTER")));
        s.add(story("A8", UNIT_A, "COUNTER", at(9, 28, 9, 0), Optional.empty(),
                result(at(10, 1, 9, 0)), ret(at(10, 2, 9, 0), "POSTAL")));
        s.add(story("A9", UNIT_A, "COUNTER", at(10, 21, 9, 0), Optional.empty(),
                step("transfers", at(10, 21, 10, 0), Map.of("toUnit", UNIT_B, "stepName", "Thẩm định",
                        "stepDeadline", at(10, 22, 17, 0).atZone(VIETNAM).toInstant().toString())),
                result(at(10, 22, 9, 0)), ret(at(10, 23, 9, 0), "COUNTER")));
        // unit B
        s.add(story("B1", UNIT_B, "ONLINE", at(10, 6, 9, 0), ballot(4, at(10, 8, 10, 0)),
                result(at(10, 7, 9, 0)), ret(at(10, 8, 9, 0), "ONLINE")));
        s.add(story("B2", UNIT_B, "COUNTER", at(10, 1, 9, 0), Optional.empty(),
                result(at(10, 20, 9, 0)), ret(at(10, 21, 9, 0), "COUNTER")));
        s.add(story("B3", UNIT_B, "POSTAL", at(10, 8, 9, 0), Optional.empty()));
        for (Story x : s) {
            check(x);
        }
        return s;
    }

    /** The expected counts of the reporting scorecard for a set of competent units over a window. */
    static Map<String, Long> expected(List<Story> stories, Set<String> units, Window w) {
        long[] c = new long[18];
        for (Story s : stories) {
            if (!units.contains(s.unit())) {
                continue;
            }
            LocalDate received = s.received().toLocalDate();
            if (w.has(received)) {
                c[0]++;
                c[1] += s.channel().equals("ONLINE") ? 1 : 0;
                c[2] += s.channel().equals("POSTAL") ? 1 : 0;
            }
            if (s.withdrawn().filter(w::has).isPresent()) {
                c[3]++;
            }
            boolean lateCompleted = false;
            if (s.completed().filter(w::has).isPresent()) {
                c[4]++;
                if (s.lateByLaw()) {
                    c[6]++;
                    lateCompleted = true;
                } else {
                    c[5]++;
                }
                if (!s.lateNationally()) {
                    c[9]++;
                }
            }
            boolean overdueOpen = false;
            if (s.openAt(w.last())) {
                c[7]++;
                if (s.lawDue().isBefore(w.last())) {
                    c[8]++;
                    overdueOpen = true;
                }
                if (s.nationalDue().isAfter(w.last())) {
                    c[10]++;
                }
            }
            if (s.returned().filter(r -> w.has(r.at().toLocalDate())).isPresent()) {
                c[11]++;
                c[12] += s.returned().get().body().get("channel").equals("POSTAL") ? 1 : 0;
            }
            if (lateCompleted || overdueOpen) {
                c[13]++;
                c[14] += s.apologizedInTime(w.last()) ? 1 : 0;
            }
            if (s.rating().filter(b -> w.has(b.collected().toLocalDate())).isPresent()) {
                Integer overall = s.rating().get().overall();
                if (overall == null) {
                    c[17]++;
                } else {
                    c[15]++;
                    c[16] += overall >= 4 ? 1 : 0;
                }
            }
        }
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", c[0]);
        m.put("receivedOnline", c[1]);
        m.put("receivedPostal", c[2]);
        m.put("withdrawn", c[3]);
        m.put("completed", c[4]);
        m.put("late", c[6]);
        m.put("inProgress", c[7]);
        m.put("overdueOpen", c[8]);
        m.put("nationalOnTimeCompleted", c[9]);
        m.put("nationalNotDueInProgress", c[10]);
        m.put("returned", c[11]);
        m.put("returnedPostal", c[12]);
        m.put("lateOrOverdue", c[13]);
        m.put("apologizedInTime", c[14]);
        m.put("ratings", c[15]);
        m.put("satisfied", c[16]);
        m.put("dislikedOrComplained", disliked(stories, units, w));
        m.put("invalidBallots", c[17]);
        m.put("earlyOrOnTime", c[5]);
        return m;
    }

    private static long disliked(List<Story> stories, Set<String> units, Window w) {
        return stories.stream().filter(s -> units.contains(s.unit()))
                .flatMap(s -> s.rating().stream())
                .filter(b -> w.has(b.collected().toLocalDate()) && b.overall() != null && b.overall() <= 2)
                .count();
    }

    // ------------------------------------------------------------------ working days, Monday to Friday

    static LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        for (int i = 0; i < days; ) {
            d = d.plusDays(1);
            if (working(d)) {
                i++;
            }
        }
        return d;
    }

    static LocalDate subtractWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        for (int i = 0; i < days; ) {
            d = d.minusDays(1);
            if (working(d)) {
                i++;
            }
        }
        return d;
    }

    static int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (working(d.plusDays(1))) {
                n++;
            }
        }
        return n;
    }

    static boolean working(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The scenario keeps clear of the edges a simple calculator could get wrong: every instant in office hours on a
     * working day, inside the calendar-safe range, and no completion or period end on a due date itself.
     */
    private static void check(Story s) {
        List<LocalDateTime> instants = new ArrayList<>();
        instants.add(s.received());
        s.steps().forEach(x -> instants.add(x.at()));
        s.rating().ifPresent(b -> instants.add(b.collected()));
        for (LocalDateTime t : instants) {
            int lastHour = t == s.received() ? 14 : 16; // receptions before the 15:00 cut-off
            if (!working(t.toLocalDate()) || t.getHour() < 8 || t.getHour() > lastHour
                    || t.toLocalDate().isBefore(FIRST_DATE) || t.toLocalDate().isAfter(LAST_DATE)) {
                throw new IllegalStateException(s.key() + ": " + t + " is outside the scenario's safe range");
            }
        }
        for (LocalDate due : List.of(s.lawDue(), s.nationalDue())) {
            if (s.completed().filter(due::equals).isPresent()
                    || due.equals(SEPTEMBER.last()) || due.equals(OCTOBER.last())) {
                throw new IllegalStateException(s.key() + ": due " + due + " falls on an edge");
            }
        }
        for (int i = 1; i < instants.size() - (s.rating().isPresent() ? 1 : 0); i++) {
            if (instants.get(i).isBefore(instants.get(i - 1))) {
                throw new IllegalStateException(s.key() + ": steps out of order");
            }
        }
        long days = ChronoUnit.DAYS.between(s.received().toLocalDate(), LAST_DATE);
        if (days < 0) {
            throw new IllegalStateException(s.key());
        }
    }

    // ------------------------------------------------------------------ building stories

    private static LocalDateTime at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute);
    }

    private static Optional<Ballot> ballot(Integer overall, LocalDateTime collected) {
        return Optional.of(new Ballot(overall, collected, null));
    }

    private static Step step(String type, LocalDateTime at, Map<String, Object> body) {
        return new Step(type, at, body);
    }

    private static Step result(LocalDateTime at) {
        return step("result", at, Map.of("outcome", "GRANTED", "resultDocumentRef", "KQ-" + at.toLocalDate()));
    }

    private static Step ret(LocalDateTime at, String channel) {
        return step("return", at, Map.of("channel", channel));
    }

    private static Story story(String key, String unit, String channel, LocalDateTime received, Optional<Ballot> rating,
                               Step... steps) {
        return new Story(key, unit, channel, received, List.of(steps), rating);
    }
}
