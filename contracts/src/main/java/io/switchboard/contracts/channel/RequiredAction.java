package io.switchboard.contracts.channel;

/** What a person must do to bring a channel back to ACTIVE. */
public enum RequiredAction {
    NONE("Nothing to do."),
    WAIT("Wait a minute: the channel is starting."),
    CHECK_PHONE("Check the phone: it is off or offline. Service resumes within 3 minutes of the phone returning."),
    TOP_UP_BALANCE("Top up the account balance; frozen messages are sent after activation."),
    SCAN_QR("Scan the QR code with the phone."),
    ENABLE_HERE("Press \"Enable here\" to take the number back from the other WhatsApp Web session."),
    VERIFY_NUMBER("Verify the number with a code sent by SMS or voice call."),
    LOG_OUT_AND_RECONNECT("Log the channel out and reconnect it."),
    RESTART_CHANNEL("Restart the channel; if that does not help, contact support."),
    ENABLE_CHANNEL("Enable the channel."),
    CHECK_DELIVERY("Open WhatsApp on the phone and check that it sends; restart the channel if it does not. New"
            + " messages are held and go out with the first receipt or inbound message."),
    RESOLVE_IN_WHATSAPP_MANAGER("Meta blocks sending from this number: open WhatsApp Manager and resolve what the"
            + " number's health status names (payment method, display name, policy). Messages are held and go out once"
            + " Meta allows sending again."),
    REQUEST_REVIEW("Meta disabled the WhatsApp Business Account: request a review in WhatsApp Manager. Messages are"
            + " refused until the account is reinstated."),
    WAIT_FOR_RESTRICTION_END("Meta restricted this number's messaging until the time shown (restrictedUntil): messages"
            + " are held and go out when it ends. Send only what clients asked for to keep the quality up.");

    private final String description;

    RequiredAction(String description) {
        this.description = description;
    }

    /** The action in words, for people. */
    public String description() {
        return description;
    }
}
