package vn.motcua.catalog.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for things versioned by effective date (procedure versions, unit commitments): periods are inclusive, at most
 * one is in force on any day, and a new period that starts after an open one closes it the day before.
 */
public final class Versioning {
    private Versioning() {
    }

    public record Span(LocalDate from, LocalDate to) {
        public boolean overlaps(Span other) {
            LocalDate thisEnd = to == null ? LocalDate.MAX : to;
            LocalDate otherEnd = other.to == null ? LocalDate.MAX : other.to;
            return !from.isAfter(otherEnd) && !other.from.isAfter(thisEnd);
        }
    }

    /** Violations of a complete list of periods, given oldest first; field names use {@code prefix[i]}. */
    public static List<vn.motcua.support.ProblemException.Violation> check(List<Span> spans, String prefix) {
        List<vn.motcua.support.ProblemException.Violation> violations = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            if (s.from() == null) {
                violations.add(new vn.motcua.support.ProblemException.Violation(prefix + "[" + i + "].effectiveFrom", "is required",
                        "là bắt buộc"));
                continue;
            }
            if (s.to() != null && s.to().isBefore(s.from())) {
                violations.add(new vn.motcua.support.ProblemException.Violation(prefix + "[" + i + "].effectiveTo",
                        "is before effectiveFrom", "trước ngày bắt đầu hiệu lực"));
            }
            for (int j = 0; j < i; j++) {
                Span earlier = spans.get(j);
                if (earlier.from() != null && s.overlaps(earlier)) {
                    violations.add(new vn.motcua.support.ProblemException.Violation(prefix + "[" + i + "].effectiveFrom",
                            "overlaps " + prefix + "[" + j + "] (" + earlier.from() + " to "
                                    + (earlier.to() == null ? "open" : earlier.to()) + ")",
                            "trùng thời gian hiệu lực với " + prefix + "[" + j + "]"));
                }
                if (earlier.from() != null && !s.from().isAfter(earlier.from())) {
                    violations.add(new vn.motcua.support.ProblemException.Violation(prefix + "[" + i + "].effectiveFrom",
                            "must be after the start of " + prefix + "[" + j + "] (versions are listed oldest first)",
                            "phải sau ngày bắt đầu của " + prefix + "[" + j + "]"));
                }
            }
        }
        return violations;
    }

    /**
     * The end date to give the latest existing period when a new one starts on {@code newFrom}, or a violation.
     *
     * @return the latest period's new end (unchanged when it already ends before newFrom)
     */
    public static LocalDate closeLatestFor(Span latest, LocalDate newFrom, String field) {
        if (!newFrom.isAfter(latest.from())) {
            throw CatalogException.invalid(field,
                    "must be after " + latest.from() + ", the start of the version in force (no back-dated overlap)",
                    "phải sau ngày " + latest.from() + ", ngày bắt đầu của phiên bản hiện hành (không được trùng)");
        }
        if (latest.to() == null) {
            return newFrom.minusDays(1);
        }
        if (!latest.to().isBefore(newFrom)) {
            throw CatalogException.invalid(field,
                    "overlaps the version in force until " + latest.to(),
                    "trùng với phiên bản có hiệu lực đến ngày " + latest.to());
        }
        return latest.to();
    }
}
