package io.switchboard.simulator.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Webhook bodies in the provider's (Whapi's) exact shape. Each carries the {@code timestamp} (epoch seconds) of its
 * event, as Whapi's do.
 */
public final class WhapiWebhooks {

    private WhapiWebhooks() {
    }

    /** {@code channels.post}: the channel's health. */
    public record HealthWebhook(Health health, Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static HealthWebhook of(String channelId, long startAt, long uptime, int code, String text, String version,
                long timestamp) {
            return new HealthWebhook(new Health(startAt, uptime, new Status(code, text), version),
                    new Event("channel", "post"), channelId, timestamp);
        }
    }

    public record Health(@JsonProperty("start_at") long startAt, long uptime, Status status, String version) {
    }

    public record Status(int code, String text) {
    }

    /** {@code channels.patch}: a new QR code to scan, or the current one expired. */
    public record QrWebhook(Qr qr, Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static QrWebhook of(String channelId, Qr qr, long timestamp) {
            return new QrWebhook(qr, new Event("channel", "patch"), channelId, timestamp);
        }
    }

    /** The QR code as a base64 PNG, when it expires (epoch seconds), and "active" or "expired". */
    public record Qr(String base64, long expire, String status) {
    }

    /** {@code users.post} (a phone linked the session) and {@code users.delete} (it was unlinked). */
    public record UserWebhook(User user, Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static UserWebhook connected(String channelId, User user, long timestamp) {
            return new UserWebhook(user, new Event("users", "post"), channelId, timestamp);
        }

        public static UserWebhook disconnected(String channelId, User user, long timestamp) {
            return new UserWebhook(user, new Event("users", "delete"), channelId, timestamp);
        }
    }

    public record User(String id, String name) {
    }

    /** An event that carries nothing but its name: the phone going offline or online, the channel in conflict. */
    public record EventWebhook(Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static EventWebhook of(String channelId, String type, String event, long timestamp) {
            return new EventWebhook(new Event(type, event), channelId, timestamp);
        }
    }

    public record Event(String type, String event) {
    }
}
