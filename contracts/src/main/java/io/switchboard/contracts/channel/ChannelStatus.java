package io.switchboard.contracts.channel;

/**
 * The status catalogue. The effective status is derived in the order of precedence
 * {@code DELETED > DISABLED > NOT_PAID > connection status}; each status carries its default send policy and
 * the action that brings the channel back.
 */
public enum ChannelStatus {
    ACTIVE(SendPolicy.SEND, RequiredAction.NONE),
    STARTING(SendPolicy.QUEUE, RequiredAction.WAIT),
    PHONE_UNAVAILABLE(SendPolicy.QUEUE, RequiredAction.CHECK_PHONE),
    NOT_PAID(SendPolicy.QUEUE, RequiredAction.TOP_UP_BALANCE),
    QR_REQUIRED(SendPolicy.REJECT, RequiredAction.SCAN_QR),
    OPENED_ELSEWHERE(SendPolicy.REJECT, RequiredAction.ENABLE_HERE),
    VERIFICATION_REQUIRED(SendPolicy.REJECT, RequiredAction.VERIFY_NUMBER),
    /** A Cloud API number Meta says cannot send ({@code health_status} BLOCKED): messages wait until it can. */
    BLOCKED(SendPolicy.QUEUE, RequiredAction.RESOLVE_IN_WHATSAPP_MANAGER),
    /** A Cloud API number whose business account Meta disabled: nothing can be sent until it is reinstated. */
    BANNED(SendPolicy.REJECT, RequiredAction.REQUEST_REVIEW),
    SYNC_ERROR(SendPolicy.SEND, RequiredAction.LOG_OUT_AND_RECONNECT),
    ERROR(SendPolicy.REJECT, RequiredAction.RESTART_CHANNEL),
    DISABLED(SendPolicy.REJECT, RequiredAction.ENABLE_CHANNEL),
    DELETED(SendPolicy.REJECT, RequiredAction.NONE);

    private final SendPolicy defaultSendPolicy;
    private final RequiredAction requiredAction;

    ChannelStatus(SendPolicy defaultSendPolicy, RequiredAction requiredAction) {
        this.defaultSendPolicy = defaultSendPolicy;
        this.requiredAction = requiredAction;
    }

    public SendPolicy defaultSendPolicy() {
        return defaultSendPolicy;
    }

    public RequiredAction requiredAction() {
        return requiredAction;
    }

    /**
     * The effective status: what everyone sees.
     *
     * @param deleted the channel was deleted (terminal)
     * @param enabled the user has the channel switched on
     * @param paid the account's balance allows sending
     * @param connection the live connection status reported by the provider
     */
    public static ChannelStatus effective(boolean deleted, boolean enabled, boolean paid, ChannelStatus connection) {
        if (deleted) {
            return DELETED;
        }
        if (!enabled) {
            return DISABLED;
        }
        if (!paid) {
            return NOT_PAID;
        }
        return connection;
    }
}
