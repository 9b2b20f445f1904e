package io.switchboard.channel.watchdog;

/** What a channel timer is for. */
public enum TimerKind {
    /** The next automatic "Enable here" attempt. */
    TAKEOVER,
    /** STARTING for too long. */
    STUCK,
    /** The phone came back online but the channel is not ACTIVE yet. */
    PHONE_OVERDUE,
    /** The current QR code expires. */
    QR_EXPIRY,
    /** An unstable channel has been quiet long enough. */
    UNSTABLE_CLEAR
}
