package io.switchboard.simulator.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Webhook bodies in the provider's (Whapi's) exact shape. */
public final class WhapiWebhooks {

    private WhapiWebhooks() {
    }

    /** {@code channels.post}: the channel's health. */
    public record HealthWebhook(Health health, Event event, @JsonProperty("channel_id") String channelId) {

        public static HealthWebhook of(String channelId, long startAt, long uptime, int code, String text, String version) {
            return new HealthWebhook(new Health(startAt, uptime, new Status(code, text), version),
                    new Event("channel", "post"), channelId);
        }
    }

    public record Health(@JsonProperty("start_at") long startAt, long uptime, Status status, String version) {
    }

    public record Status(int code, String text) {
    }

    /** {@code users.post} (a phone linked the session) and {@code users.delete} (it was unlinked). */
    public record UserWebhook(User user, Event event, @JsonProperty("channel_id") String channelId) {

        public static UserWebhook connected(String channelId, User user) {
            return new UserWebhook(user, new Event("users", "post"), channelId);
        }

        public static UserWebhook disconnected(String channelId, User user) {
            return new UserWebhook(user, new Event("users", "delete"), channelId);
        }
    }

    public record User(String id, String name) {
    }

    public record Event(String type, String event) {
    }
}
