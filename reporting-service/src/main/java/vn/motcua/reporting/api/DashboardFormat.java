package vn.motcua.reporting.api;

import io.quarkus.qute.TemplateExtension;
import vn.motcua.duedate.Period;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and dates as Vietnamese readers write them (1.234; 97,12%; 05/10/2026), for the dashboard template
 * ({@code {vi:pct(x)}}) and its view model. A missing rate is "no data", never 0%.
 */
public final class DashboardFormat {
    static final String VI = "vi";
    public static final String NO_DATA = "chưa có số liệu";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private DashboardFormat() {
    }

    // DecimalFormat is not thread-safe: one per call
    private static DecimalFormat format(String pattern) {
        DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(Locale.ROOT);
        s.setDecimalSeparator(',');
        s.setGroupingSeparator('.');
        return new DecimalFormat(pattern, s);
    }

    @TemplateExtension(namespace = VI)
    public static String num(long n) {
        return format("#,##0").format(n);
    }

    /** A percentage with two decimals: 97,12%. */
    @TemplateExtension(namespace = VI)
    public static String pct(BigDecimal v) {
        return v == null ? NO_DATA : format("#,##0.00").format(v) + "%";
    }

    @TemplateExtension(namespace = VI)
    public static String dec1(BigDecimal v) {
        return v == null ? NO_DATA : format("#,##0.0").format(v);
    }

    @TemplateExtension(namespace = VI)
    public static String dec2(BigDecimal v) {
        return v == null ? NO_DATA : format("#,##0.00").format(v);
    }

    static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    static String time(Instant i) {
        return i == null ? "" : TIME.format(i.atZone(Period.VIETNAM));
    }

    static String time(OffsetDateTime t) {
        return t == null ? "" : time(t.toInstant());
    }

    /** A delay in days and hours: "2 ngày 3 giờ". */
    static String delay(Duration d) {
        long hours = d.toHours();
        if (hours < 1) {
            return "dưới 1 giờ";
        }
        long days = hours / 24;
        long rest = hours % 24;
        return days == 0 ? rest + " giờ" : rest == 0 ? days + " ngày" : days + " ngày " + rest + " giờ";
    }

    /** "tháng 10/2026", "quý IV/2026", "năm 2026", "ngày 05/10/2026". */
    static String period(Period p) {
        LocalDate d = p.firstDay();
        return switch (p.granularity()) {
            case DAY -> "ngày " + day(d);
            case MONTH -> String.format("tháng %02d/%d", d.getMonthValue(), d.getYear());
            case QUARTER -> "quý " + new String[]{"I", "II", "III", "IV"}[(d.getMonthValue() - 1) / 3] + "/"
                    + d.getYear();
            case YEAR -> "năm " + d.getYear();
        };
    }
}
