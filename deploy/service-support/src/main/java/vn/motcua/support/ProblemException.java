package vn.motcua.support;

import java.util.List;

/**
 * A request a service refuses, with the HTTP status, a stable code (the last segment of the problem type), the
 * fields at fault and the reasons in English and Vietnamese (officials and citizens read these messages).
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String titleVi;
    private final List<Violation> violations;

    public record Violation(String field, String reason, String reasonVi) {
    }

    public ProblemException(int status, String code, String title, String titleVi, List<Violation> violations) {
        super(title);
        this.status = status;
        this.code = code;
        this.titleVi = titleVi;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException invalid(String field, String reason, String reasonVi) {
        return new ProblemException(400, "invalid-input", "Invalid input: " + field + " " + reason,
                "Dữ liệu không hợp lệ: " + field + " " + reasonVi, List.of(new Violation(field, reason, reasonVi)));
    }

    public static ProblemException invalid(List<Violation> violations) {
        String first = violations.isEmpty() ? "" : ": " + violations.get(0).field() + " " + violations.get(0).reason();
        String firstVi = violations.isEmpty() ? "" : ": " + violations.get(0).field() + " " + violations.get(0).reasonVi();
        return new ProblemException(400, "invalid-input", "Invalid input" + first, "Dữ liệu không hợp lệ" + firstVi,
                violations);
    }

    public static ProblemException notFound(String what, String code, String whatVi) {
        return new ProblemException(404, "not-found", what + " " + code + " does not exist",
                whatVi + " " + code + " không tồn tại", List.of());
    }

    public static ProblemException conflict(String field, String reason, String reasonVi) {
        return new ProblemException(409, "conflict", "Conflict: " + field + " " + reason,
                "Xung đột dữ liệu: " + field + " " + reasonVi, List.of(new Violation(field, reason, reasonVi)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String titleVi() {
        return titleVi;
    }

    public List<Violation> violations() {
        return violations;
    }
}
