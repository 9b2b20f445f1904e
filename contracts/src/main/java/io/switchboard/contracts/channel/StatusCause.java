package io.switchboard.contracts.channel;

/** Why a channel's status changed. */
public enum StatusCause {
    /** A provider webhook (health, session, conflict, ...). */
    PROVIDER_EVENT,
    /** A person acted through the API (create, enable, disable, delete, enable-here, ...). */
    USER_ACTION,
    /** The account's billing state changed. */
    BILLING,
    /** The service's own watchdog (stuck, take-over attempts, QR expiry, ...). */
    WATCHDOG
}
