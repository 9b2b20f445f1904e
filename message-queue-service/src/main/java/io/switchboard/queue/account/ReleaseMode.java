package io.switchboard.queue.account;

/** What happens to a channel's backlog when it can send again. */
public enum ReleaseMode {
    /** Released at once, paced. */
    AUTO,
    /** Waits for a person to release it (paced) or clear it: stale messages are not flushed hours later. */
    HOLD
}
