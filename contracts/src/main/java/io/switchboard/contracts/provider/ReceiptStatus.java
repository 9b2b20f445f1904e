package io.switchboard.contracts.provider;

/** What a provider's receipt (Whapi {@code statuses}) says of an outbound message. */
public enum ReceiptStatus {
    /** Waiting at the provider to be sent. */
    PENDING,
    /** Sent to WhatsApp's servers. */
    SENT,
    /** Reached the recipient's phone. */
    DELIVERED,
    /** Read by the recipient. */
    READ,
    /** A voice message was played (it was read). */
    PLAYED,
    /** It could not be sent or delivered; the receipt carries the provider's error code. */
    FAILED,
    /** The message was deleted (by the sender). */
    DELETED,
    /** The provider cannot tell what became of it. */
    UNKNOWN
}
