package io.switchboard.contracts.channel;

/** How a channel reaches WhatsApp; it decides how its messages are paced. */
public enum ChannelKind {
    /** A WhatsApp Web session at a gateway (Whapi-style): QR, health webhooks, take-over; sends are spaced by gaps. */
    WEB_SESSION,
    /**
     * An official Cloud API number: verified with a code (docs/product/cloud-api-verification.md); sends are limited by
     * a rate.
     */
    CLOUD_API
}
