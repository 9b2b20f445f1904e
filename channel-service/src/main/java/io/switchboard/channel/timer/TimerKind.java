package io.switchboard.channel.timer;

/** What a channel timer is for. */
public enum TimerKind {
    /** The next automatic "Enable here" attempt (a provider call). */
    TAKEOVER(true),
    /** STARTING for too long. */
    STUCK(false),
    /** Restart the provider session of a stuck channel (a provider call). */
    SESSION_RESTART(true),
    /** The phone came back online but the channel is not ACTIVE yet. */
    PHONE_OVERDUE(false),
    /** The current QR code expires. */
    QR_EXPIRY(false),
    /** An unstable channel has been quiet long enough. */
    UNSTABLE_CLEAR(false),
    /** A Cloud API number whose code was verified: register it and refresh its permissions (Cloud API calls). */
    VERIFICATION_REGISTER(true),
    /** Ask the provider for the session's health: another service saw what the channel's status does not explain. */
    HEALTH_CHECK(true),
    /**
     * Ask the provider for the health of a channel whose sends get no receipts (attempt 0); judge it once its probe
     * had time to be answered (attempt 1).
     */
    DELIVERY_CHECK(true),
    /** Restart the provider session of a channel found stalled, once (a provider call). */
    DELIVERY_RESTART(true),
    /** Send a probe to the account's probe number from a suspect or stalled channel (a provider call). */
    DELIVERY_PROBE(true),
    /** Meta's restriction of a Cloud API number's messaging ends. */
    RESTRICTION_END(false),
    /** Ask the Cloud API for a number's health status, quality and messaging limit (a Cloud API call). */
    CLOUD_HEALTH(true);

    private final boolean callsProvider;

    TimerKind(boolean callsProvider) {
        this.callsProvider = callsProvider;
    }

    /** Firing it is a provider call: it waits for a free call thread. */
    public boolean callsProvider() {
        return callsProvider;
    }
}
