package io.switchboard.platform.failure;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for what is retried until it succeeds and what is set aside: every consumer, the outbox relay, the
 * dispatcher and the timers classify their failures here.
 *
 * <p>The cause chain is read from the outside in, and the first verdict found wins: a {@link PoisonException}, a
 * database error's SQLSTATE, or an exception type that names a passing condition. A chain with none of these is the
 * handler's own exception: {@link FailureKind#LASTING}.
 */
public final class Failures {

    /**
     * SQLSTATE classes and codes of PostgreSQL that pass by themselves: connection exceptions (08), transaction
     * rollbacks for serialization failures and deadlocks (40001, 40P01), lock not available (55P03), the statement
     * cancelled by a time-out (57014), the server shutting down or starting (57P0x), insufficient resources (53),
     * system errors (58) and an idle transaction's time-out (25P03).
     */
    private static final Set<String> PASSING_CLASSES = Set.of("08", "53", "58");

    private static final Set<String> PASSING_CODES =
            Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "57P04", "57P05", "25P03", "40003");

    /** Exception types that name a passing condition, by class name so that no driver or ORM jar is needed here. */
    private static final Set<String> PASSING_TYPES = Set.of(
            "java.util.concurrent.TimeoutException",
            "java.net.SocketException",
            "java.net.SocketTimeoutException",
            "java.net.ConnectException",
            "java.net.UnknownHostException",
            "java.net.http.HttpTimeoutException",
            "java.net.http.HttpConnectTimeoutException",
            "java.io.InterruptedIOException",
            "java.io.EOFException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.transaction.SystemException",
            "jakarta.transaction.HeuristicMixedException",
            "jakarta.transaction.HeuristicRollbackException",
            "io.netty.channel.ConnectTimeoutException");

    private Failures() {}

    /** What the failure says about trying again. */
    public static FailureKind kindOf(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean rolledBackWithoutCause = false;
        for (Throwable cause = error; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof PoisonException) {
                return FailureKind.POISON;
            }
            if (cause instanceof SQLException sql) {
                FailureKind kind = ofSqlState(sql);
                if (kind != null) {
                    return kind;
                }
            }
            if (isKafkaRetriable(cause) || hasPassingType(cause)) {
                return FailureKind.PASSING;
            }
            if (cause.getClass().getName().equals("jakarta.transaction.RollbackException")
                    && cause.getCause() == null) {
                rolledBackWithoutCause = true; // the transaction manager rolled it back: its time-out, nothing of ours
            }
        }
        return rolledBackWithoutCause ? FailureKind.PASSING : FailureKind.LASTING;
    }

    /** True for a failure that passes by itself. */
    public static boolean isPassing(Throwable error) {
        return kindOf(error) == FailureKind.PASSING;
    }

    /**
     * The verdict of a database error: by its SQLSTATE; a driver's or pool's error without one (a connection that
     * could not be had in time, a closed connection) passes; null when the chain must be read further.
     */
    private static FailureKind ofSqlState(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
                return FailureKind.PASSING;
            }
            return sql.getCause() instanceof SQLException ? null : FailureKind.PASSING;
        }
        if (PASSING_CODES.contains(state) || PASSING_CLASSES.contains(state.substring(0, 2))) {
            return FailureKind.PASSING;
        }
        return FailureKind.LASTING;
    }

    private static boolean isKafkaRetriable(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.apache.kafka.common.errors.RetriableException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPassingType(Throwable error) {
        for (Class<?> type = error.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (PASSING_TYPES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause (the error itself when it has none); a cycle in the chain ends the walk. */
    public static Throwable root(Throwable error) {
        Throwable root = error;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        return root;
    }

    /** The innermost cause's type and message, for a log line or a dead letter's header. */
    public static String rootMessage(Throwable error) {
        Throwable root = root(error);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
