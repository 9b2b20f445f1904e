package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.MessageState;
import java.time.Duration;

/** A held message whose time-to-live passed ends EXPIRED, naming what held it. */
public final class Expiry {

    private Expiry() {}

    /**
     * @param channelStatus the channel's status now: what holds the message, unless the channel can send (then it
     *        was held by what froze it, or by pacing)
     * @param channelSending the channel's status is a sending one
     */
    public static Transition of(StoredMessage message, ChannelStatus channelStatus, boolean channelSending) {
        ChannelStatus heldBy = channelSending && message.heldBy() != null ? message.heldBy() : channelStatus;
        boolean heldForRelease = message.state() == MessageState.FROZEN && Held.FOR_RELEASE.equals(message.reason());
        String reason = "time-to-live " + format(Duration.between(message.createdAt(), message.expiresAt()))
                + " passed while " + (heldForRelease ? "held for release (release mode HOLD)" : "channel " + heldBy);
        return Transition.of(message, MessageState.EXPIRED, reason).heldBy(heldForRelease ? null : heldBy);
    }

    /** 24h, 90m, 45s: the largest unit that divides it. */
    static String format(Duration ttl) {
        long seconds = ttl.toSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
