package io.switchboard.queue.message;

/**
 * Wakes the dispatcher when messages become sendable. Implemented by the dispatcher, which depends on messages, so
 * that accepting and releasing messages need not depend back on it.
 */
public interface DispatchWakeups {

    /** Wakes the dispatcher once the current transaction has committed the messages it queued or released. */
    void wakeAfterCommit();
}
