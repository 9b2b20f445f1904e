package io.switchboard.contracts.channel;

/** What happens to a new outbound message while a channel is in a status. */
public enum SendPolicy {
    /** Dispatch now. */
    SEND,
    /** Accept and freeze; send after the channel is ACTIVE again. */
    QUEUE,
    /** Refuse with a clear error (HTTP 409) naming the status and the required action. */
    REJECT
}
