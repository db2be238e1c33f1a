package vn.motcua.catalog.events;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A unit's validity bounds are days it existed; every copy of the catalog asks this one rule. */
class UnitValidityTest {

    static final UnitSnapshot NGHI_LOC = new UnitSnapshot("000.27.00.H40", "Ủy ban nhân dân huyện Nghi Lộc",
            UnitType.DISTRICT, "000.00.00.H40", LocalDate.of(2008, 1, 1), LocalDate.of(2025, 6, 30));

    @Test
    void anAbolishedDistrictIsInForceUpToItsLastDayOnly() {
        assertThat(NGHI_LOC.inForceDuring(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30))).isTrue();
        assertThat(NGHI_LOC.inForceDuring(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 30))).isTrue();
        assertThat(NGHI_LOC.inForceDuring(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31))).isFalse();
        // a period that overlaps its last days: the year 2025 still has it
        assertThat(NGHI_LOC.inForceDuring(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))).isTrue();
        assertThat(NGHI_LOC.inForceDuring(LocalDate.of(2007, 1, 1), LocalDate.of(2007, 12, 31))).isFalse();
    }

    @Test
    void openBoundsAreUnbounded() {
        assertThat(UnitSnapshot.inForceDuring(null, null, LocalDate.of(1900, 1, 1), LocalDate.of(1900, 1, 1))).isTrue();
        assertThat(UnitSnapshot.inForceDuring(LocalDate.of(2025, 7, 1), null, LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 6, 30))).isFalse();
        assertThat(UnitSnapshot.inForceDuring(LocalDate.of(2025, 7, 1), null, LocalDate.of(2030, 1, 1),
                LocalDate.of(2030, 1, 1))).isTrue();
    }
}
