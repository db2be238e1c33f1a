package vn.motcua.dossier.tools;

import java.util.Arrays;

/** Latency percentiles by the nearest-rank method over recorded samples. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
    long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    int count() {
        return sorted.length;
    }
}
