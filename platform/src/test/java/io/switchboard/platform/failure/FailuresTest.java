package io.switchboard.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.events.PoisonEventException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures are retried until they pass, and which are set aside so that they never hold up others. */
@Tag("fast")
class FailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0} passes")
    @ValueSource(
            strings = {
                "08006", "08001", "08003", "40001", "40P01", "55P03", "57014", "57P01", "57P03", "53300", "58030",
                "25P03"
            })
    void failuresOfTheDatabaseThatPassAreRetried(String state) {
        assertThat(Failures.kindOf(wrapped(new SQLException("failed", state)))).isEqualTo(FailureKind.PASSING);
    }

    @ParameterizedTest(name = "SQLSTATE {0} lasts")
    @ValueSource(strings = {"22001", "22003", "22008", "22021", "22P02", "23505", "23503", "23514", "42703", "XX000"})
    void dataAndConstraintsTheDatabaseRefusesAreNot(String state) {
        assertThat(Failures.kindOf(wrapped(new SQLException("refused", state)))).isEqualTo(FailureKind.LASTING);
    }

    @Test
    void theDriversAndTheOrmsOwnTypesAreReadThroughTheirSqlState() {
        PSQLException tooLong = new PSQLException(
                "ERROR: value too long for type character varying(100)", PSQLState.STRING_DATA_RIGHT_TRUNCATION);
        assertThat(Failures.kindOf(new DataException("could not execute statement", tooLong)))
                .isEqualTo(FailureKind.LASTING);
        assertThat(Failures.kindOf(new ConstraintViolationException(
                        "duplicate", new PSQLException("dup", PSQLState.UNIQUE_VIOLATION), "channel_phone_key")))
                .isEqualTo(FailureKind.LASTING);
        assertThat(Failures.kindOf(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)))
                .isEqualTo(FailureKind.PASSING);
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "22021", new int[0]);
        batch.setNextException(new PSQLException("invalid byte sequence 0x00", PSQLState.DATA_ERROR));
        assertThat(Failures.kindOf(wrapped(batch))).isEqualTo(FailureKind.LASTING);
    }

    @Test
    void aPoolThatHasNoConnectionNowAndLockTimeoutsPass() {
        assertThat(Failures.kindOf(new SQLException("Sorry, acquisition timeout!")))
                .isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new SQLTransientConnectionException("pool exhausted")))
                .isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new LockTimeoutException("lock"))).isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new OptimisticLockException("changed meanwhile")))
                .isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new jakarta.transaction.RollbackException("ARJUNA016063: timed out")))
                .isEqualTo(FailureKind.PASSING);
    }

    @Test
    void kafkasRetriableErrorsAndTimeoutsPassItsRefusalsDoNot() {
        assertThat(Failures.kindOf(new NotEnoughReplicasException("2 of 3"))).isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new org.apache.kafka.common.errors.TimeoutException("expired")))
                .isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new java.util.concurrent.TimeoutException())).isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new UncheckedIOException(new SocketTimeoutException("read timed out"))))
                .isEqualTo(FailureKind.PASSING);
        assertThat(Failures.kindOf(new RecordTooLargeException("2 MB"))).isEqualTo(FailureKind.LASTING);
    }

    @Test
    void aHandlersOwnExceptionLastsAndPoisonIsSetAsideAtOnce() {
        assertThat(Failures.kindOf(new IllegalStateException("no such channel")))
                .isEqualTo(FailureKind.LASTING);
        assertThat(Failures.kindOf(new java.time.DateTimeException("Instant exceeds minimum or maximum instant")))
                .isEqualTo(FailureKind.LASTING);
        assertThat(Failures.kindOf(new NullPointerException())).isEqualTo(FailureKind.LASTING);
        assertThat(Failures.kindOf(wrapped(new PoisonEventException("not a valid event", null))))
                .isEqualTo(FailureKind.POISON);
    }

    @Test
    void theOutermostVerdictWinsAndACycleInTheChainEnds() {
        RuntimeException outer = new RuntimeException(
                new PoisonEventException("contract broken", new SQLException("deadlock", "40P01")));
        assertThat(Failures.kindOf(outer)).isEqualTo(FailureKind.POISON);
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(Failures.kindOf(a)).isEqualTo(FailureKind.LASTING);
        assertThat(Failures.rootMessage(wrapped(new SQLException("the root", "22001"))))
                .isEqualTo("SQLException: the root");
    }

    private static RuntimeException wrapped(Exception error) {
        return new RuntimeException("transaction failed", new IllegalStateException("could not execute", error));
    }
}
