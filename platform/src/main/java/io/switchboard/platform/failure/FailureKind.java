package io.switchboard.platform.failure;

/** What a failure says about trying the same work again. */
public enum FailureKind {

    /**
     * The infrastructure failed for a while (a connection lost, the database restarting, a deadlock, a serialization
     * failure, a lock or statement time-out, a retriable Kafka error): the same work succeeds later, so it is retried
     * for as long as it takes, and the work behind it waits.
     */
    PASSING,

    /**
     * The work itself fails (data the database refuses, a constraint, a handler's own exception): retried a few times
     * in case it was a race, then set aside, so that it never holds up the work of others.
     */
    LASTING,

    /** The input can never be processed (it does not parse, it breaks the contract): set aside at once. */
    POISON
}
