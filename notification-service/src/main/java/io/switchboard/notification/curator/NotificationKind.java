package io.switchboard.notification.curator;

/** What a curator may choose to be told. */
public enum NotificationKind {
    /** A channel's status changed (debounced; a recovery is told once). */
    CHANNEL_STATUS,
    /** A channel flaps: it keeps dropping and coming back. */
    CHANNEL_UNSTABLE,
    /** A channel has been starting for longer than the stuck threshold. */
    CHANNEL_STUCK,
    /** The phone has been away longer than it should. */
    PHONE_OVERDUE,
    /** The QR code expired before anyone scanned it. */
    QR_EXPIRED,
    /** A channel is connected but its sends get no receipts (and, once, that it delivers again). */
    DELIVERY_STALLED,
    /**
     * Meta rated, limited or restricted a Cloud API number (quality, messaging limit, restriction, violation, a ban to
     * come); each change once.
     */
    CLOUD_STANDING,
    /** The account's balance lasts fewer days than its threshold. */
    LOW_BALANCE,
    /** The account has run out of money: its channels are stopped. */
    NOT_PAID,
    /** The account is paid again: its channels work again. */
    PAID
}
