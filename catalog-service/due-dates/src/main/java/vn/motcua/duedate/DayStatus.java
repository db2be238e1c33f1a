package vn.motcua.duedate;

import java.time.LocalDate;

/**
 * Whether a date is worked, and why.
 *
 * @param reasonCode  one of WORKING_DAY, EXTRA_WORKING_DAY, WEEKEND, PUBLIC_HOLIDAY,
 *                    COMPENSATORY_DAY_OFF, SWAPPED_DAY_OFF
 * @param dataMissing true when the date's year has no calendar data and defaults were assumed
 */
public record DayStatus(LocalDate date, boolean working, String reasonCode, String reasonVi, String reasonEn,
                        boolean dataMissing) {

    public static final String WORKING_DAY = "WORKING_DAY";
    public static final String EXTRA_WORKING_DAY = "EXTRA_WORKING_DAY";
    public static final String WEEKEND = "WEEKEND";
}
