package vn.motcua.duedate;

import java.time.LocalDate;

/**
 * A weekend day worked to make up for a swapped day off; it has the year's office hours.
 * nameVi is required, nameEn is optional.
 */
public record ExtraWorkingDay(LocalDate date, String nameVi, String nameEn) {
}
