package io.switchboard.contracts;

/**
 * CloudEvents {@code type} attribute of every event, one per payload record. Sources are the producing
 * service, as {@code //switchboard/<service>}.
 */
public final class EventTypes {

    public static final String PROVIDER_EVENT = "io.switchboard.provider.event.v1";
    public static final String CHANNEL_STATUS_CHANGED = "io.switchboard.channel.status-changed.v1";
    public static final String CHANNEL_STATE = "io.switchboard.channel.state.v1";
    public static final String BILLING_ACCOUNT_CHANGED = "io.switchboard.billing.account-changed.v1";
    public static final String MESSAGE_STATUS_CHANGED = "io.switchboard.message.status-changed.v1";
    public static final String CHAT_SYSTEM_MESSAGE = "io.switchboard.chat.system-message.v1";
    public static final String CHANNEL_CHECK_REQUESTED = "io.switchboard.channel.check-requested.v1";

    private EventTypes() {
    }

    /** CloudEvents source of a service's events. */
    public static String source(String service) {
        return "//switchboard/" + service;
    }
}
