package vn.motcua.satisfaction.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.motcua.satisfaction.domain.CriteriaSet;
import vn.motcua.satisfaction.domain.Scale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies. */
public final class Views {
    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RatingView(UUID id, String dossierCode, String unitCode, String channel, String status,
                             String reason, String reasonText, String reasonTextVi, String criteriaSet,
                             int criteriaSetVersion, Map<String, Integer> answers, Integer overall, Boolean satisfied,
                             String comment, boolean complaint, String ballotNumber, Instant collectedAt,
                             Instant submittedAt, String submittedBy, Instant pendingUntil, Instant decidedAt,
                             String message, String messageVi) {
    }

    /** What the citizen sees after submitting through the link: no other data of the dossier. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicResult(UUID id, String status, String reason, String message, String messageVi,
                               Instant pendingUntil) {
    }

    /** The rating form behind a QR code or SMS link. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RatingForm(String dossierCode, String procedureName, String unitCode, String unitName,
                             Instant returnedAt, Instant windowEndsAt, String state, String stateVi,
                             CriteriaSetView criteriaSet, List<Scale.Level> scale) {
    }

    public record CriteriaSetView(String code, int version, String name, String nameVi, List<String> unitTypes,
                                  LocalDate effectiveFrom, List<CriteriaSet.Criterion> criteria) {
        static CriteriaSetView of(CriteriaSet s) {
            return new CriteriaSetView(s.code(), s.version(), s.name(), s.nameVi(),
                    s.unitTypes().stream().sorted().toList(), s.effectiveFrom(), s.criteria());
        }
    }

    public record RatingLink(String dossierCode, String token, String url, String qrCode, Instant windowEndsAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComplaintView(UUID id, UUID ratingId, String dossierCode, String unitCode, String channel,
                                String text, Instant openedAt, Instant dueAt, LocalDate dueDate,
                                boolean calendarDataMissing, String state, Instant resolvedAt, String resolution,
                                String resolvedBy, String timeliness, Boolean onTime,
                                @Schema(description = "when the service recorded the answer (resolvedAt is the instant "
                                        + "the officer stated)") Instant resolutionRecordedAt,
                                @Schema(description = "CLAIMED or RECORDED: the instant timeliness was decided on (the "
                                        + "stated one only when on the date the answer was recorded)") String timelinessBasis,
                                @Schema(description = "complaint ballots of the dossier in this complaint (its own "
                                        + "included); only on a single complaint") Long ballots) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * A unit's figures for a period: ratings by rating instant, complaints by opening instant (their state now).
     *
     * @param responses        valid + invalid ballots (duplicates and refused ones are not responses)
     * @param satisfactionRate satisfied (overall 4 or 5) over valid; null without valid ratings
     */
    public record UnitSatisfaction(String unitCode, String period, Instant from, Instant to, long responses,
                                   long valid, long invalid, Map<String, Long> invalidByReason, long duplicates,
                                   long refused, long pending, long satisfied, BigDecimal satisfactionRate,
                                   Map<String, Long> validByChannel, Map<String, BigDecimal> averageByCriterion,
                                   Complaints complaints, String definition) {
    }

    /**
     * @param onTimeRate resolved on time over (resolved + open past due); null when none of these
     */
    public record Complaints(long opened, long resolvedOnTime, long resolvedLate, long openOverdue,
                             long openNotYetDue, BigDecimal onTimeRate) {
    }
}
