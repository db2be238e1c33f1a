package vn.motcua.satisfaction.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.events.RatingChannel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request bodies. Levels are 1 (very unsatisfied) to 5 (very satisfied). */
public final class Requests {
    /** The national dossier code format: unit code, date YYMMDD, sequence. */
    static final String DOSSIER_CODE = vn.motcua.dossier.events.DossierLimits.DOSSIER_CODE; // the producer's, declared once
    static final String CODE = "[A-Z0-9][A-Z0-9_-]{0,31}";

    private Requests() {
    }

    @Schema(description = "A rating through the QR code or SMS link (no login)")
    public record PublicRating(
            @Schema(description = "level per criterion code of the form's criteria set; unanswered criteria left out")
            Map<@NotBlank String, @NotNull @Min(1) @Max(5) Integer> answers,
            @NotNull @Min(1) @Max(5) Integer overall,
            @Size(max = 2000) String comment,
            boolean complaint,
            @Size(max = 4000) String complaintText) {
    }

    @Schema(description = "A rating entered by a kiosk, the online portal, or an officer (paper ballot, SMS, phone)")
    public record Rating(
            @NotNull RatingChannel channel,
            @NotBlank @Pattern(regexp = DOSSIER_CODE, message = "must be a dossier code such as 000.00.20.H40-261123-0001")
            String dossierCode,
            @Schema(description = "criteria set code; by default the set for the competent unit's type")
            @Pattern(regexp = CODE) String criteriaSet,
            @Schema(description = "the version printed on a paper ballot; by default the version in force")
            @Min(1) Integer criteriaSetVersion,
            Map<@NotBlank String, @NotNull @Min(1) @Max(5) Integer> answers,
            @Schema(description = "required, except on a paper ballot where it was not marked (the ballot is invalid)")
            @Min(1) @Max(5) Integer overall,
            @Schema(description = "paper ballots: questions (criterion codes or \"overall\") with several levels marked")
            Set<@NotBlank String> multipleMarked,
            @Schema(description = "paper ballots: the officer's finding that the ballot cannot be used (UNREADABLE, OTHER)")
            InvalidReason invalidReason,
            @Size(max = 2000) String comment,
            boolean complaint,
            @Size(max = 4000) String complaintText,
            @Schema(description = "paper ballots: the number printed on the ballot (required)")
            @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9./-]{1,40}") String ballotNumber,
            @Schema(description = "when the citizen answered: required for PAPER, SMS and PHONE; KIOSK and ONLINE use the time of submission")
            Instant collectedAt) {
    }

    @Schema(description = "The answer to a complaint")
    public record Resolution(@NotBlank @Size(max = 4000) String resolution,
                             @Schema(description = "when the answer was given; now by default") Instant resolvedAt) {
    }

    @Schema(description = "A new version of a criteria set")
    public record CriteriaSetVersion(
            @NotBlank @Size(max = 200) String nameVi,
            @NotBlank @Size(max = 200) String name,
            @NotEmpty Set<@NotBlank @Pattern(regexp = "[A-Z_]{2,32}") String> unitTypes,
            @NotNull LocalDate effectiveFrom,
            @NotEmpty @Size(max = 30) List<@Valid @NotNull Criterion> criteria) {
    }

    public record Criterion(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String code,
                            @NotBlank @Size(max = 200) String name,
                            @NotBlank @Size(max = 200) String nameVi) {
    }
}
