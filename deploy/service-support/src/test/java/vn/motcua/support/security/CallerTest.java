package vn.motcua.support.security;

import org.junit.jupiter.api.Test;
import vn.motcua.support.ProblemException;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {
    // ward A1 under district D under province P; X elsewhere; L1 and L2 point at each other
    private static final Map<String, String> PARENT = Map.of("A1", "D", "D", "P", "X", "Q", "L1", "L2", "L2", "L1");

    @Test
    void anOfficerActsForTheUnitsOfItsTokenOnly() {
        Caller officer = new Caller("cb.a1", Set.of(Caller.OFFICER), "A1", Set.of());
        assertThat(officer.mayActFor("A1")).isTrue();
        assertThat(officer.mayActFor("D")).isFalse();
        assertThat(officer.mayRead("D")).isFalse();
        assertThatThrownBy(() -> officer.requireActFor("D", "unit")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(403));
    }

    @Test
    void aKioskActsForEveryUnitItsTokenNames() {
        Caller kiosk = new Caller("kiosk-1", Set.of(Caller.SYSTEM), null, Set.of("A1", "X"));
        assertThat(kiosk.units()).containsExactlyInAnyOrder("A1", "X");
        assertThat(kiosk.mayActFor("X")).isTrue();
        assertThat(kiosk.mayActFor("D")).isFalse();
    }

    @Test
    void anAnalystReadsEverythingAndActsForNothing() {
        Caller analyst = new Caller("analyst", Set.of(Caller.ANALYST), "A1", Set.of());
        assertThat(analyst.mayRead("X")).isTrue();
        assertThat(analyst.mayActFor("A1")).isFalse();
    }

    @Test
    void aLeaderReadsItsSubtreeOnlyAndATokenWithoutAUnitReadsNothing() {
        Caller leader = new Caller("ld.d", Set.of(Caller.LEADER), "D", Set.of());
        assertThat(leader.subtreeContains("A1", PARENT::get)).isTrue();
        assertThat(leader.subtreeContains("D", PARENT::get)).isTrue();
        assertThat(leader.subtreeContains("P", PARENT::get)).isFalse();
        assertThat(leader.subtreeContains("X", PARENT::get)).isFalse();
        assertThat(leader.subtreeContains("L1", PARENT::get)).as("a loop in the tree ends the walk").isFalse();
        Caller noUnit = new Caller("ld", Set.of(Caller.LEADER), null, Set.of());
        assertThat(noUnit.subtreeContains("D", PARENT::get)).isFalse();
        assertThatThrownBy(() -> noUnit.requireUnitClaim("unit")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.code()).isEqualTo("no-unit"));
    }
}
