package vn.motcua.duedate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over the real 2024-2026 calendars, with reception instants spread from late 2023
 * into 2027 so that counts also run through years without data.
 */
class DueDatePropertyTest {

    private static final WorkingCalendar CAL = VietnamCalendars.calendar();
    private static final DueDateCalculator CALC = VietnamCalendars.calculator();
    private static final Instant FROM = VietnamCalendars.vn("2023-12-20T00:00");
    private static final Instant TO = VietnamCalendars.vn("2027-01-10T00:00");
    private static final List<LocalTime> EDGES = List.of(
            LocalTime.of(0, 0), LocalTime.of(7, 29, 59), LocalTime.of(7, 30), LocalTime.of(11, 29, 59),
            LocalTime.of(11, 30), LocalTime.of(12, 0), LocalTime.of(13, 30), LocalTime.of(14, 59, 59),
            LocalTime.of(15, 0), LocalTime.of(15, 0, 1), LocalTime.of(16, 59, 59), LocalTime.of(17, 0),
            LocalTime.of(23, 59, 59));

    /** Random instants plus instants on or next to office-period edges, where off-by-one bugs hide. */
    @Provide
    Arbitrary<Instant> receptions() {
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Instant> onEdges = Combinators.combine(
                        Arbitraries.longs().between(0, Duration.between(FROM, TO).toDays()),
                        Arbitraries.of(EDGES))
                .as((day, time) -> ZonedDateTime.of(
                        LocalDate.ofInstant(FROM, WorkingCalendar.VIETNAM).plusDays(day), time,
                        WorkingCalendar.VIETNAM).toInstant());
        return Arbitraries.oneOf(anywhere, onEdges);
    }

