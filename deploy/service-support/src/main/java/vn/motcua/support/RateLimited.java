package vn.motcua.support;

import java.util.List;

/**
 * A request refused because its client address or its dossier asked too often: 429 with {@code Retry-After} (seconds)
 * and the field that was limited.
 */
public class RateLimited extends ProblemException {
    private final long retryAfterSeconds;

    public RateLimited(String field, String reason, String reasonVi, long retryAfterSeconds) {
        super(429, "rate-limited", "Too many requests: " + field + " " + reason + "; retry in " + retryAfterSeconds + " s",
                "Quá nhiều yêu cầu: " + field + " " + reasonVi + "; vui lòng thử lại sau " + retryAfterSeconds + " giây",
                List.of(new Violation(field, reason, reasonVi)));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
