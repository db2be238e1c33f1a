package vn.motcua.duedate;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Tunable cut-offs of the counting rules.
 *
 * @param immediateCutoff     an IMMEDIATE dossier received (after normalization) strictly after this
 *                            time is due at the close of the next working day
 * @param paperTransferCutoff a paper dossier received strictly after this time must reach the
 *                            processing unit at the start of the next working day
 */
public record CountingRules(LocalTime immediateCutoff, LocalTime paperTransferCutoff) {

    public static final LocalTime DEFAULT_CUTOFF = LocalTime.of(15, 0);

    public CountingRules {
        Objects.requireNonNull(immediateCutoff, "immediateCutoff");
        Objects.requireNonNull(paperTransferCutoff, "paperTransferCutoff");
    }

    public static CountingRules defaults() {
        return new CountingRules(DEFAULT_CUTOFF, DEFAULT_CUTOFF);
    }
}
