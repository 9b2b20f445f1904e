package io.switchboard.contracts.message;

/** States of an outbound message. Every accepted message reaches one end state. */
public enum MessageState {
    /** Accepted, will go now. */
    QUEUED(false),
    /** Accepted and held; the reason is the channel status. */
    FROZEN(false),
    /** Handed to the provider, answer pending. */
    DISPATCHING(false),
    SENT(false),
    DELIVERED(false),
    READ(true),
    /** The provider refused it, with its error code. */
    FAILED(true),
    /** Its time-to-live passed while it was held. */
    EXPIRED(true),
    /** Removed by a user. */
    CANCELLED(true),
    /** The provider cannot tell what became of it. */
    UNKNOWN(true);

    private final boolean terminal;

    MessageState(boolean terminal) {
        this.terminal = terminal;
    }

    /** No further change follows. */
    public boolean terminal() {
        return terminal;
    }
}
