package io.switchboard.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Normalises Whapi-format webhooks (seed 002) into provider events. */
public final class WhapiWebhooks {

    private WhapiWebhooks() {
    }

    /**
     * @param channelId our channel, from the authenticated webhook address
     * @param body the parsed body
     * @param raw the body as received
     */
    public static ProviderEvent normalise(String channelId, String accountId, JsonNode body, String raw) {
        String eventName = body.path("event").path("type").asText("") + "." + body.path("event").path("event").asText("");
        ProviderEventType type = typeOf(eventName);
        ProviderEvent.Health health = null;
        ProviderEvent.WhatsAppUser user = null;
        if (type == ProviderEventType.HEALTH) {
            JsonNode node = body.path("health");
            health = new ProviderEvent.Health(node.path("status").path("code").asInt(),
                    node.path("status").path("text").asText(null), node.path("start_at").asLong(),
                    node.path("uptime").asLong());
        } else if (type == ProviderEventType.SESSION_CONNECTED || type == ProviderEventType.SESSION_DISCONNECTED) {
            user = new ProviderEvent.WhatsAppUser(body.path("user").path("id").asText(null),
                    body.path("user").path("name").asText(null));
        }
        return new ProviderEvent(eventId(channelId, raw), channelId, accountId, body.path("channel_id").asText(null), type,
                eventName, Instant.now(), health, null, user, raw);
    }

    /** A redelivered webhook has the same id, so it is applied once. */
    static String eventId(String channelId, String raw) {
        return UUID.nameUUIDFromBytes((channelId + "\n" + raw).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ProviderEventType typeOf(String eventName) {
        return switch (eventName) {
            case "channel.post" -> ProviderEventType.HEALTH;
            case "channel.patch" -> ProviderEventType.QR;
            case "users.post" -> ProviderEventType.SESSION_CONNECTED;
            case "users.delete" -> ProviderEventType.SESSION_DISCONNECTED;
            default -> ProviderEventType.UNKNOWN;
        };
    }
}
