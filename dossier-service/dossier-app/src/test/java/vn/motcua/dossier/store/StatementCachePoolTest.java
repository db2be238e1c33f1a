package vn.motcua.dossier.store;

import io.vertx.sqlclient.SqlConnectOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's write stays a statement the driver keeps prepared: parsed and planned once per connection. */
class StatementCachePoolTest {
    @Test
    void theWriteIsLongerThanTheDriverKeepsByDefaultAndShorterThanThisServiceKeeps() {
        int length = DossierStore.WRITE.text().length();

        assertThat(length).as("why the pool's limit is raised")
                .isGreaterThanOrEqualTo(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
        assertThat(length).as("a longer write would be planned at every command again")
                .isLessThan(StatementCachePool.SQL_LIMIT);
    }
}
