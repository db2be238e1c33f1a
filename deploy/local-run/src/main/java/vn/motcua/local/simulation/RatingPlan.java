package vn.motcua.local.simulation;

import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.local.simulation.CatalogSnapshot.Unit;
import vn.motcua.local.simulation.MonthGenerator.PlannedDossier;
import vn.motcua.local.simulation.MonthGenerator.PlannedRating;
import vn.motcua.local.simulation.MonthGenerator.Story;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The ratings of the month's returned dossiers: about half rated, by QR, online, kiosk or paper ballot (a few ballots
 * invalid, a few filed twice), lower when the dossier was late, some with a comment or a complaint. Draws from the
 * month generator's random source, so a seed still gives one plan.
 */
final class RatingPlan {
    private static final String[] COMMENTS = {"Cán bộ hướng dẫn tận tình", "Thủ tục nhanh gọn", "Thời gian chờ hơi lâu",
            "Cần bố trí thêm chỗ ngồi chờ", "Trả kết quả đúng hẹn", "Nhân viên thân thiện, chu đáo"};

    private final CatalogSnapshot catalog;
    private final WorkingCalendar calendar;
    private final Random random;
    private final long seed;
    private final Instant cutoff;
    private final LocalDate today;
    private final Duration officeDay;
    private int ballots;

    RatingPlan(CatalogSnapshot catalog, Random random, long seed, Instant cutoff, LocalDate today, Duration officeDay) {
        this.catalog = catalog;
        this.calendar = catalog.calendar();
        this.random = random;
        this.seed = seed;
        this.cutoff = cutoff;
        this.today = today;
        this.officeDay = officeDay;
    }

    /** The dossier with the ratings its applicant gives (none for most). */
    PlannedDossier add(PlannedDossier d, Unit unit, boolean late) {
        Instant returned = d.returnedAt();
        if (returned == null || d.story() == Story.REFUSED || random.nextInt(100) >= (late ? 45 : 55)) {
            return d;
        }
        List<String> criteria = catalog.criteriaFor(unit.type(), today);
        List<PlannedRating> ratings = new ArrayList<>();
        int r = random.nextInt(100);
        String channel;
        if (d.channel().equals("ONLINE")) {
            channel = r < 45 ? "QR" : r < 80 ? "ONLINE" : "PAPER";
        } else {
            channel = r < 50 ? "PAPER" : r < 80 ? "QR" : "KIOSK";
        }
        ratings.add(rating(channel, criteria, late, returned, false));
        if (channel.equals("PAPER") && !ratings.get(0).invalidBallot() && random.nextInt(100) < 3) {
            ratings.add(rating("PAPER", criteria, late, returned, true)); // a second ballot: kept as a duplicate
        }
        return new PlannedDossier(d.sourceId(), d.code(), d.story(), d.procedureCode(), d.receivingUnit(),
                d.competentUnit(), d.channel(), d.receivedAt(), d.submittedAt(), d.applicantName(), d.personalId(),
                d.phone(), d.history(), List.copyOf(ratings));
    }

    private PlannedRating rating(String channel, List<String> criteria, boolean late, Instant returned,
                                 boolean second) {
        boolean paper = channel.equals("PAPER");
        int overall = level(late);
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String c : criteria) {
            if (random.nextInt(10) > 0) {
                answers.put(c, Math.max(1, Math.min(5, overall + random.nextInt(3) - 1)));
            }
        }
        String comment = random.nextInt(100) < 20 ? COMMENTS[random.nextInt(COMMENTS.length)] : null;
        boolean complaint = overall <= 2 && random.nextInt(100) < 35;
        String complaintText = complaint ? "Đề nghị làm rõ lý do trả kết quả chậm so với giấy hẹn" : null;
        if (!paper) {
            return new PlannedRating(channel, overall, answers, null, null, comment, complaint, complaintText, null,
                    null);
        }
        // a ballot carries the day it was filled in: the day of the return or soon after, never after now
        Instant collected = calendar.addOfficeTime(returned, Duration.ofMinutes(second ? 60 + random.nextInt(600)
                : random.nextInt((int) officeDay.toMinutes() * 2)));
        if (collected.isAfter(cutoff)) {
            collected = returned;
        }
        String number = String.format("NA-%d-%06d", seed, ++ballots);
        int invalid = second ? 100 : random.nextInt(100);
        if (invalid < 4) {        // no overall mark: kept as INVALID (incomplete)
            return new PlannedRating(channel, null, answers, null, null, null, false, null, number, collected);
        }
        if (invalid < 6) {        // two marks on the overall question
            return new PlannedRating(channel, overall, answers, Set.of("overall"), null, null, false, null, number,
                    collected);
        }
        if (invalid < 8) {        // torn or smudged
            return new PlannedRating(channel, overall, Map.of(), null, "UNREADABLE", null, false, null, number,
                    collected);
        }
        return new PlannedRating(channel, overall, answers, null, null, comment, complaint, complaintText, number,
                collected);
    }

    private int level(boolean late) {
        int r = random.nextInt(100);
        if (late) {
            return r < 20 ? 5 : r < 50 ? 4 : r < 75 ? 3 : r < 90 ? 2 : 1;
        }
        return r < 56 ? 5 : r < 87 ? 4 : r < 95 ? 3 : r < 98 ? 2 : 1;
    }
}
