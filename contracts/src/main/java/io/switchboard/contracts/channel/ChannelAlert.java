package io.switchboard.contracts.channel;

/**
 * A finding about a channel that is not a change of its status: channel-service announces it on
 * {@code channel.status.v1} with the status unchanged, for curators to be told.
 */
public enum ChannelAlert {
    /** Three or more reconnect cycles within the flap window: restart the channel or change its proxy. */
    UNSTABLE,
    /** An unstable channel has had no reconnect cycle for the quiet period. */
    STABLE_AGAIN,
    /** STARTING for longer than the stuck threshold; the provider session is restarted once. */
    STUCK,
    /** The phone came back online, but the channel is not ACTIVE within the expected time. */
    PHONE_OVERDUE,
    /** The QR code expired before it was scanned. */
    QR_EXPIRED,
    /**
     * Connected but not delivering: sends the provider accepted got no receipt at all, across several chats, or all
     * webhooks of a channel with inbound traffic stopped, while the provider reports the session healthy. New messages are held (send policy QUEUE) and the session is
     * restarted once.
     */
    DELIVERY_STALLED,
    /** A stalled channel's first receipt or inbound message since: held messages go out again. */
    DELIVERY_RESUMED
}
