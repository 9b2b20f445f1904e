package io.switchboard.channel.timer;

/** What a channel timer is for. */
public enum TimerKind {
    /** The next automatic "Enable here" attempt (a provider call). */
    TAKEOVER,
    /** STARTING for too long. */
    STUCK,
    /** Restart the provider session of a stuck channel (a provider call). */
    SESSION_RESTART,
    /** The phone came back online but the channel is not ACTIVE yet. */
    PHONE_OVERDUE,
    /** The current QR code expires. */
    QR_EXPIRY,
    /** An unstable channel has been quiet long enough. */
    UNSTABLE_CLEAR,
    /** A Cloud API number whose code was verified: register it and refresh its permissions (Cloud API calls). */
    VERIFICATION_REGISTER,
    /** Ask the provider for the session's health: another service saw what the channel's status does not explain. */
    HEALTH_CHECK
}
