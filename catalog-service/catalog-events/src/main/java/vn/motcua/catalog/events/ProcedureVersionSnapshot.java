package vn.motcua.catalog.events;

import vn.motcua.duedate.ProcessingTime;

import java.time.LocalDate;
import java.util.List;

/**
 * One version of a procedure, in force from {@code effectiveFrom} to {@code effectiveTo} (inclusive, null while open).
 * A dossier is judged against the version in force on the day it was received.
 */
public record ProcedureVersionSnapshot(int version, LocalDate effectiveFrom, LocalDate effectiveTo,
                                       ProcessingTime legalTime, Long feeVnd, String feeNote, OnlineLevel onlineLevel,
                                       boolean postalReception, boolean postalReturn, List<String> requiredDocuments,
                                       String legalBasis, String decision) {
}
