package vn.motcua.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service-quality index groups of Decision 766/QĐ-TTg (2022). motcua has data for three groups (progress, online
 * service, satisfaction with dossier handling); the others are shown as not measured, never as zero. Maximum points
 * per group are configuration (defaults: publicity 18, progress 20, online service 12, online payment 10,
 * satisfaction 18, digitisation 22).
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

    /** One group: its points, or not measured (points null) with the reason. */
    public record GroupScore(Group group, String nameVi, String nameEn, int maxPoints, boolean measured,
                             BigDecimal points, String formula, String formulaVi) {
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
            BigDecimal share = share(g, c);
            BigDecimal pts = share == null ? null : share.multiply(BigDecimal.valueOf(p)).setScale(2, RoundingMode.HALF_UP);
            if (pts != null) {
                total = total.add(pts);
                max += p;
            }
            groups.add(new GroupScore(g, g.nameVi, g.nameEn, p, pts != null, pts, formula(g, p), formulaVi(g, p)));
        }
        BigDecimal percent = max == 0 ? null
                : total.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
        return new Score(groups, total, max, percent);
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
            default -> "not measured: motcua has no data for this group";
        };
    }

    static String formulaVi(Group g, int p) {
        return switch (g) {
            case PROGRESS -> p + " × tỷ lệ đúng hạn = " + p
                    + " × (số hồ sơ giải quyết đúng hạn + đang giải quyết chưa đến hạn) ÷ (đã giải quyết + đang giải quyết)";
            case ONLINE_SERVICE -> p + " × tỷ lệ tiếp nhận trực tuyến = " + p + " × hồ sơ trực tuyến ÷ hồ sơ tiếp nhận";
            case SATISFACTION -> p + " × (100% − (% quá hạn + % phản ánh, không hài lòng))";
            default -> "chưa đo: motcua không có dữ liệu cho nhóm này";
        };
    }
}
