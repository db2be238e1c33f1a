package vn.motcua.dossier.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hot path's named parameters: one $n per name, casts left alone, a missing value refused before the database. */
class SessionSqlTest {

    @Test
    void namesBecomeNumberedParametersOncePerName() {
        SessionSql.Sql sql = SessionSql.Sql.of(
                "select :a::uuid, :b::text[], (:c::bytea[])[1] where :a::uuid is not null and x::int = :b_2");

        assertThat(sql.text()).isEqualTo(
                "select $1::uuid, $2::text[], ($3::bytea[])[1] where $1::uuid is not null and x::int = $4");
        assertThat(sql.names()).containsExactly("a", "b", "c", "b_2");
    }

    @Test
    void bindsValuesInParameterOrderAndRefusesAMissingOne() {
        SessionSql.Sql sql = SessionSql.Sql.of("insert into t values (:second, :first, :second)");
        Map<String, Object> values = new HashMap<>();
        values.put("first", 1);
        values.put("second", null);

        assertThat(sql.bind(values)).containsExactly(null, 1);
        assertThatThrownBy(() -> sql.bind(Map.of("first", 1))).hasMessageContaining(":second");
    }
}
