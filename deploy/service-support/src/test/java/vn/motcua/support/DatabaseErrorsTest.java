package vn.motcua.support;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that goes away mid-request is a moment's outage (503, retry), never an internal error: however the
 * driver reports it, alone or beside the failed rollback, and with statements pipelined behind the one that broke.
 */
class DatabaseErrorsTest {

    @Test
    void aConnectionTheServerClosedIsAnOutage() {
        // as FaultToleranceTest saw it once statements were pipelined: the write that found the pipe broken, and the
        // next statement refused on the closed connection, in one composite failure
        Throwable pipelined = new CompositeException(new IOException("Broken pipe"),
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));
        assertThat(DatabaseErrors.unavailable(new IllegalStateException("wrapped", pipelined))).isTrue();
        assertThat(DatabaseErrors.unavailable(new NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).isTrue();
        assertThat(DatabaseErrors.unavailable(new SQLException("terminating connection", "57P01"))).isTrue();
    }

    @Test
    void aRefusalOfTheRequestIsNot() {
        assertThat(DatabaseErrors.unavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseErrors.unavailable(new IllegalArgumentException("bad input"))).isFalse();
        // an unreadable record is an IOException too (Jackson's), and no outage: retrying it would never end
        assertThat(DatabaseErrors.unavailable(new java.io.UncheckedIOException(
                new IOException("Unexpected character ('x' (code 120))")))).isFalse();
        assertThat(DatabaseErrors.lostToAnotherTransaction(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(DatabaseErrors.lostToAnotherTransaction(new SQLException("duplicate key", "23505"))).isFalse();
    }
}
