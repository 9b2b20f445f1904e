package io.switchboard.contracts.channel;

/** Why a service asks channel-service to check a channel with the provider. */
public enum ChannelCheckReason {
    /**
     * The provider refused sends with 401 "need channel authorization" several times in a row while the channel was
     * ACTIVE: a flap would have moved it out of ACTIVE, so the session's real state is likely unknown here (a lost
     * health webhook).
     */
    SENDS_UNAUTHORIZED,
    /**
     * Not a check: a Cloud API number has begun conversations with more than four fifths of the clients its messaging
     * limit allows in 24 hours ({@code observations} says how many). channel-service announces it.
     */
    MESSAGING_LIMIT_NEAR,
    /** Not a check: a Cloud API number reached its messaging limit; messages that would begin a conversation wait. */
    MESSAGING_LIMIT_REACHED
}
