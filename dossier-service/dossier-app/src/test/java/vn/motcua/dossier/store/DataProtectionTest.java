package vn.motcua.dossier.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing and keyed hashes under the data key: what a copy of the database alone cannot undo. */
class DataProtectionTest {
    private static final String KEY = "k".repeat(40);
    private static final String NEXT_KEY = "n".repeat(40);
    private final DataProtection protection = new DataProtection(KEY, Optional.empty());

    @Test
    void aSealedValueOpensWithItsKeyAndShowsNothingOfTheClearText() {
        String receipt = "{\"lookupSecret\":\"JDFRMKWLM4\",\"personalId\":\"040190012345\",\"name\":\"Nguyễn Thị Hoa\"}";
        String sealed = protection.seal(receipt);
        assertThat(sealed).startsWith("e1:").doesNotContain("JDFRMKWLM4").doesNotContain("040190012345");
        assertThat(protection.seal(receipt)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(protection.open(sealed)).isEqualTo(receipt);
        assertThat(protection.open(null)).isNull();
        assertThat(protection.open("written before sealing")).isEqualTo("written before sealing");
    }

    @Test
    void aRotatedKeyStillOpensWhatTheOldOneSealedAndAnUnknownKeyIsSaidSo() {
        String sealed = protection.seal("0912345678");
        DataProtection rotated = new DataProtection(NEXT_KEY, Optional.of(List.of(KEY)));
        assertThat(rotated.open(sealed)).isEqualTo("0912345678");
        assertThat(rotated.seal("x")).doesNotStartWith(sealed.substring(0, 12));
        assertThatThrownBy(() -> new DataProtection(NEXT_KEY, Optional.empty()).open(sealed))
                .isInstanceOf(DataProtection.KeyUnavailable.class);
    }

    @Test
    void anAlteredSealedValueIsRefusedNotMisread() {
        String sealed = protection.seal("0912345678");
        // not the last character: its low bits may be padding that decoding drops, so changing them changes nothing
        int at = sealed.length() - 5;
        char c = sealed.charAt(at);
        String altered = sealed.substring(0, at) + (c == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> protection.open(altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLookupSecretIsAKeyedHashThatAnotherKeyCannotCheck() {
        String hash = protection.lookupHash("JDFRMKWLM4");
        assertThat(hash).startsWith("h1:").doesNotContain(DataProtection.sha256Hex("JDFRMKWLM4"));
        assertThat(protection.lookupMatches(hash, "JDFRMKWLM4")).isTrue();
        assertThat(protection.lookupMatches(hash, "JDFRMKWLM5")).isFalse();
        assertThat(new DataProtection(NEXT_KEY, Optional.empty()).lookupMatches(hash, "JDFRMKWLM4")).isFalse();
        assertThat(new DataProtection(NEXT_KEY, Optional.of(List.of(KEY))).lookupMatches(hash, "JDFRMKWLM4")).isTrue();
        // dossiers received before keyed hashes kept a plain SHA-256
        assertThat(protection.lookupMatches(DataProtection.sha256Hex("JDFRMKWLM4"), "JDFRMKWLM4")).isTrue();
        assertThat(protection.lookupMatches(null, "JDFRMKWLM4")).isFalse();
    }

    @Test
    void aShortKeyStopsTheServiceAtStart() {
        assertThatThrownBy(() -> new DataProtection("short", Optional.empty()))
                .hasMessageContaining("MOTCUA_DOSSIER_DATA_KEY");
    }
}
