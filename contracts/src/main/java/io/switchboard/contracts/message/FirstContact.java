package io.switchboard.contracts.message;

/**
 * What the provider's contact check said of a chat the business began (its first outbound message): carried by the
 * event of that message that follows the check, so that "Chat is initialized" or "Chat is not possible" is written
 * once, at the start of the conversation.
 */
public enum FirstContact {
    /** The number has WhatsApp: the chat is initialised. */
    WHATSAPP,
    /** The number has no WhatsApp account: the chat is not possible, the message ends FAILED (NO_WHATSAPP_ACCOUNT). */
    NO_WHATSAPP
}
