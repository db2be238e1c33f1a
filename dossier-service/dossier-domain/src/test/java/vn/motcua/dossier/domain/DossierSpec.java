package vn.motcua.dossier.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * given(events...) → when(command) → then(events...) | thenRefused(status, rule).
 * The given events are folded with {@link Dossier#replay}; the command is decided against that state; a refused
 * command throws {@link RuleViolation} and appends nothing.
 */
final class DossierSpec {
    private final Dossier.Context context;
    private final List<DossierEvent> history;
    private DossierCommand command;

    private DossierSpec(Dossier.Context context, List<DossierEvent> history) {
        this.context = context;
        this.history = List.copyOf(history);
    }

    static DossierSpec given(DossierEvent... events) {
        return new DossierSpec(Fixtures.CONTEXT, Arrays.asList(events));
    }

    DossierSpec withContext(Dossier.Context other) {
        return new DossierSpec(other, history);
    }

    DossierSpec when(DossierCommand next) {
        this.command = next;
        return this;
    }

    /** The command is accepted and appends exactly these events, in this order. */
    Outcome then(DossierEvent... expected) {
        List<DossierEvent> actual = decide();
        if (expected.length == 0) {
            assertThat(actual).as("events appended by %s", command).isEmpty();
        } else {
            assertThat(actual).as("events appended by %s", command).containsExactly(expected);
        }
        return outcome(actual);
    }

    /** The command is accepted and appends nothing. */
    Outcome thenNothing() {
        return then();
    }

    /** The command is accepted; the caller inspects the events itself. */
    Outcome thenAccepted() {
        return outcome(decide());
    }

    /** The command is refused with this HTTP status and rule code, and appends nothing. */
    RuleViolation thenRefused(int status, String rule) {
        RuleViolation v = thenRefused(rule);
        assertThat(v.status()).as("status of %s", rule).isEqualTo(status);
        return v;
    }

    RuleViolation thenRefused(String rule) {
        DossierState before = Dossier.replay(history);
        Throwable thrown = catchThrowable(() -> Dossier.decide(before, command, context));
        assertThat(thrown).as("%s must be refused with %s", command, rule).isInstanceOf(RuleViolation.class);
        RuleViolation v = (RuleViolation) thrown;
        assertThat(v.rule()).as("rule of the refusal (%s)", v.getMessage()).isEqualTo(rule);
        assertThat(v.getMessage()).isNotBlank();
        assertThat(v.messageVi()).isNotBlank();
        // decide returns events or throws, so a refusal appends nothing by construction (the state is an immutable
        // record: comparing it with itself proved nothing). What can break is purity: the same command against the
        // same state must be refused the same way every time, or a retry could pass where the first try failed.
        Throwable again = catchThrowable(() -> Dossier.decide(before, command, context));
        assertThat(again).as("deciding %s again", command).isInstanceOf(RuleViolation.class);
        assertThat(((RuleViolation) again).rule()).isEqualTo(v.rule());
        return v;
    }

    private List<DossierEvent> decide() {
        if (command == null) {
            throw new IllegalStateException("when(command) first");
        }
        return Dossier.decide(Dossier.replay(history), command, context);
    }

    private Outcome outcome(List<DossierEvent> appended) {
        List<DossierEvent> all = new ArrayList<>(history);
        all.addAll(appended);
        return new Outcome(appended, Dossier.replay(all), context);
    }

    /** What an accepted command led to: the appended events and the state folded from the whole history. */
    record Outcome(List<DossierEvent> events, DossierState state, Dossier.Context context) {
        <E extends DossierEvent> E event(Class<E> type) {
            return events.stream().filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + events));
        }

        vn.motcua.duedate.Timeliness classify() {
            return Dossier.classify(state, context);
        }

        vn.motcua.duedate.Timeliness classifyNational() {
            return Dossier.classifyNational(state, context);
        }
    }
}
