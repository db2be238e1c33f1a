package vn.motcua.duedate;

import static vn.motcua.duedate.DayOffKind.COMPENSATORY_DAY_OFF;
import static vn.motcua.duedate.DayOffKind.PUBLIC_HOLIDAY;
import static vn.motcua.duedate.DayOffKind.SWAPPED_DAY_OFF;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Official days off of Vietnamese civil servants for 2024-2026, as used by motcua's tests.
 * Weekend days inside a holiday break are left to the weekend rule.
 */
final class VietnamCalendars {

    static final String TET_VI = "Tết Nguyên đán";
    static final String TET_EN = "Lunar New Year (Tết)";
    static final String TET_COMP_VI = "Nghỉ bù Tết Nguyên đán";
    static final String TET_COMP_EN = "Lunar New Year (Tết), compensatory day off";
    static final String NEW_YEAR_VI = "Tết Dương lịch";
    static final String NEW_YEAR_EN = "New Year's Day";
    static final String HUNG_VI = "Giỗ Tổ Hùng Vương";
    static final String HUNG_EN = "Hung Kings Commemoration Day";
    static final String REUNIFICATION_VI = "Ngày Chiến thắng 30/4";
    static final String REUNIFICATION_EN = "Reunification Day";
    static final String LABOUR_VI = "Ngày Quốc tế Lao động 1/5";
    static final String LABOUR_EN = "International Labour Day";
    static final String NATIONAL_VI = "Quốc khánh";
    static final String NATIONAL_EN = "National Day";

    private static final WorkingCalendar CALENDAR = WorkingCalendar.of(all());
    private static final DueDateCalculator CALCULATOR = new DueDateCalculator(CALENDAR, CountingRules.defaults());

    private VietnamCalendars() {
    }

    static CalendarYear year2024() {
        return CalendarYear.of(2024, List.of(
                off("2024-01-01", PUBLIC_HOLIDAY, NEW_YEAR_VI, NEW_YEAR_EN),
                // Tết Giáp Thìn: Thu 8 Feb (29 Tháng Chạp) to Wed 14 Feb; Mùng 1 and 2 fall on the weekend.
                off("2024-02-08", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2024-02-09", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2024-02-12", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2024-02-13", COMPENSATORY_DAY_OFF, TET_COMP_VI, TET_COMP_EN),
                off("2024-02-14", COMPENSATORY_DAY_OFF, TET_COMP_VI, TET_COMP_EN),
                off("2024-04-18", PUBLIC_HOLIDAY, HUNG_VI, HUNG_EN),
                off("2024-04-29", SWAPPED_DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 04/05/2024",
                        "Swapped day off, worked on Saturday 2024-05-04"),
                off("2024-04-30", PUBLIC_HOLIDAY, REUNIFICATION_VI, REUNIFICATION_EN),
                off("2024-05-01", PUBLIC_HOLIDAY, LABOUR_VI, LABOUR_EN),
                off("2024-09-02", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN),
                off("2024-09-03", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN)),
                List.of(extra("2024-05-04", "Làm bù cho ngày nghỉ 29/04/2024",
                        "Worked to make up for the day off on 2024-04-29")));
    }

    static CalendarYear year2025() {
        return CalendarYear.of(2025, List.of(
                off("2025-01-01", PUBLIC_HOLIDAY, NEW_YEAR_VI, NEW_YEAR_EN),
                // Tết Ất Tỵ: Mon 27 to Fri 31 Jan (weekends on both sides).
                off("2025-01-27", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2025-01-28", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2025-01-29", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2025-01-30", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2025-01-31", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2025-04-07", PUBLIC_HOLIDAY, HUNG_VI, HUNG_EN),
                off("2025-04-30", PUBLIC_HOLIDAY, REUNIFICATION_VI, REUNIFICATION_EN),
                off("2025-05-01", PUBLIC_HOLIDAY, LABOUR_VI, LABOUR_EN),
                off("2025-05-02", SWAPPED_DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025",
                        "Swapped day off, worked on Saturday 2025-04-26"),
                off("2025-09-01", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN),
                off("2025-09-02", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN)),
                List.of(extra("2025-04-26", "Làm bù cho ngày nghỉ 02/05/2025",
                        "Worked to make up for the day off on 2025-05-02")));
    }

    static CalendarYear year2026() {
        return CalendarYear.of(2026, List.of(
                off("2026-01-01", PUBLIC_HOLIDAY, NEW_YEAR_VI, NEW_YEAR_EN),
                off("2026-01-02", SWAPPED_DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026",
                        "Swapped day off, worked on Saturday 2026-01-10"),
                // Tết Bính Ngọ: Mon 16 to Fri 20 Feb (29 Tháng Chạp to Mùng 4).
                off("2026-02-16", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2026-02-17", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2026-02-18", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2026-02-19", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                off("2026-02-20", PUBLIC_HOLIDAY, TET_VI, TET_EN),
                // Hùng Kings day is Sunday 26 Apr: the weekend rule covers it, Monday is given back.
                off("2026-04-27", COMPENSATORY_DAY_OFF, "Nghỉ bù Giỗ Tổ Hùng Vương",
                        "Hung Kings Commemoration Day, compensatory day off"),
                off("2026-04-30", PUBLIC_HOLIDAY, REUNIFICATION_VI, REUNIFICATION_EN),
                off("2026-05-01", PUBLIC_HOLIDAY, LABOUR_VI, LABOUR_EN),
                off("2026-09-01", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN),
                off("2026-09-02", PUBLIC_HOLIDAY, NATIONAL_VI, NATIONAL_EN)),
                List.of(extra("2026-01-10", "Làm bù cho ngày nghỉ 02/01/2026",
                        "Worked to make up for the day off on 2026-01-02")));
    }

    static List<CalendarYear> all() {
        return List.of(year2024(), year2025(), year2026());
    }

    /** Calendar with 2024-2026 data, Vietnam time. */
    static WorkingCalendar calendar() {
        return CALENDAR;
    }

    /** Calculator over {@link #calendar()} with the default 15:00 cut-offs. */
    static DueDateCalculator calculator() {
        return CALCULATOR;
    }

    /** A Vietnam local date-time such as {@code 2024-02-07T10:00} as an instant. */
    static Instant vn(String localDateTime) {
        return zoned(localDateTime).toInstant();
    }

    static ZonedDateTime zoned(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), WorkingCalendar.VIETNAM);
    }

    static DayOff off(String date, DayOffKind kind, String nameVi, String nameEn) {
        return new DayOff(LocalDate.parse(date), kind, nameVi, nameEn);
    }

    static ExtraWorkingDay extra(String date, String nameVi, String nameEn) {
        return new ExtraWorkingDay(LocalDate.parse(date), nameVi, nameEn);
    }
}
