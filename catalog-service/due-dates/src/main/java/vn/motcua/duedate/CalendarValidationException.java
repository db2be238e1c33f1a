package vn.motcua.duedate;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when calendar data is rejected; carries every violation, not only the first. */
public final class CalendarValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<CalendarViolation> violations;

    public CalendarValidationException(String context, List<CalendarViolation> violations) {
        super(context + ": " + violations.stream().map(CalendarViolation::toString)
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<CalendarViolation> violations() {
        return violations;
    }
}
