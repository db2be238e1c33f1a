package vn.motcua.dossier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.dossier.domain.DossierEvent.RefusedAfterAppraisal;
import vn.motcua.dossier.domain.DossierEvent.Stopped;
import vn.motcua.duedate.Timeliness;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.dossier.domain.DossierSpec.given;
import static vn.motcua.dossier.domain.Fixtures.*;

@DisplayName("Classification: early / on time / late against the due of record")
class ClassificationTest {
    /** 3 working days from Monday 3 March 2025 10:00: due Thursday 6 March 17:00. */
    private static final DossierEvent RECEIVED_DAYS = receivedAtCounter(THREE_DAYS, vn(2025, 3, 3, 10, 0),
            closeOfOffice(2025, 3, 6), vn(2025, 3, 3, 17, 0));
    /** 180 working minutes from Friday 7 March 2025 16:30: due Monday 10 March 10:00. */
    private static final DossierEvent RECEIVED_MINUTES = receivedAtCounter(MINUTES_180, vn(2025, 3, 7, 16, 30),
            due(2025, 3, 10, 10, 0), vn(2025, 3, 10, 7, 30));

    @ParameterizedTest(name = "due Thursday 6 Mar, result ready {0} (Vietnam time) → {1}")
    @CsvSource({
            "2025-03-05T16:00, EARLY",
            "2025-03-06T08:00, ON_TIME",
            "2025-03-06T16:59, ON_TIME",
            "2025-03-06T21:00, ON_TIME",   // day-based: the date counts, not the instant
            "2025-03-07T06:30, LATE",      // Friday in Vietnam, still Thursday 23:30 in UTC
            "2025-03-07T09:00, LATE",
    })
    void dayBased(String completedAt, Timeliness expected) {
        Instant at = vn(completedAt);
        var outcome = given(RECEIVED_DAYS).when(recordResult(at)).then(processed(DESK, at));
        assertThat(outcome.classify()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "180 minutes due Monday 10:00, result ready {0} → {1}")
    @CsvSource({
            "2025-03-07T16:45, EARLY",
            "2025-03-10T09:59, EARLY",
            "2025-03-10T10:00, ON_TIME",
            "2025-03-10T10:01, LATE",      // the same date, but after the due instant
            "2025-03-10T16:00, LATE",
    })
    void hourBased(String completedAt, Timeliness expected) {
        Instant at = vn(completedAt);
        var outcome = given(RECEIVED_MINUTES).when(recordResult(at)).then(processed(DESK, at));
        assertThat(outcome.classify()).isEqualTo(expected);
    }

    @Test
    @DisplayName("refused after appraisal and stopped are completions too")
    void otherCompletions() {
        Instant wednesday = vn(2025, 3, 5, 9, 0);
        assertThat(Dossier.classify(Dossier.replay(List.of(RECEIVED_DAYS,
                        new RefusedAfterAppraisal(DESK, APPRAISER, "Không đủ điều kiện", wednesday))), CONTEXT))
                .isEqualTo(Timeliness.EARLY);
        assertThat(Dossier.classify(Dossier.replay(List.of(RECEIVED_DAYS,
                        new Stopped("Theo đề nghị của cơ quan điều tra", vn(2025, 3, 7, 9, 0)))), CONTEXT))
                .isEqualTo(Timeliness.LATE);
    }

    @Test
    @DisplayName("an open dossier has no classification yet")
    void openDossier() {
        assertThatThrownBy(() -> Dossier.classify(Dossier.replay(List.of(RECEIVED_DAYS)), CONTEXT))
                .isInstanceOf(IllegalStateException.class);
    }
}
