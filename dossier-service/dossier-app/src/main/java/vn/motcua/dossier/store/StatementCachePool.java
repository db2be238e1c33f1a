package vn.motcua.dossier.store;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The reactive pool as Quarkus configures it, with prepared statements of any length kept per connection. The
 * driver keeps only statements shorter than 2,048 characters, and the command's write ({@link DossierStore}, about
 * 6,000) was parsed, analysed and planned again at every command (pg_stat_statements during the bench: 0.5 ms of
 * PostgreSQL's CPU each time on planning alone). Quarkus has no setting for the limit; this is its documented way to
 * adjust the driver's options ({@link PgPoolCreator}).
 */
@Singleton
public class StatementCachePool implements PgPoolCreator {
    /** Longer than any statement this service sends; statements are still kept at most 256 per connection. */
    static final int SQL_LIMIT = 32_768;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> options = input.pgConnectOptionsList();
        options.forEach(o -> o.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
        return PgDriver.INSTANCE.createPool(input.vertx(), options, input.poolOptions());
    }
}
