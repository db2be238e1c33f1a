package vn.motcua.satisfaction.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ratings and ballots at the edges of the published contract, for every consumer's tests (this module's test jar):
 * the longest codes, every optional field absent, codes of channels and reasons this version does not know yet
 * (the contract says consumers must accept them), a ballot of an unknown dossier (no dossier id, no unit), the
 * earliest and latest instants. Every envelope is schema-valid: a consumer must apply it, never dead-letter it.
 */
public final class SatisfactionEventEdges {
    private SatisfactionEventEdges() {
    }

    static Arbitrary<Instant> instants() {
        return Arbitraries.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("2026-11-27T03:00:00Z"),
                Instant.parse("9999-12-31T16:59:59Z"));
    }

    static Arbitrary<String> unitCodes() {
        return Arbitraries.strings().withChars("ABXYZ0123456789._-").ofMinLength(0).ofMaxLength(63).map(t -> "U" + t);
    }

    static Arbitrary<String> channels() {
        return Arbitraries.of("QR", "KIOSK", "ONLINE", "PAPER", "SMS", "ZALO_MINI_APP");
    }

    /** Envelopes of valid ratings and invalid ballots, each as published. */
    public static Arbitrary<SatisfactionEventEnvelope> envelopes() {
        Arbitrary<SatisfactionEventEnvelope> ratings = Combinators.combine(unitCodes(), channels(),
                        Arbitraries.integers().between(1, 5), instants(),
                        Arbitraries.strings().withChars("0123456789-/").ofMinLength(1).ofMaxLength(40).injectNull(0.5))
                .as((unit, channel, overall, at, ballot) -> {
                    SatisfactionEvent.RatingRecorded r = new SatisfactionEvent.RatingRecorded(UUID.randomUUID(), channel,
                            new SatisfactionEvent.CriteriaSetRef("SIPAS", 1), List.of(), overall, overall >= 4,
                            false, false, ballot, at, at);
                    return SatisfactionEventEnvelope.of(UUID.randomUUID(), UUID.randomUUID(),
                            unit + "-261127-0001", unit, at, r);
                });
        Arbitrary<SatisfactionEventEnvelope> invalid = Combinators.combine(unitCodes(), channels(), instants(),
                        Arbitraries.of("INCOMPLETE", "MULTIPLE_MARKS", "UNREADABLE", "OTHER", "TORN_BALLOT"),
                        Arbitraries.of("Phiếu bị rách", "Không đánh dấu mức chung 😐", "Đánh dấu hai mức “4” và “5”", "x".repeat(500))
                                .injectNull(0.5))
                .as((unit, channel, at, reason, text) -> SatisfactionEventEnvelope.of(UUID.randomUUID(),
                        UUID.randomUUID(), unit + "-261127-0002", unit, at,
                        new SatisfactionEvent.BallotInvalid(UUID.randomUUID(), channel, "INVALID", reason, text, null, at)));
        Arbitrary<SatisfactionEventEnvelope> unknownDossier = Combinators.combine(channels(), instants(),
                        Arbitraries.strings().withChars("abcXYZ019 .-/").ofMinLength(0).ofMaxLength(199))
                // as typed from a ballot, spaces and slashes included (never blank: the contract requires a code)
                .as((channel, at, typed) -> SatisfactionEventEnvelope.of(UUID.randomUUID(), null, "B" + typed, null, at,
                        new SatisfactionEvent.BallotInvalid(UUID.randomUUID(), channel, "REFUSED", "DOSSIER_UNKNOWN",
                                null, "B-1", at)));
        return Arbitraries.oneOf(ratings, invalid, unknownDossier);
    }

    public static UUID ratingId(SatisfactionEventEnvelope e) {
        return e.data() instanceof SatisfactionEvent.RatingRecorded r ? r.ratingId()
                : ((SatisfactionEvent.BallotInvalid) e.data()).ratingId();
    }
}
