package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;

/** The reasons a message is held, as its {@code reason} says them. */
final class Held {

    /** Release mode HOLD: the reconnected channel's backlog waits for a person. */
    public static final String FOR_RELEASE =
            "held for release: the channel's backlog waits for a person (release mode HOLD)";

    private Held() {}

    public static String byStatus(ChannelStatus status) {
        return "channel " + status;
    }
}
