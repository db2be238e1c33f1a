package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.motcua.duedate.VietnamCalendars.calculator;
import static vn.motcua.duedate.VietnamCalendars.vn;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplanationTest {

    @Test
    void workingDaysAcrossTetListTheTetDaysWithTheirNames() {
        DueDate due = calculator().compute(vn("2024-02-07T10:00"), ProcessingTime.workingDays(3));

        assertThat(due.skippedDays()).extracting(SkippedDay::date, SkippedDay::reasonCode, SkippedDay::reasonVi)
                .containsExactly(
                        tuple(LocalDate.of(2024, 2, 8), "PUBLIC_HOLIDAY", "Tết Nguyên đán"),
                        tuple(LocalDate.of(2024, 2, 9), "PUBLIC_HOLIDAY", "Tết Nguyên đán"),
                        tuple(LocalDate.of(2024, 2, 10), "WEEKEND", "Thứ Bảy"),
                        tuple(LocalDate.of(2024, 2, 11), "WEEKEND", "Chủ Nhật"),
                        tuple(LocalDate.of(2024, 2, 12), "PUBLIC_HOLIDAY", "Tết Nguyên đán"),
                        tuple(LocalDate.of(2024, 2, 13), "COMPENSATORY_DAY_OFF", "Nghỉ bù Tết Nguyên đán"),
                        tuple(LocalDate.of(2024, 2, 14), "COMPENSATORY_DAY_OFF", "Nghỉ bù Tết Nguyên đán"),
                        tuple(LocalDate.of(2024, 2, 17), "WEEKEND", "Thứ Bảy"),
                        tuple(LocalDate.of(2024, 2, 18), "WEEKEND", "Chủ Nhật"));
        assertThat(due.skippedDays().get(0).reasonEn()).isEqualTo("Lunar New Year (Tết)");
        assertThat(due.skippedDays().get(2).reasonEn()).isEqualTo("Saturday");

        List<String> text = due.explanation();
        assertThat(text.get(0)).contains("during office hours");
        assertThat(text).anyMatch(s -> s.contains("is not counted") && s.contains("2024-02-07")
                && s.contains("2024-02-15"));
        assertThat(text).anyMatch(s -> s.contains("2024-02-15, 2024-02-16, 2024-02-19"));
        assertThat(text).anyMatch(s -> s.contains("close of office hours of the 3rd working day")
                && s.contains("2024-02-19 17:00"));
        assertThat(text).anyMatch(s -> s.contains("2024-02-08 (Lunar New Year (Tết))"));
    }

    @Test
    void swappedDayAndExtraSaturdayAroundThirtiethOfApril() {
        DueDate due = calculator().compute(vn("2024-04-26T10:00"), ProcessingTime.workingDays(3));

        assertThat(due.skippedDays()).extracting(SkippedDay::date, SkippedDay::reasonCode).containsExactly(
                tuple(LocalDate.of(2024, 4, 27), "WEEKEND"),
                tuple(LocalDate.of(2024, 4, 28), "WEEKEND"),
                tuple(LocalDate.of(2024, 4, 29), "SWAPPED_DAY_OFF"),
                tuple(LocalDate.of(2024, 4, 30), "PUBLIC_HOLIDAY"),
                tuple(LocalDate.of(2024, 5, 1), "PUBLIC_HOLIDAY"));
        // The extra working Saturday 4 May is the third working day, not a skipped day.
        assertThat(due.dueDate()).contains(LocalDate.of(2024, 5, 4));
    }

    @Test
    void calendarDaysListOnlyTheDaysOffThatPushTheEnd() {
        // 7 calendar days from Fri 2 Feb 2024 end on Fri 9 Feb (Tết), pushed to Thu 15 Feb.
        DueDate due = calculator().compute(vn("2024-02-02T10:00"), ProcessingTime.calendarDays(7));

        assertThat(due.skippedDays()).extracting(SkippedDay::date).containsExactly(
                LocalDate.of(2024, 2, 9), LocalDate.of(2024, 2, 10), LocalDate.of(2024, 2, 11),
                LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 13), LocalDate.of(2024, 2, 14));
        assertThat(due.explanation()).anyMatch(s -> s.contains("days off included"));
        assertThat(due.explanation()).anyMatch(s -> s.contains("non-working day (Lunar New Year (Tết))"));
    }

    @Test
    void calendarDaysEndingOnAWorkingDayPassOverNothing() {
        DueDate due = calculator().compute(vn("2024-02-05T10:00"), ProcessingTime.calendarDays(10));

        assertThat(due.skippedDays()).isEmpty();
        assertThat(due.explanation()).anyMatch(s -> s.contains("end of that day"));
    }

    @Test
    void hoursEndingAtPeriodEndAreExplained() {
        DueDate due = calculator().compute(vn("2024-03-04T10:00"), ProcessingTime.workingMinutes(90));

        assertThat(due.explanation()).anyMatch(s -> s.contains("exactly at the end of an office period")
                && s.contains("11:30"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # received          | expected phrase
        2024-03-04T10:00    | during office hours
        2024-03-04T18:00    | outside office hours
        2024-03-04T11:30    | outside office hours
        2024-03-09T10:00    | a non-working day (Saturday)
        2024-04-18T10:00    | a non-working day (Hung Kings Commemoration Day)
        """)
    void receptionStepIsExplained(String received, String phrase) {
        DueDate due = calculator().compute(vn(received), ProcessingTime.workingDays(1));

        assertThat(due.explanation().get(0)).contains(phrase);
    }

    @Test
    void longCountsKeepTheExplanationShort() {
        DueDate due = calculator().compute(vn("2024-01-02T08:00"), ProcessingTime.workingDays(200));

        assertThat(due.skippedDays()).hasSizeGreaterThan(31);
        assertThat(due.explanation()).anyMatch(s -> s.contains("Counted 200 working days, from 2024-01-03"));
        assertThat(due.explanation()).anyMatch(s -> s.contains((due.skippedDays().size() - 31) + " more"));
    }

    @Test
    void immediateAfterCutoffSkipsTheWeekend() {
        DueDate due = calculator().compute(vn("2024-03-08T16:00"), ProcessingTime.immediate());

        assertThat(due.skippedDays()).extracting(SkippedDay::reasonVi).containsExactly("Thứ Bảy", "Chủ Nhật");
        assertThat(due.explanation()).anyMatch(s -> s.contains("after the 15:00 cut-off"));
    }
}
