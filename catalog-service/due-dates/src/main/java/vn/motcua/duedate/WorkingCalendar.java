package vn.motcua.duedate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days and office time in one time zone, built from per-year calendar data.
 *
 * <p>A year without data is treated as having only weekend days off, with the office hours and
 * weekend days of the nearest known year (the earlier one on a tie), or the defaults when no year
 * is known; its {@link DayStatus#dataMissing()} is true.
 *
 * <p>Immutable and thread-safe: the only mutable state is a concurrent cache of such assumed years.
 */
public final class WorkingCalendar {

    /** Vietnam time, declared once in the due-date library (every service imports it from there). */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    // Beyond this many days without a working day the data is unusable (e.g. every day a weekend day).
    private static final int MAX_DAYS_WITHOUT_WORK = 366 * 20;
    private static final int MAX_INDEXED_SPAN = 500;

    private static final String[] WEEKDAY_VI = {
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"
    };

    private final ZoneId zone;
    private final Map<Integer, YearData> known;
    private final int[] knownYears;
    // Known years by offset from the first one, so that day-by-day walks do not box the year.
    private final YearData[] knownByOffset;
    private final Map<Integer, YearData> assumed = new ConcurrentHashMap<>();

    private WorkingCalendar(ZoneId zone, Map<Integer, YearData> known) {
        this.zone = zone;
        this.known = known;
        this.knownYears = known.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int span = knownYears.length == 0 ? 0 : knownYears[knownYears.length - 1] - knownYears[0] + 1;
        this.knownByOffset = new YearData[span <= MAX_INDEXED_SPAN ? span : 0];
        if (knownByOffset.length > 0) {
            known.forEach((year, data) -> knownByOffset[year - knownYears[0]] = data);
        }
    }

    /** A calendar in Vietnam time. */
    public static WorkingCalendar of(Collection<CalendarYear> years) {
        return of(VIETNAM, years);
    }

    /**
     * @throws CalendarValidationException when a year is listed twice or a year's data is invalid
     *                                     (the violations are those of the first invalid year)
     */
    public static WorkingCalendar of(ZoneId zone, Collection<CalendarYear> years) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(years, "years");
        List<CalendarViolation> structural = new ArrayList<>();
        Map<Integer, Integer> indexByYear = new HashMap<>();
        int i = 0;
        for (CalendarYear y : years) {
            if (y == null) {
                structural.add(new CalendarViolation("years[" + i + "]", "must not be null"));
            } else {
                Integer first = indexByYear.putIfAbsent(y.year(), i);
                if (first != null) {
                    structural.add(new CalendarViolation("years[" + i + "].year",
                            "year " + y.year() + " is listed twice (also years[" + first + "])"));
                }
            }
            i++;
        }
        if (!structural.isEmpty()) {
            throw new CalendarValidationException("Invalid calendar year list", structural);
        }
        Map<Integer, YearData> data = new HashMap<>();
        for (CalendarYear y : years) {
            List<CalendarViolation> violations = y.validate();
            if (!violations.isEmpty()) {
                throw new CalendarValidationException("Invalid calendar data for year " + y.year(), violations);
            }
            data.put(y.year(), YearData.known(y));
        }
        return new WorkingCalendar(zone, Collections.unmodifiableMap(data));
    }

    public ZoneId zone() {
        return zone;
    }

    public DayStatus status(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return yearData(date.getYear()).status(date);
    }

    public boolean isWorkingDay(LocalDate date) {
        return status(date).working();
    }

    /** The office periods of a working day; empty on a day off. */
    public List<OfficePeriod> officePeriods(LocalDate date) {
        YearData y = yearData(date.getYear());
        return y.status(date).working() ? y.periods : List.of();
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        LocalDate d = date;
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException("No working day within " + MAX_DAYS_WITHOUT_WORK + " days after " + date);
    }

    /** The n-th working day strictly after {@code date}; n = 0 returns {@code date} itself. */
    public LocalDate addWorkingDays(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        LocalDate d = date;
        for (int i = 0; i < n; i++) {
            d = nextWorkingDay(d);
        }
        return d;
    }

    /**
     * The instant from which office time counts: the instant itself when it lies inside an office
     * period, otherwise the start of the next office period (an instant exactly at a period end
     * belongs to the next period).
     */
    public ZonedDateTime startOfNextWorkingPeriod(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        YearData y = yearData(date.getYear());
        if (y.status(date).working()) {
            for (OfficePeriod p : y.periods) {
                ZonedDateTime start = at(date, p.start());
                if (instant.isBefore(start.toInstant())) {
                    return start;
                }
                if (instant.isBefore(at(date, p.end()).toInstant())) {
                    return local;
                }
            }
        }
        return startOfOffice(nextWorkingDay(date));
    }

    /** Start of the first office period of a working day. */
    public ZonedDateTime startOfOffice(LocalDate workingDay) {
        List<OfficePeriod> periods = requireWorking(workingDay);
        return at(workingDay, periods.get(0).start());
    }

    /** End of the last office period of a working day. */
    public ZonedDateTime closeOfOffice(LocalDate workingDay) {
        List<OfficePeriod> periods = requireWorking(workingDay);
        return at(workingDay, periods.get(periods.size() - 1).end());
    }

    /**
     * Adds office time, skipping time outside office periods. {@code from} is normalized first with
     * {@link #startOfNextWorkingPeriod}; a count that ends exactly at a period end returns that end.
     */
    public Instant addOfficeTime(Instant from, Duration officeTime) {
        Objects.requireNonNull(officeTime, "officeTime");
        if (officeTime.isNegative()) {
            throw new IllegalArgumentException("officeTime must not be negative, got " + officeTime);
        }
        ZonedDateTime start = startOfNextWorkingPeriod(from);
        Instant cursor = start.toInstant();
        if (officeTime.isZero()) {
            return cursor;
        }
        LocalDate date = start.toLocalDate();
        Duration remaining = officeTime;
        while (true) {
            for (OfficePeriod p : yearData(date.getYear()).periods) {
                Instant end = at(date, p.end()).toInstant();
                if (!cursor.isBefore(end)) {
                    continue; // periods already behind the cursor on the first day
                }
                Instant begin = at(date, p.start()).toInstant();
                if (cursor.isBefore(begin)) {
                    cursor = begin;
                }
                Duration available = Duration.between(cursor, end);
                if (remaining.compareTo(available) <= 0) {
                    return cursor.plus(remaining);
                }
                remaining = remaining.minus(available);
                cursor = end;
            }
            date = nextWorkingDay(date);
            cursor = startOfOffice(date).toInstant();
        }
    }

    /** Office time inside [from, to); zero when {@code to} is not after {@code from}. */
    public Duration officeTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        Duration total = Duration.ZERO;
        for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            YearData y = yearData(d.getYear());
            if (!y.status(d).working()) {
                continue;
            }
            for (OfficePeriod p : y.periods) {
                Instant begin = max(from, at(d, p.start()).toInstant());
                Instant end = min(to, at(d, p.end()).toInstant());
                if (end.isAfter(begin)) {
                    total = total.plus(Duration.between(begin, end));
                }
            }
        }
        return total;
    }

    /** Years in [from, to] (either order) that have no calendar data, sorted. */
    public Set<Integer> missingYears(LocalDate from, LocalDate to) {
        int a = Math.min(from.getYear(), to.getYear());
        int b = Math.max(from.getYear(), to.getYear());
        TreeSet<Integer> missing = new TreeSet<>();
        for (int year = a; year <= b; year++) {
            if (!known.containsKey(year)) {
                missing.add(year);
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    /**
     * The days from {@code from} to {@code to} (both included) on which this calendar and {@code other} disagree:
     * a working day in one and a day off in the other, or other office hours. What a calendar revision changes, so
     * that holders of values counted in working time recount only what those days touch.
     */
    public List<LocalDate> daysThatDiffer(WorkingCalendar other, LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d) != other.isWorkingDay(d) || !officePeriods(d).equals(other.officePeriods(d))) {
                out.add(d);
            }
        }
        return out;
    }

    /** Years that have calendar data, sorted. */
    public Set<Integer> knownYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(known.keySet()));
    }

    private List<OfficePeriod> requireWorking(LocalDate day) {
        Objects.requireNonNull(day, "day");
        YearData y = yearData(day.getYear());
        DayStatus s = y.status(day);
        if (!s.working()) {
            throw new IllegalArgumentException(day + " is not a working day (" + s.reasonCode() + ")");
        }
        return y.periods;
    }

    private ZonedDateTime at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private YearData yearData(int year) {
        if (knownByOffset.length > 0) {
            int offset = year - knownYears[0];
            if (offset >= 0 && offset < knownByOffset.length && knownByOffset[offset] != null) {
                return knownByOffset[offset];
            }
        }
        YearData y = known.get(year);
        return y != null ? y : assumed.computeIfAbsent(year, this::assumeYear);
    }

    private YearData assumeYear(int year) {
        if (knownYears.length == 0) {
            return YearData.assumed(year, CalendarYear.DEFAULT_OFFICE_HOURS, CalendarYear.DEFAULT_WEEKEND);
        }
        int nearest = knownYears[0];
        for (int k : knownYears) {
            if (Math.abs((long) k - year) < Math.abs((long) nearest - year)) {
                nearest = k;
            }
        }
        YearData source = known.get(nearest);
        return YearData.assumed(year, source.periods, source.weekend);
    }

    /** Precomputed statuses of one year, indexed by day of year. */
    private static final class YearData {
        final List<OfficePeriod> periods;
        final Set<DayOfWeek> weekend;
        private final DayStatus[] statuses;

        private YearData(List<OfficePeriod> periods, Set<DayOfWeek> weekend, DayStatus[] statuses) {
            this.periods = periods;
            this.weekend = weekend;
            this.statuses = statuses;
        }

        static YearData known(CalendarYear y) {
            Map<LocalDate, DayOff> off = new HashMap<>();
            y.daysOff().forEach(d -> off.put(d.date(), d));
            Map<LocalDate, ExtraWorkingDay> extra = new HashMap<>();
            y.extraWorkingDays().forEach(d -> extra.put(d.date(), d));
            Set<DayOfWeek> weekend = y.weekendDays().isEmpty()
                    ? Collections.unmodifiableSet(EnumSet.noneOf(DayOfWeek.class))
                    : Collections.unmodifiableSet(EnumSet.copyOf(y.weekendDays()));
            DayStatus[] statuses = new DayStatus[Year.of(y.year()).length()];
            LocalDate d = LocalDate.ofYearDay(y.year(), 1);
            for (int i = 0; i < statuses.length; i++, d = d.plusDays(1)) {
                statuses[i] = statusOf(d, weekend, off.get(d), extra.get(d), false);
            }
            return new YearData(List.copyOf(y.officeHours()), weekend, statuses);
        }

        static YearData assumed(int year, List<OfficePeriod> periods, Set<DayOfWeek> weekend) {
            DayStatus[] statuses = new DayStatus[Year.of(year).length()];
            LocalDate d = LocalDate.ofYearDay(year, 1);
            for (int i = 0; i < statuses.length; i++, d = d.plusDays(1)) {
                statuses[i] = statusOf(d, weekend, null, null, true);
            }
            return new YearData(periods, weekend, statuses);
        }

        // A listed day off wins over the weekend so that a holiday on a weekend shows its own name.
        private static DayStatus statusOf(LocalDate d, Set<DayOfWeek> weekend, DayOff off, ExtraWorkingDay extra,
                                          boolean missing) {
            if (off != null) {
                String en = off.nameEn() != null ? off.nameEn() : off.nameVi();
                return new DayStatus(d, false, off.kind().name(), off.nameVi(), en, missing);
            }
            if (extra != null) {
                String en = extra.nameEn() != null ? extra.nameEn() : extra.nameVi();
                return new DayStatus(d, true, DayStatus.EXTRA_WORKING_DAY, extra.nameVi(), en, missing);
            }
            DayOfWeek dow = d.getDayOfWeek();
            if (weekend.contains(dow)) {
                return new DayStatus(d, false, DayStatus.WEEKEND, WEEKDAY_VI[dow.ordinal()], englishName(dow),
                        missing);
            }
            return new DayStatus(d, true, DayStatus.WORKING_DAY, "Ngày làm việc", "Working day", missing);
        }

        private static String englishName(DayOfWeek dow) {
            String n = dow.name();
            return n.charAt(0) + n.substring(1).toLowerCase();
        }

        DayStatus status(LocalDate date) {
            return statuses[date.getDayOfYear() - 1];
        }
    }
}