    @Provide
    Arbitrary<ProcessingTime> countedTimes() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 60).map(ProcessingTime::workingDays),
                Arbitraries.integers().between(1, 200).map(ProcessingTime::workingHours),
                Arbitraries.integers().between(1, 5000).map(ProcessingTime::workingMinutes),
                Arbitraries.integers().between(1, 90).map(ProcessingTime::calendarDays),
                Arbitraries.just(ProcessingTime.immediate()));
    }

    @Provide
    Arbitrary<ProcessingTimeUnit> countedUnits() {
        return Arbitraries.of(ProcessingTimeUnit.WORKING_DAYS, ProcessingTimeUnit.WORKING_HOURS,
                ProcessingTimeUnit.WORKING_MINUTES, ProcessingTimeUnit.CALENDAR_DAYS);
    }

    @Provide
    Arbitrary<Duration> officeTimes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 20_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 2_000_000).map(Duration::ofSeconds),
                Arbitraries.of(Duration.ofMinutes(450), Duration.ofMinutes(240), Duration.ofMinutes(210),
                        Duration.ofMinutes(90)));
    }

    @Property(tries = 2000)
    void dueFallsOnOfficeTimeOfAWorkingDay(@ForAll("receptions") Instant received,
                                           @ForAll("countedTimes") ProcessingTime time) {
        DueDate due = CALC.compute(received, time);
        ZonedDateTime at = due.dueAt().orElseThrow();
        LocalDate dueDate = due.dueDate().orElseThrow();

        assertThat(CAL.isWorkingDay(dueDate)).as("due date %s is a working day", dueDate).isTrue();
        if (time.unit() == ProcessingTimeUnit.CALENDAR_DAYS) {
            // Exclusive end of a working last day, or close of office of the working day it moved to.
            assertThat(at).isIn(dueDate.plusDays(1).atStartOfDay(WorkingCalendar.VIETNAM),
                    CAL.closeOfOffice(dueDate));
        } else {
            assertThat(at.toLocalDate()).isEqualTo(dueDate);
            LocalTime t = at.toLocalTime();
            assertThat(CAL.officePeriods(dueDate))
                    .as("%s lies in an office period or at its end", at)
                    .anySatisfy(p -> assertThat(!t.isBefore(p.start()) && !t.isAfter(p.end())).isTrue());
        }
        if (time.unit() == ProcessingTimeUnit.WORKING_DAYS || time.unit() == ProcessingTimeUnit.IMMEDIATE) {
            assertThat(at).isEqualTo(CAL.closeOfOffice(dueDate));
        }
    }

    @Property(tries = 2000)
    void moreTimeNeverGivesAnEarlierDue(@ForAll("receptions") Instant received,
                                        @ForAll("countedUnits") ProcessingTimeUnit unit,
                                        @ForAll @IntRange(min = 1, max = 400) int a,
                                        @ForAll @IntRange(min = 1, max = 400) int b) {
        int small = Math.min(a, b);
        int large = Math.max(a, b);
        DueDate first = CALC.compute(received, new ProcessingTime(small, unit));
        DueDate second = CALC.compute(received, new ProcessingTime(large, unit));

        assertThat(second.dueAt().orElseThrow()).isAfterOrEqualTo(first.dueAt().orElseThrow());
        assertThat(second.dueDate().orElseThrow()).isAfterOrEqualTo(first.dueDate().orElseThrow());
        if (small < large && unit != ProcessingTimeUnit.CALENDAR_DAYS) {
            // Office time and working days strictly grow with the amount.
            assertThat(second.dueAt().orElseThrow()).isAfter(first.dueAt().orElseThrow());
        }
    }

    @Property(tries = 2000)
    void dueIsNeverBeforeReception(@ForAll("receptions") Instant received,
                                   @ForAll("countedTimes") ProcessingTime time) {
        DueDate due = CALC.compute(received, time);
        Instant at = due.dueAt().orElseThrow().toInstant();

        assertThat(at).isAfter(received);
        assertThat(at).isAfter(due.countingStartsAt().toInstant());
        assertThat(due.countingStartsAt().toInstant()).isAfterOrEqualTo(received);
        assertThat(due.dueDate().orElseThrow()).isAfterOrEqualTo(due.receptionDay());
        assertThat(CALC.paperTransferDeadline(received).toInstant()).isAfter(received);
    }

    // More tries than the 2016 combined edge cases, so random samples are drawn too.
    @Property(tries = 2500)
    void addingOfficeTimeIsAssociative(@ForAll("receptions") Instant from,
                                       @ForAll("officeTimes") Duration x,
                                       @ForAll("officeTimes") Duration y) {
        // A zero second step would re-normalize a period end (11:30) to the next start (13:30).
        Duration second = y.isZero() ? Duration.ofSeconds(1) : y;

        assertThat(CAL.addOfficeTime(CAL.addOfficeTime(from, x), second))
                .isEqualTo(CAL.addOfficeTime(from, x.plus(second)));
    }

    @Property(tries = 2000)
    void officeTimeBetweenInvertsAddOfficeTime(@ForAll("receptions") Instant from,
                                               @ForAll("officeTimes") Duration d) {
        assertThat(CAL.officeTimeBetween(from, CAL.addOfficeTime(from, d))).isEqualTo(d);
    }

    @Property(tries = 2000)
    void oneMoreWorkingDayIsTheNextWorkingDay(@ForAll("receptions") Instant received,
                                              @ForAll @IntRange(min = 1, max = 300) int n) {
        DueDate due = CALC.compute(received, ProcessingTime.workingDays(n));
        DueDate next = CALC.compute(received, ProcessingTime.workingDays(n + 1));

        LocalDate expected = CAL.nextWorkingDay(due.dueDate().orElseThrow());
        assertThat(next.dueDate()).contains(expected);
        assertThat(next.dueAt()).contains(CAL.closeOfOffice(expected));
    }

    @Property(tries = 1000)
    void skippedDaysAreExactlyTheDaysOffPassedOver(@ForAll("receptions") Instant received,
                                                   @ForAll @IntRange(min = 1, max = 40) int n) {
        DueDate due = CALC.compute(received, ProcessingTime.workingDays(n));
        LocalDate last = due.dueDate().orElseThrow();
        long days = due.receptionDay().datesUntil(last.plusDays(1)).count();

        // Working days counted + reception day + skipped days cover the whole span.
        assertThat(due.skippedDays().size() + n + 1L).isEqualTo(days);
        assertThat(due.skippedDays()).allSatisfy(s -> assertThat(CAL.isWorkingDay(s.date())).isFalse());
    }

    @Property(tries = 1000)
    void classifyingAtTheDueInstant(@ForAll("receptions") Instant received,
                                    @ForAll("countedTimes") ProcessingTime time) {
        DueDate due = CALC.compute(received, time);
        Instant at = due.dueAt().orElseThrow().toInstant();
        // For calendar days the due instant is an exclusive end; the nanosecond before is still in time.
        Instant last = time.unit() == ProcessingTimeUnit.CALENDAR_DAYS
                && due.dueAt().get().toLocalTime().equals(LocalTime.MIDNIGHT) ? at.minusNanos(1) : at;

        assertThat(CALC.classify(last, due)).isEqualTo(Timeliness.ON_TIME);
        assertThat(CALC.classify(last.plus(Duration.ofDays(1)), due)).isEqualTo(Timeliness.LATE);
        assertThat(CALC.classify(received.minusSeconds(86_400), due)).isEqualTo(Timeliness.EARLY);
    }
}
