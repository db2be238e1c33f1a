package vn.motcua.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdvisoryLockTest {

    @Test
    void noTwoLocksShareAnId() {
        List<Long> ids = new ArrayList<>();
        for (AdvisoryLock l : AdvisoryLock.values()) {
            if (l != AdvisoryLock.SATISFACTION_DOSSIER_SEED && l != AdvisoryLock.REPORTING_REBUILD_OFFSET) {
                ids.add(l.id());
            }
        }
        for (AdvisoryLock p : List.of(AdvisoryLock.REPORTING_CATALOG_PROJECTION, AdvisoryLock.REPORTING_DOSSIER_PROJECTION,
                AdvisoryLock.REPORTING_SATISFACTION_PROJECTION)) {
            ids.add(AdvisoryLock.rebuildOf(p));
        }
        assertThat(ids).doesNotHaveDuplicates();
        // the summary locks span a range of ids: no other lock inside it
        long first = AdvisoryLock.REPORTING_UNIT_SUMMARY.id();
        assertThat(ids).filteredOn(id -> id != first)
                .noneMatch(id -> id >= first && id < first + AdvisoryLock.SUMMARY_LOCKS);
    }
}
