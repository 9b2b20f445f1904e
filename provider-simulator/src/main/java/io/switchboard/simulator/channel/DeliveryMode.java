package io.switchboard.simulator.channel;

/**
 * How a channel's sends fare after the provider accepted them, scripted to play what gateways' users report.
 */
public enum DeliveryMode {
    /** Receipts as scripted per number, else the defaults: the server's "sent", then "delivered". */
    NORMAL,
    /**
     * "Connected but not delivering": sends are accepted and the health check says AUTH, but nothing reaches a
     * recipient and the channel posts no webhook at all (no receipt, no health, no inbound message).
     */
    ZOMBIE,
    /** The recipients' phones are off: each send gets the server's "sent" and nothing more; the channel is fine. */
    RECIPIENTS_OFFLINE
}
