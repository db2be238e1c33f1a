package vn.motcua.dossier.domain;

import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.WorkingCalendar;

import java.time.LocalDate;
import java.util.List;

/**
 * The official 2025 calendar of Vietnamese civil servants (office hours 07:30-11:30 and 13:30-17:00, Saturday and
 * Sunday off): New Year 1 Jan; Tết Ất Tỵ Mon 27 - Fri 31 Jan; Hùng Kings Mon 7 Apr; 30 Apr and 1 May; Fri 2 May
 * swapped with Saturday 26 Apr, which is worked; National Day 1-2 Sep.
 */
final class TestCalendar {
    static final WorkingCalendar VIETNAM_2025 = WorkingCalendar.of(List.of(year2025()));

    private TestCalendar() {
    }

    static CalendarYear year2025() {
        return CalendarYear.of(2025, List.of(
                off("2025-01-01", DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch"),
                off("2025-01-27", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2025-01-28", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2025-01-29", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2025-01-30", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2025-01-31", DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán"),
                off("2025-04-07", DayOffKind.PUBLIC_HOLIDAY, "Giỗ Tổ Hùng Vương"),
                off("2025-04-30", DayOffKind.PUBLIC_HOLIDAY, "Ngày Chiến thắng 30/4"),
                off("2025-05-01", DayOffKind.PUBLIC_HOLIDAY, "Ngày Quốc tế Lao động 1/5"),
                off("2025-05-02", DayOffKind.SWAPPED_DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025"),
                off("2025-09-01", DayOffKind.PUBLIC_HOLIDAY, "Quốc khánh"),
                off("2025-09-02", DayOffKind.PUBLIC_HOLIDAY, "Quốc khánh")),
                List.of(new ExtraWorkingDay(LocalDate.parse("2025-04-26"), "Làm bù cho ngày nghỉ 02/05/2025", null)));
    }

    private static DayOff off(String date, DayOffKind kind, String nameVi) {
        return new DayOff(LocalDate.parse(date), kind, nameVi, null);
    }
}
