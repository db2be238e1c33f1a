package vn.motcua.catalog.events;

import vn.motcua.duedate.ProcessingTime;

import java.time.LocalDate;
import java.util.List;

/** Every period in which a unit committed to a shorter time than the law gives for a procedure, oldest first. */
public record CommitmentSnapshot(String unitCode, String procedureCode, List<Period> periods) {

    /** {@code effectiveTo} is inclusive; null while the commitment is open. */
    public record Period(ProcessingTime committedTime, LocalDate effectiveFrom, LocalDate effectiveTo, String note) {
    }
}
