package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;

/** The reasons a message is held, as its {@code reason} says them. */
final class Held {

    /** Release mode HOLD: the reconnected channel's backlog waits for a person. */
    public static final String FOR_RELEASE =
            "held for release: the channel's backlog waits for a person (release mode HOLD)";

    private Held() {}

    public static String byStatus(ChannelStatus status) {
        return "channel " + status;
    }

    /**
     * The reason of a message held by its channel: its status, the stall of an ACTIVE channel's delivery, or Meta's
     * restriction of an ACTIVE Cloud API number.
     */
    public static String byChannel(ChannelStatus status, RequiredAction action) {
        return switch (action) {
            case CHECK_DELIVERY ->
                "channel " + status + ", delivery stalled: held until a receipt or an inbound message";
            case WAIT_FOR_RESTRICTION_END ->
                "channel " + status + ", messaging restricted by Meta: held until the restriction ends";
            default -> byStatus(status);
        };
    }
}
