package io.switchboard.contracts.chat;

/** The in-chat system messages (docs/product/system-messages.md). */
public enum SystemMessageKind {
    CHAT_INITIALISED,
    CHAT_NOT_POSSIBLE,
    MISSED_VOICE_CALL,
    MISSED_VIDEO_CALL,
    NOT_DELIVERED,
    DELIVERED_AND_READ,
    FINALLY_DELIVERED,
    NOT_READ,
    ALL_READ,
    STATUS_UNKNOWN
}
