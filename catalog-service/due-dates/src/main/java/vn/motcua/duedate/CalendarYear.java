package vn.motcua.duedate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calendar data of one year: office hours, weekend days, days off and extra working days.
 * The record copies its collections (nulls are kept so that {@link #validate()} can report them)
 * and never throws; {@link WorkingCalendar#of} rejects invalid years.
 */
public record CalendarYear(int year, List<OfficePeriod> officeHours, Set<DayOfWeek> weekendDays,
                           List<DayOff> daysOff, List<ExtraWorkingDay> extraWorkingDays) {

    /** 07:30-11:30 and 13:30-17:00. */
    public static final List<OfficePeriod> DEFAULT_OFFICE_HOURS = List.of(
            OfficePeriod.of("07:30", "11:30"), OfficePeriod.of("13:30", "17:00"));

    public static final Set<DayOfWeek> DEFAULT_WEEKEND =
            Collections.unmodifiableSet(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

    public CalendarYear {
        officeHours = copyList(officeHours);
        weekendDays = weekendDays == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(weekendDays));
        daysOff = copyList(daysOff);
        extraWorkingDays = copyList(extraWorkingDays);
    }

    /** Default office hours, Saturday and Sunday off, no holidays. */
    public static CalendarYear standard(int year) {
        return new CalendarYear(year, DEFAULT_OFFICE_HOURS, DEFAULT_WEEKEND, List.of(), List.of());
    }

    /** Default office hours and weekend with the given days off and extra working days. */
    public static CalendarYear of(int year, List<DayOff> daysOff, List<ExtraWorkingDay> extraWorkingDays) {
        return new CalendarYear(year, DEFAULT_OFFICE_HOURS, DEFAULT_WEEKEND, daysOff, extraWorkingDays);
    }

    // List.copyOf rejects null elements, which validate() must be able to report.
    private static <T> List<T> copyList(List<T> source) {
        return source == null ? null : Collections.unmodifiableList(new ArrayList<>(source));
    }

    /** Office minutes in one working day (sum of valid periods), e.g. 450 for the defaults. */
    public long officeDayMinutes() {
        if (officeHours == null) {
            return 0;
        }
        long total = 0;
        for (OfficePeriod p : officeHours) {
            if (p != null && p.start() != null && p.end() != null && p.start().isBefore(p.end())) {
                total += p.minutes();
            }
        }
        return total;
    }

    /** Every problem in this year's data; empty when the data is usable. */
    public List<CalendarViolation> validate() {
        List<CalendarViolation> out = new ArrayList<>();
        if (year < Year.MIN_VALUE || year > Year.MAX_VALUE) {
            out.add(new CalendarViolation("year", year + " is not a supported year"));
            return List.copyOf(out);
        }
        validateOfficeHours(out);
        if (weekendDays == null) {
            out.add(new CalendarViolation("weekendDays", "must not be null (use an empty set for no weekend)"));
        } else if (weekendDays.contains(null)) {
            out.add(new CalendarViolation("weekendDays", "must not contain null"));
        }
        Map<LocalDate, String> offFields = validateDaysOff(out);
        validateExtraWorkingDays(out, offFields);
        return List.copyOf(out);
    }

    private void validateOfficeHours(List<CalendarViolation> out) {
        if (officeHours == null) {
            out.add(new CalendarViolation("officeHours", "must not be null"));
            return;
        }
        if (officeHours.isEmpty()) {
            out.add(new CalendarViolation("officeHours", "must contain at least one office period"));
            return;
        }
        OfficePeriod previous = null;
        int previousIndex = -1;
        for (int i = 0; i < officeHours.size(); i++) {
            OfficePeriod p = officeHours.get(i);
            String field = "officeHours[" + i + "]";
            if (p == null) {
                out.add(new CalendarViolation(field, "must not be null"));
                continue;
            }
            if (p.start() == null) {
                out.add(new CalendarViolation(field + ".start", "must not be null"));
            }
            if (p.end() == null) {
                out.add(new CalendarViolation(field + ".end", "must not be null"));
            }
            if (p.start() == null || p.end() == null) {
                continue;
            }
            if (!p.start().isBefore(p.end())) {
                out.add(new CalendarViolation(field,
                        "start " + p.start() + " must be before end " + p.end()));
                continue;
            }
            // Periods must be sorted and disjoint; touching periods are allowed.
            if (previous != null && p.start().isBefore(previous.end())) {
                out.add(new CalendarViolation(field, "period " + p + " overlaps or comes before officeHours["
                        + previousIndex + "] " + previous + "; periods must be sorted and must not overlap"));
            }
            previous = p;
            previousIndex = i;
        }
    }

    private Map<LocalDate, String> validateDaysOff(List<CalendarViolation> out) {
        Map<LocalDate, String> seen = new HashMap<>();
        if (daysOff == null) {
            out.add(new CalendarViolation("daysOff", "must not be null (use an empty list)"));
            return seen;
        }
        for (int i = 0; i < daysOff.size(); i++) {
            DayOff d = daysOff.get(i);
            String field = "daysOff[" + i + "]";
            if (d == null) {
                out.add(new CalendarViolation(field, "must not be null"));
                continue;
            }
            checkDate(out, field, d.date(), seen);
            if (d.kind() == null) {
                out.add(new CalendarViolation(field + ".kind", "must not be null"));
            }
            checkNameVi(out, field, d.nameVi());
        }
        return seen;
    }

    private void validateExtraWorkingDays(List<CalendarViolation> out, Map<LocalDate, String> offFields) {
        if (extraWorkingDays == null) {
            out.add(new CalendarViolation("extraWorkingDays", "must not be null (use an empty list)"));
            return;
        }
        Map<LocalDate, String> seen = new HashMap<>();
        for (int i = 0; i < extraWorkingDays.size(); i++) {
            ExtraWorkingDay d = extraWorkingDays.get(i);
            String field = "extraWorkingDays[" + i + "]";
            if (d == null) {
                out.add(new CalendarViolation(field, "must not be null"));
                continue;
            }
            if (checkDate(out, field, d.date(), seen)) {
                String offField = offFields.get(d.date());
                if (offField != null) {
                    out.add(new CalendarViolation(field + ".date",
                            d.date() + " is also listed as a day off (" + offField + ")"));
                }
                if (weekendDays != null && !weekendDays.contains(d.date().getDayOfWeek())) {
                    out.add(new CalendarViolation(field + ".date", d.date() + " is a " + d.date().getDayOfWeek()
                            + ", not a weekend day; only weekend days can be extra working days"));
                }
            }
            checkNameVi(out, field, d.nameVi());
        }
    }

    /** Checks presence, year and uniqueness; returns true when the date is usable for further checks. */
    private boolean checkDate(List<CalendarViolation> out, String field, LocalDate date, Map<LocalDate, String> seen) {
        String dateField = field + ".date";
        if (date == null) {
            out.add(new CalendarViolation(dateField, "must not be null"));
            return false;
        }
        if (date.getYear() != year) {
            out.add(new CalendarViolation(dateField, date + " is outside year " + year));
            return false;
        }
        String first = seen.putIfAbsent(date, field);
        if (first != null) {
            out.add(new CalendarViolation(dateField, date + " is listed twice (also " + first + ")"));
            return false;
        }
        return true;
    }

    private static void checkNameVi(List<CalendarViolation> out, String field, String nameVi) {
        if (nameVi == null) {
            out.add(new CalendarViolation(field + ".nameVi", "must not be null"));
        } else if (nameVi.isBlank()) {
            out.add(new CalendarViolation(field + ".nameVi", "must not be blank"));
        }
    }
}
