package io.switchboard.simulator.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Webhook bodies in the provider's (Whapi's) exact shape. Each carries the {@code timestamp} (epoch seconds) of its
 * event, as Whapi's do.
 */
public final class WhapiWebhookBodies {

    private WhapiWebhookBodies() {}

    /** {@code channels.post}: the channel's health. */
    public record HealthWebhook(
            Health health,
            Event event,
            @JsonProperty("channel_id") String channelId,
            long timestamp) {

        public static HealthWebhook of(
                String channelId, long startAt, long uptime, int code, String text, String version, long timestamp) {
            return new HealthWebhook(
                    new Health(startAt, uptime, new Status(code, text), version),
                    new Event("channel", "post"),
                    channelId,
                    timestamp);
        }
    }

    public record Health(@JsonProperty("start_at") long startAt, long uptime, Status status, String version) {}

    public record Status(int code, String text) {}

    /** {@code channels.patch}: a new QR code to scan, or the current one expired. */
    public record QrWebhook(
            Qr qr, Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static QrWebhook of(String channelId, Qr qr, long timestamp) {
            return new QrWebhook(qr, new Event("channel", "patch"), channelId, timestamp);
        }
    }

    /** The QR code as a base64 PNG, when it expires (epoch seconds), and "active" or "expired". */
    public record Qr(String base64, long expire, String status) {}

    /** {@code users.post} (a phone linked the session) and {@code users.delete} (it was unlinked). */
    public record UserWebhook(
            User user,
            Event event,
            @JsonProperty("channel_id") String channelId,
            long timestamp) {

        public static UserWebhook connected(String channelId, User user, long timestamp) {
            return new UserWebhook(user, new Event("users", "post"), channelId, timestamp);
        }

        public static UserWebhook disconnected(String channelId, User user, long timestamp) {
            return new UserWebhook(user, new Event("users", "delete"), channelId, timestamp);
        }
    }

    public record User(String id, String name) {}

    /** An event that carries nothing but its name: the phone going offline or online, the channel in conflict. */
    public record EventWebhook(
            Event event, @JsonProperty("channel_id") String channelId, long timestamp) {

        public static EventWebhook of(String channelId, String type, String event, long timestamp) {
            return new EventWebhook(new Event(type, event), channelId, timestamp);
        }
    }

    public record Event(String type, String event) {}

    /**
     * {@code statuses.post}: what became of outbound messages (Whapi codes: failed 0, pending 1, sent 2, delivered 3,
     * read 4, played 5).
     */
    public record StatusesWebhook(
            List<MessageStatus> statuses,
            Event event,
            @JsonProperty("channel_id") String channelId,
            long timestamp) {

        public static StatusesWebhook of(String channelId, MessageStatus status, long timestamp) {
            return new StatusesWebhook(List.of(status), new Event("statuses", "post"), channelId, timestamp);
        }
    }

    /** One message's status; {@code timestamp} is epoch seconds as a string, as Whapi writes it. */
    public record MessageStatus(
            String id,
            int code,
            String status,
            @JsonProperty("recipient_id") String recipientId,
            String timestamp) {}

    /** {@code messages.post}: messages a client wrote to the channel (Whapi's shape, text messages only). */
    public record MessagesWebhook(
            List<InboundMessage> messages,
            Event event,
            @JsonProperty("channel_id") String channelId,
            long timestamp) {

        public static MessagesWebhook of(String channelId, InboundMessage message, long timestamp) {
            return new MessagesWebhook(List.of(message), new Event("messages", "post"), channelId, timestamp);
        }
    }

    /** {@code calls.post}: a client calls the channel (Whapi's shape); a gateway cannot answer, so it is missed. */
    public record CallsWebhook(
            List<Call> calls,
            Event event,
            @JsonProperty("channel_id") String channelId,
            long timestamp) {

        public static CallsWebhook of(String channelId, Call call, long timestamp) {
            return new CallsWebhook(List.of(call), new Event("calls", "post"), channelId, timestamp);
        }
    }

    /** One call: {@code from} is the caller's number without +, {@code chat_id} its one-to-one chat. */
    public record Call(
            String id,
            String from,
            @JsonProperty("chat_id") String chatId,
            String status,
            boolean video,
            long timestamp) {}

    /** One inbound message: {@code from} is the writer's number without +, {@code chat_id} its one-to-one chat. */
    public record InboundMessage(
            String id,
            @JsonProperty("from_me") boolean fromMe,
            String type,
            @JsonProperty("chat_id") String chatId,
            long timestamp,
            String source,
            Text text,
            String from,
            @JsonProperty("from_name") String fromName) {}

    public record Text(String body) {}
}
