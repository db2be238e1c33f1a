package vn.motcua.dossier.app;

import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.RuleViolation;
import vn.motcua.support.ProblemException;

import java.util.List;
import java.util.function.Supplier;

/** A domain rule's refusal ({@link RuleViolation}) answered as problem+json naming the rule and the field. */
final class RuleRefusals {
    private RuleRefusals() {
    }

    static List<DossierEvent> decide(DossierState s, DossierCommand c, Dossier.Context ctx) {
        return asProblem(() -> Dossier.decide(s, c, ctx));
    }

    static <T> T asProblem(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (RuleViolation v) {
            throw new ProblemException(v.status(), v.rule(), v.getMessage(), v.messageVi(),
                    v.field() == null ? List.of()
                            : List.of(new ProblemException.Violation(v.field(), v.getMessage(), v.messageVi())));
        }
    }
}
