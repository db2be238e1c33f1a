package vn.motcua.catalog.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ProcessingTimeUnit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * What each catalog change takes, checked field by field before the use case runs (the REST bodies and the seed
 * files are these). Responses reuse the published snapshot types where they fit.
 */
public final class CatalogInputs {
    static final String CODE = vn.motcua.catalog.events.CatalogLimits.CODE; // declared once, with the contract

    private CatalogInputs() {
    }

    @Schema(description = "A processing time: amount and unit. amount is 0 for IMMEDIATE and NO_DEADLINE.")
    public record TimeInput(
            @NotNull @PositiveOrZero @Max(100000) Integer amount,
            @NotNull ProcessingTimeUnit unit) {
    }

    public record FieldInput(
            @NotBlank @Pattern(regexp = CODE) String code,
            @NotBlank @Size(max = 300) String nameVi,
            @Size(max = 300) String nameEn) {
    }

    public record UnitInput(
            @NotBlank @Pattern(regexp = CODE) String code,
            @NotBlank @Size(max = vn.motcua.catalog.events.CatalogLimits.UNIT_NAME_MAX) String nameVi,
            @NotNull UnitType type,
            @Pattern(regexp = CODE) String parentCode,
            @NotNull LocalDate validFrom,
            LocalDate validTo) {
    }

    public record VersionInput(
            @NotNull LocalDate effectiveFrom,
            LocalDate effectiveTo,
            @NotNull @Valid TimeInput legalTime,
            @PositiveOrZero Long feeVnd,
            @Size(max = 1000) String feeNote,
            @NotNull OnlineLevel onlineLevel,
            @NotNull Boolean postalReception,
            @NotNull Boolean postalReturn,
            @NotNull @Size(max = 100) List<@NotBlank @Size(max = 500) String> requiredDocuments,
            @Size(max = 2000) String legalBasis,
            @Size(max = 500) String decision) {
    }

    public record ProcedureInput(
            @NotBlank @Pattern(regexp = CODE) String code,
            @NotBlank @Size(max = vn.motcua.catalog.events.CatalogLimits.PROCEDURE_NAME_MAX) String nameVi,
            @NotBlank @Pattern(regexp = CODE) String fieldCode,
            @NotNull ProcedureLevel level,
            @NotEmpty Set<@NotNull UnitType> competentUnitTypes,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid VersionInput> versions) {
    }

    public record AbolishInput(
            @NotNull LocalDate effectiveDate,
            @NotBlank @Size(max = 500) String decision) {
    }

    public record CommitmentInput(
            @NotNull @Valid TimeInput committedTime,
            @NotNull LocalDate effectiveFrom,
            @Size(max = 1000) String note) {
    }

    public record OfficePeriodInput(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    public record DayOffInput(@NotNull LocalDate date, @NotNull DayOffKind kind, @NotBlank @Size(max = 300) String nameVi,
                              @Size(max = 300) String nameEn) {
    }

    public record ExtraWorkingDayInput(@NotNull LocalDate date, @NotBlank @Size(max = 300) String nameVi,
                                       @Size(max = 300) String nameEn) {
    }

    public record CalendarInput(
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotEmpty @Size(max = 6) List<@NotNull @Valid OfficePeriodInput> officeHours,
            @NotNull Set<@NotNull DayOfWeek> weekendDays,
            @NotNull @Size(max = 60) List<@NotNull @Valid DayOffInput> daysOff,
            @NotNull @Size(max = 30) List<@NotNull @Valid ExtraWorkingDayInput> extraWorkingDays,
            Boolean provisional,
            @Size(max = 1000) String source) {
    }
}
