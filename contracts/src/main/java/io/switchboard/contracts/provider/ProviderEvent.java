package io.switchboard.contracts.provider;

import java.time.Instant;

/**
 * {@code provider.events.v1}: a provider webhook, authenticated and normalised, written before the webhook is
 * answered. Exactly one of the typed parts matches {@code type}; the others are null. {@code raw} keeps the body
 * as received.
 *
 * @param eventId unique per accepted webhook (the CloudEvents id): a record Kafka delivers again has the same one
 * @param deliveryKey the same for every delivery of one webhook (a hash of channel and body): a provider retrying a
 *        webhook within minutes sends the same key, and the event is applied once; the same body much later is a new
 *        event. Null in records written before it existed (then the event id is the key).
 * @param providerEventName the provider's own name, e.g. {@code channels.post}
 */
public record ProviderEvent(
        String eventId,
        String deliveryKey,
        String channelId,
        String accountId,
        String providerChannelId,
        ProviderEventType type,
        String providerEventName,
        Instant receivedAt,
        Health health,
        Qr qr,
        WhatsAppUser user,
        String raw) {

    /** Whapi {@code health}: status code and text, session start and uptime in seconds. */
    public record Health(int code, String text, long startAt, long uptime) {
    }

    /** Whapi {@code channels.patch} QR object: base64 PNG and its expiry. */
    public record Qr(String imageBase64, Instant expiresAt) {
    }

    /** Whapi {@code users.post}/{@code users.delete} user. */
    public record WhatsAppUser(String id, String name) {
    }
}
