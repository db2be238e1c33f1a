package vn.motcua.consumer;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FailureTest {

    static PgException pg(String state, String message) {
        return new PgException(message, "ERROR", state, null);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // the database away or busy: try again
                arguments(new java.net.ConnectException("Connection refused"), Failure.Kind.TRANSIENT),
                arguments(new IllegalStateException("wrapped", new java.net.SocketException("reset")), Failure.Kind.TRANSIENT),
                arguments(pg("08006", "connection failure"), Failure.Kind.TRANSIENT),
                arguments(pg("57P01", "terminating connection due to administrator command"), Failure.Kind.TRANSIENT),
                arguments(pg("57P03", "the database system is starting up"), Failure.Kind.TRANSIENT),
                arguments(pg("40001", "could not serialize access"), Failure.Kind.TRANSIENT),
                arguments(pg("40P01", "deadlock detected"), Failure.Kind.TRANSIENT),
                arguments(pg("53300", "too many connections"), Failure.Kind.TRANSIENT),
                arguments(pg("55P03", "lock not available"), Failure.Kind.TRANSIENT),
                arguments(new SQLException("canceling statement due to statement timeout", "57014"), Failure.Kind.TRANSIENT),
                arguments(new java.util.concurrent.TimeoutException("no ack"), Failure.Kind.TRANSIENT),
                arguments(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moved"), Failure.Kind.TRANSIENT),
                // the record's own fault: the same answer every time
                arguments(pg("23502", "null value in column \"step_name\" violates not-null constraint"), Failure.Kind.DETERMINISTIC),
                arguments(new RuntimeException("flush", new SQLException("value too long for type character varying(32)", "22001")), Failure.Kind.DETERMINISTIC),
                arguments(pg("23514", "new row violates check constraint"), Failure.Kind.DETERMINISTIC),
                arguments(pg("22P02", "invalid input syntax for type uuid"), Failure.Kind.DETERMINISTIC),
                arguments(new IllegalArgumentException("no key"), Failure.Kind.DETERMINISTIC),
                arguments(new NullPointerException(), Failure.Kind.DETERMINISTIC),
                arguments(new java.io.UncheckedIOException(new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")), Failure.Kind.DETERMINISTIC),
                // a version before it missing
                arguments(new RuntimeException(new OutOfOrderEvent("d-1", 3, 1)), Failure.Kind.OUT_OF_ORDER));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureIsClassifiedOnce(Throwable t, Failure.Kind expected) {
        assertThat(Failure.of(t).kind()).as(t.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void theReasonNamesTheDatabaseErrorWhereThereIsOne(Throwable t, Failure.Kind expected) {
        Failure f = Failure.of(t);
        assertThat(f.reason()).isNotNull().hasSizeLessThanOrEqualTo(1000);
        assertThat(f.errorClass()).isNotBlank();
        if (t instanceof PgException p) {
            assertThat(f.sqlState()).isEqualTo(p.getSqlState());
            assertThat(f.errorClass()).isEqualTo(PgException.class.getName());
        }
    }

    @org.junit.jupiter.api.Test
    void aLongMessageIsCut() {
        Failure f = Failure.of(new IllegalArgumentException("x".repeat(5000)));
        assertThat(f.reason()).hasSize(1000);
    }
}
