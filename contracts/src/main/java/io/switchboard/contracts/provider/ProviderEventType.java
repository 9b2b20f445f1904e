package io.switchboard.contracts.provider;

/** The kinds of normalised provider events. */
public enum ProviderEventType {
    /** {@code channels.post}: health with status INIT, LAUNCH, QR, AUTH, ERROR, STOP or SYNC_ERROR. */
    HEALTH,
    /** {@code channels.patch}: a new QR code and its expiry. */
    QR,
    /** {@code users.post}: a WhatsApp account connected to the channel. */
    SESSION_CONNECTED,
    /** {@code users.delete}: the account logged out or was unlinked from the phone. */
    SESSION_DISCONNECTED,
    /** The phone went offline (battery, network). */
    PHONE_OFFLINE,
    /** The phone is online again. */
    PHONE_ONLINE,
    /** The number was opened in WhatsApp Web somewhere else. */
    CONFLICT,
    /** An official (Cloud API) number went "Disconnected" or "Offline": it must be verified again with a code. */
    NUMBER_DISCONNECTED,
    /** A receipt for an outbound message (sent, delivered, read, failed, ...). */
    MESSAGE_STATUS,
    /** {@code messages.post}: a client wrote to the channel (the chat exists: no contact check is needed). */
    MESSAGE_RECEIVED,
    /** An incoming voice or video call. */
    CALL,
    /** Meta's {@code phone_number_quality_update}: a Cloud API number's quality or messaging limit changed. */
    NUMBER_QUALITY,
    /** Meta's {@code account_update}: the business account was restricted, found in violation, or (un)banned. */
    BUSINESS_ACCOUNT,
    /** Meta's {@code message_template_status_update}: a template of the business account was approved, paused, ... */
    TEMPLATE_STATUS,
    /** A webhook of a type Switchboard does not know: kept and counted, not acted upon. */
    UNKNOWN
}
