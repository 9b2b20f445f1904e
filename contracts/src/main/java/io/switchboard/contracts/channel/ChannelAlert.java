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
    DELIVERY_RESUMED,
    /** Meta rated the Cloud API number's quality anew (GREEN, YELLOW, RED): RED puts its messaging limit at risk. */
    QUALITY_CHANGED,
    /** Meta raised or lowered how many business-initiated conversations the number may open per rolling 24 hours. */
    MESSAGING_LIMIT_CHANGED,
    /** Meta restricted the number's messaging until a time ({@code restrictedUntil}). */
    MESSAGING_RESTRICTED,
    /** The restriction ended (its time passed or Meta lifted it): held messages go out again. */
    MESSAGING_RESTRICTION_ENDED,
    /** Meta scheduled the business account to be disabled: act before it is. */
    BAN_SCHEDULED,
    /** Meta found the business account in violation of a policy (the detail names it). */
    POLICY_VIOLATION,
    /** Meta limits what the number can send ({@code health_status} LIMITED); the detail says why. */
    SENDING_LIMITED,
    /**
     * The number has begun conversations with more than four fifths of the clients its messaging limit allows in 24
     * hours (counted by message-queue-service); told once a day at most.
     */
    MESSAGING_LIMIT_NEAR,
    /**
     * The number reached its messaging limit: messages that would begin a conversation wait (QUEUED, with a reason)
     * until the oldest conversation counted is 24 hours old; replies go on. Told once a day at most.
     */
    MESSAGING_LIMIT_REACHED
}
