package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent.Apologized;
import vn.motcua.dossier.domain.DossierEvent.DueDateChanged;
import vn.motcua.dossier.domain.DossierEvent.Overdue;
import vn.motcua.dossier.domain.DossierEvent.Returned;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.ReturnChannel;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;
import static vn.motcua.dossier.domain.Types.DueChangeReason.APOLOGY;

/**
 * Overdue: one event, at the due instant, even when the watcher comes late. The usual dossier: 3 working days,
 * received Monday 3 March 2025 10:00, due Thursday 6 March 17:00.
 */
@DisplayName("Overdue: emitted once, at the due instant")
class OverdueTest {
    private static final Due THURSDAY_DUE = closeOfOffice(2025, 3, 6);
    private static final DossierEvent RECEIVED = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0), THURSDAY_DUE,
            vn(2025, 3, 3, 17, 0));
    private static final DossierEvent TRANSFERRED = toAppraisal(vn(2025, 3, 3, 17, 0), vn(2025, 3, 3, 14, 0));
    private static final Overdue OVERDUE = new Overdue(THURSDAY_DUE, vn(2025, 3, 6, 17, 0));

    @Test
    @DisplayName("before the due instant: nothing")
    void notYetDue() {
        given(RECEIVED, TRANSFERRED).when(markOverdue(vn(2025, 3, 6, 16, 59))).thenNothing();
    }

    @Test
    @DisplayName("at the due instant: overdue")
    void atTheDue() {
        DossierState s = given(RECEIVED, TRANSFERRED).when(markOverdue(vn(2025, 3, 6, 17, 0))).then(OVERDUE).state();
        assertThat(s.overdue()).isTrue();
    }

    @Test
    @DisplayName("the watcher runs on Saturday morning: the overdue still happened Thursday 17:00")
    void catchUp() {
        given(RECEIVED, TRANSFERRED).when(markOverdue(vn(2025, 3, 8, 9, 15))).then(OVERDUE);
    }

    @Test
    @DisplayName("only once")
    void onlyOnce() {
        given(RECEIVED, TRANSFERRED, OVERDUE).when(markOverdue(vn(2025, 3, 7, 9, 0))).thenNothing();
    }

    @Test
    @DisplayName("never for a completed dossier")
    void notWhenCompleted() {
        given(RECEIVED, TRANSFERRED, processed(POLICE, vn(2025, 3, 5, 9, 0)))
                .when(markOverdue(vn(2025, 3, 7, 9, 0))).thenNothing();
        given(RECEIVED, TRANSFERRED, processed(POLICE, vn(2025, 3, 5, 9, 0)),
                new Returned(ReturnChannel.COUNTER, vn(2025, 3, 5, 10, 0)))
                .when(markOverdue(vn(2025, 3, 7, 9, 0))).thenNothing();
    }

    @Test
    @DisplayName("never while the applicant owes a supplement")
    void notWhileWaitingForASupplement() {
        given(RECEIVED, TRANSFERRED, new SupplementRequested(POLICE, APPRAISER, MISSING, 1, vn(2025, 3, 4, 9, 0)))
                .when(markOverdue(vn(2025, 3, 10, 9, 0))).thenNothing();
    }

    @Test
    @DisplayName("never for a procedure without deadline")
    void noDeadline() {
        Instant at = vn(2025, 3, 3, 10, 0);
        given(received(NO_DEADLINE, Types.Channel.ONLINE, at, at, "ND61-2018", Due.NONE, at))
                .when(markOverdue(vn(2025, 12, 31, 17, 0))).thenNothing();
    }

    @Test
    @DisplayName("after an apology the new appointment counts: not overdue Friday, overdue Tuesday 11 Mar 17:00")
    void afterAnApology() {
        Instant wednesday = vn(2025, 3, 5, 16, 0);
        Due newDue = closeOfOffice(2025, 3, 11);
        DossierEvent[] history = {RECEIVED, TRANSFERRED,
                new Apologized(POLICE, "Cần xác minh thêm", newDue, wednesday),
                new DueDateChanged(APOLOGY, THURSDAY_DUE, newDue, THURSDAY_DUE, THURSDAY_DUE, wednesday)};
        given(history).when(markOverdue(vn(2025, 3, 7, 9, 0))).thenNothing();
        given(history).when(markOverdue(vn(2025, 3, 11, 17, 30))).then(new Overdue(newDue, vn(2025, 3, 11, 17, 0)));
    }

    @Test
    @DisplayName("hour-based: 180 minutes from Friday 16:30, overdue Monday 10:00 sharp")
    void minutes() {
        Instant friday1630 = vn(2025, 3, 7, 16, 30);
        DossierEvent received = receivedAtCounter(MINUTES_180, friday1630, due(2025, 3, 10, 10, 0),
                vn(2025, 3, 10, 7, 30));
        given(received).when(markOverdue(vn(2025, 3, 10, 9, 59))).thenNothing();
        given(received).when(markOverdue(vn(2025, 3, 10, 10, 0)))
                .then(new Overdue(due(2025, 3, 10, 10, 0), vn(2025, 3, 10, 10, 0)));
    }
}
