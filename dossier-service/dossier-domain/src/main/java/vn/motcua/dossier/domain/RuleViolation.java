package vn.motcua.dossier.domain;

/**
 * A command the rules refuse. {@code rule} is a stable code (e.g. "apology-too-late"), {@code status} 409 when the
 * dossier's state forbids it, 400 when the command itself is wrong. Nothing is appended.
 */
public class RuleViolation extends RuntimeException {
    private final int status;
    private final String rule;
    private final String field;
    private final String messageVi;

    public RuleViolation(int status, String rule, String field, String message, String messageVi) {
        super(message);
        this.status = status;
        this.rule = rule;
        this.field = field;
        this.messageVi = messageVi;
    }

    static RuleViolation state(String rule, String message, String messageVi) {
        return new RuleViolation(409, rule, null, message, messageVi);
    }

    static RuleViolation input(String rule, String field, String message, String messageVi) {
        return new RuleViolation(400, rule, field, message, messageVi);
    }

    public int status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    public String messageVi() {
        return messageVi;
    }
}
