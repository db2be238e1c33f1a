package vn.motcua.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service-quality index groups of Decision 766/QĐ-TTg (2022), all computed here and nowhere else. Progress,
 * online service and satisfaction come from the dossier flow; online payment, digitisation and the publicity group's
 * "dossiers synchronised to the national portal" come from what the dossier events say (DOMAIN.md §7, §9) and are
 * measured only where they said it. A group (or the part of it) without data is shown as not measured, never as
 * zero, and leaves the measured maximum. Maximum points per group are configuration (defaults: publicity 18,
 * progress 20, online service 12, online payment 10, satisfaction 18, digitisation 22).
 */
public final class Decision766 {

    public enum Group {
        PUBLICITY("Công khai, minh bạch", "Publicity and transparency"),
        PROGRESS("Tiến độ giải quyết", "Progress of handling"),
        ONLINE_SERVICE("Dịch vụ công trực tuyến", "Online public service"),
        ONLINE_PAYMENT("Thanh toán trực tuyến", "Online payment"),
        SATISFACTION("Mức độ hài lòng", "Satisfaction with dossier handling"),
        DIGITISATION("Số hóa hồ sơ", "Digitisation of dossiers");

        public final String nameVi;
        public final String nameEn;

        Group(String nameVi, String nameEn) {
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }
    }

    /**
     * One group: its points, or not measured (points null) with the reason. {@code measuredMaxPoints} is the part of
     * {@code maxPoints} that was measured (publicity: only its sync indicator; digitisation: the indicators with data).
     */
    public record GroupScore(Group group, String nameVi, String nameEn, int maxPoints, boolean measured,
                             BigDecimal points, String formula, String formulaVi, int measuredMaxPoints) {
    }

    /** Of the publicity group's points, those of indicator 1.4 "dossiers synchronised to the national portal". */
    public static final int SYNC_POINTS = 6;
    /** Digitisation's two indicators are rated against this rate: at or above it, full points. */
    public static final BigDecimal DIGITISATION_THRESHOLD = new BigDecimal("0.80");

    /** The measured part of a group: its points and the maximum they are out of. */
    record Measured(BigDecimal points, int max) {
    }

    /** All groups, the measured total and the score used for ranking: measured points ÷ measured maximum, in %. */
    public record Score(List<GroupScore> groups, BigDecimal measuredPoints, int measuredMaxPoints,
                        BigDecimal scorePercent) {
    }

    public static final Map<Group, Integer> DEFAULT_POINTS = Map.of(Group.PUBLICITY, 18, Group.PROGRESS, 20,
            Group.ONLINE_SERVICE, 12, Group.ONLINE_PAYMENT, 10, Group.SATISFACTION, 18, Group.DIGITISATION, 22);

    private final Map<Group, Integer> points;

    public Decision766(Map<Group, Integer> points) {
        this.points = Map.copyOf(points);
    }

    public Score score(Counts c) {
        List<GroupScore> groups = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int max = 0;
        for (Group g : Group.values()) {
            int p = points.getOrDefault(g, DEFAULT_POINTS.get(g));
            Measured m = measure(g, p, c);
            BigDecimal pts = m == null ? null : m.points().setScale(2, RoundingMode.HALF_UP);
            if (pts != null) {
                total = total.add(pts);
                max += m.max();
            }
            groups.add(new GroupScore(g, g.nameVi, g.nameEn, p, pts != null, pts, formula(g, p), formulaVi(g, p),
                    m == null ? 0 : m.max()));
        }
        BigDecimal percent = max == 0 ? null
                : total.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
        return new Score(groups, total, max, percent);
    }

    /** The group's measured points and the maximum they are out of, or null when motcua has no data for it. */
    static Measured measure(Group g, int p, Counts c) {
        Counts.Indicators d = c.portal();
        return switch (g) {
            case PUBLICITY -> {
                // indicator 1.4 only
                int sync = Math.min(SYNC_POINTS, p);
                yield d.syncMeasured() ? part(ratio(d.synced(), c.received()), sync) : null;
            }
            case ONLINE_PAYMENT -> part(ratio(d.paidOnline(), d.paid()), p);
            case DIGITISATION -> {
                // two indicators, half the points each, each rated against the 80% threshold
                int firstHalf = p / 2;
                Measured a = part(rated(ratio(d.digitised(), d.digitisationRecorded())), firstHalf);
                Measured b = part(rated(ratio(d.resultsElectronic(), d.resultsRecorded())), p - firstHalf);
                yield a == null ? b : b == null ? a : new Measured(a.points().add(b.points()), a.max() + b.max());
            }
            default -> part(share(g, c), p);
        };
    }

