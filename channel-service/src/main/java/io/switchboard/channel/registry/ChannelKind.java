package io.switchboard.channel.registry;

/** How a channel reaches WhatsApp. */
public enum ChannelKind {
    /** A WhatsApp Web session at a gateway (Whapi-style): QR, health webhooks, take-over. */
    WEB_SESSION,
    /** An official Cloud API number: no session; a disconnected number is verified with a code (seed 004). */
    CLOUD_API
}
