package vn.motcua.satisfaction.events;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatingTokensTest {
    final RatingTokens tokens = new RatingTokens("a key of at least sixteen characters");

    @RepeatedTest(20)
    void a_token_names_its_dossier_and_is_the_same_every_time() {
        UUID id = UUID.randomUUID();
        String token = tokens.issue(id);
        assertThat(token).hasSize(38).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.issue(id)).isEqualTo(token);
        assertThat(tokens.verify(token)).contains(id);
    }

    @Test
    void a_changed_character_or_another_key_is_not_a_token() {
        UUID id = UUID.randomUUID();
        String token = tokens.issue(id);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(tokens.verify(changed)).as("changed at %d", i).isEmpty();
        }
        assertThat(new RatingTokens("another key, also long enough").verify(token)).isEmpty();
    }

    @Test
    void garbage_is_not_a_token() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("not a token at all, but 38 chars long")).isEmpty();
        assertThat(tokens.verify("x".repeat(100))).isEmpty();
    }

    @Test
    void a_short_key_is_refused_at_start() {
        assertThatThrownBy(() -> new RatingTokens("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RatingTokens(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