    private static Measured part(BigDecimal share, int max) {
        return share == null ? null : new Measured(share.multiply(BigDecimal.valueOf(max)), max);
    }

    /** min(1, rate ÷ 80%): the fraction of an indicator's points a rate earns against the threshold. */
    static BigDecimal rated(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        BigDecimal r = rate.divide(DIGITISATION_THRESHOLD, 6, RoundingMode.HALF_UP);
        return r.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : r;
    }

    /** The group's fraction of its maximum (0..1), or null when motcua has no data for it. */
    static BigDecimal share(Group g, Counts c) {
        return switch (g) {
            case PROGRESS -> ratio(c.nationalOnTimeCompleted() + c.nationalNotDueInProgress(),
                    c.completed() + c.inProgress());
            case ONLINE_SERVICE -> ratio(c.receivedOnline(), c.received());
            case SATISFACTION -> {
                long handled = c.completed() + c.inProgress();
                if (handled == 0) {
                    yield null;
                }
                BigDecimal overdue = ratioOrZero(c.late() + c.overdueOpen(), handled);
                BigDecimal complained = ratioOrZero(c.dislikedOrComplained(), c.ratings());
                BigDecimal v = BigDecimal.ONE.subtract(overdue).subtract(complained);
                yield v.signum() < 0 ? BigDecimal.ZERO : v;
            }
            default -> null;
        };
    }

    private static BigDecimal ratio(long n, long d) {
        return d == 0 ? null : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 6, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratioOrZero(long n, long d) {
        return d == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 6, RoundingMode.HALF_UP);
    }

    static String formula(Group g, int p) {
        return switch (g) {
            case PROGRESS -> p + " × national on-time rate = " + p
                    + " × (completed on time + in progress not yet due) ÷ (completed + in progress at period end)";
            case ONLINE_SERVICE -> p + " × online rate = " + p + " × received online ÷ received";
            case SATISFACTION -> p + " × (100% − (% overdue + % complained or disliked)); % overdue = (completed late"
                    + " + overdue open) ÷ (completed + in progress); % complained or disliked = ratings of level 1–2"
                    + " or with a complaint ÷ valid ratings";
            case PUBLICITY -> "of the group, only indicator 1.4 is measured: " + Math.min(SYNC_POINTS, p)
                    + " × dossiers synchronised to the national portal ÷ dossiers received (by reception date in the"
                    + " period; synchronised = the portal's latest answer is an acceptance)";
            case ONLINE_PAYMENT -> p + " × dossiers with a fee paid online (national portal or the province's payment"
                    + " gateway) ÷ dossiers with a fee paid (by the first payment that says its channel)";
            case DIGITISATION -> (p / 2) + " × min(1, digitised rate ÷ 80%) + " + (p - p / 2)
                    + " × min(1, electronic result rate ÷ 80%); digitised rate = dossiers received whose submitted"
                    + " components were all digitised ÷ dossiers received that say so; electronic result rate ="
                    + " results issued electronically ÷ results that say so; an indicator without data is left out";
            default -> "not measured: motcua has no data for this group";
        };
    }

    static String formulaVi(Group g, int p) {
        return switch (g) {
            case PROGRESS -> p + " × tỷ lệ đúng hạn = " + p
                    + " × (số hồ sơ giải quyết đúng hạn + đang giải quyết chưa đến hạn) ÷ (đã giải quyết + đang giải quyết)";
            case ONLINE_SERVICE -> p + " × tỷ lệ tiếp nhận trực tuyến = " + p + " × hồ sơ trực tuyến ÷ hồ sơ tiếp nhận";
            case SATISFACTION -> p + " × (100% − (% quá hạn + % phản ánh, không hài lòng))";
            case PUBLICITY -> "chỉ đo chỉ số 1.4: " + Math.min(SYNC_POINTS, p)
                    + " × hồ sơ đã đồng bộ lên Cổng Dịch vụ công quốc gia ÷ hồ sơ tiếp nhận trong kỳ";
            case ONLINE_PAYMENT -> p + " × hồ sơ nộp phí, lệ phí trực tuyến (Cổng DVCQG hoặc cổng thanh toán của tỉnh)"
                    + " ÷ hồ sơ có nộp phí, lệ phí";
            case DIGITISATION -> (p / 2) + " × min(1, tỷ lệ hồ sơ được số hóa ÷ 80%) + " + (p - p / 2)
                    + " × min(1, tỷ lệ kết quả điện tử ÷ 80%)";
            default -> "chưa đo: motcua không có dữ liệu cho nhóm này";
        };
    }
}
