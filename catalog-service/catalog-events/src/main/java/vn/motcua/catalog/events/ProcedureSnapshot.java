package vn.motcua.catalog.events;

import java.time.LocalDate;
import java.util.List;

/** A procedure with all its versions, oldest first. {@code abolishedOn} is the first day it is no longer in force. */
public record ProcedureSnapshot(String code, String nameVi, String fieldCode, String fieldNameVi,
                                ProcedureLevel level, List<UnitType> competentUnitTypes, LocalDate abolishedOn,
                                List<ProcedureVersionSnapshot> versions) {
}
