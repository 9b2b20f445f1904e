package io.switchboard.notification.chat;

import io.switchboard.contracts.chat.SystemMessageKind;
import jakarta.enterprise.context.ApplicationScoped;

/** The system messages' words (docs/product/system-messages.md), each after {@code === SYSTEM <brand> === }. */
@ApplicationScoped
class SystemMessageTexts {

    private final SystemMessageSettings settings;

    public SystemMessageTexts(SystemMessageSettings settings) {
        this.settings = settings;
    }

    /**
     * @param number the ND minutes or NR hours of the rule, the caller's number of a call
     * @param time the local time of a call ({@code HH:mm}); unused otherwise
     */
    String text(SystemMessageKind kind, Object number, String time) {
        String words = switch (kind) {
            case CHAT_INITIALISED -> "Chat is initialized, you can write this client to WhatsApp";
            case CHAT_NOT_POSSIBLE -> "Chat is not possible, this phone number does not have a WhatsApp account";
            case MISSED_VOICE_CALL ->
                "There was an attempt to call into whatsapp from the number " + number + " at " + time;
            case MISSED_VIDEO_CALL ->
                "There was a video call attempt at whatsapp from the number " + number + " at " + time;
            case NOT_DELIVERED -> "Till now is not delivered to the client (it has passed " + number + " minutes).";
            case DELIVERED_AND_READ -> "The message is delivered and read.";
            case FINALLY_DELIVERED -> "The message is finally delivered!";
            case NOT_READ -> "Not yet read by the client (passed " + number + " hours).";
            case ALL_READ -> "All right, all messages are finally read.";
            case STATUS_UNKNOWN -> "The status of messages for this number can not be obtained.";
        };
        return "=== SYSTEM " + settings.brand() + " === " + words;
    }
}
