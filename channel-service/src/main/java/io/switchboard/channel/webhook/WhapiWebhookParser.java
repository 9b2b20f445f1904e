package io.switchboard.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import io.switchboard.platform.text.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Normalises Whapi-format webhooks (docs/product/provider-webhooks.md) into provider events. What it cannot store it
 * refuses ({@link InvalidWebhookException}: a timestamp outside the years 1970 to 9999, a QR code that is not a base64
 * PNG); free text it keeps (names, error messages) is cut to fit and freed of control characters. The ingress then
 * checks the event against the contract's schema (field lengths) before it is written.
 */
final class WhapiWebhookParser {

    /** 9999-12-31T23:59:59Z: the last instant the contract (four-digit years) and every consumer's database take. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private WhapiWebhookParser() {}

    /**
     * @param channelId our channel, from the authenticated webhook address
     * @param body the parsed body
     * @param raw the body as received
     */
    public static ProviderEvent normalise(String channelId, String accountId, JsonNode body, String raw) {
        if (body == null || !body.isObject()) {
            throw new InvalidWebhookException("The body must be a JSON object");
        }
        String eventName = body.path("event").path("type").asText("") + "."
                + body.path("event").path("event").asText("");
        ProviderEventType type = typeOf(eventName);
        ProviderEvent.Health health = type == ProviderEventType.HEALTH ? health(body.path("health")) : null;
        ProviderEvent.Qr qr = type == ProviderEventType.QR ? qr(body.path("qr")) : null;
        ProviderEvent.WhatsAppUser user =
                type == ProviderEventType.SESSION_CONNECTED || type == ProviderEventType.SESSION_DISCONNECTED
                        ? user(body.path("user"))
                        : null;
        List<ProviderEvent.Receipt> receipts =
                type == ProviderEventType.MESSAGE_STATUS ? receipts(body.path("statuses")) : null;
        List<ProviderEvent.InboundMessage> inbound =
                type == ProviderEventType.MESSAGE_RECEIVED ? inbound(body.path("messages")) : null;
        List<ProviderEvent.Call> calls = type == ProviderEventType.CALL ? calls(body.path("calls")) : null;
        if (needsPart(type)
                && health == null
                && qr == null
                && user == null
                && receipts == null
                && inbound == null
                && calls == null) {
            // An event without the part its type needs is kept for inspection, not acted upon.
            type = ProviderEventType.UNKNOWN;
        }
        JsonNode providerChannelId = body.path("channel_id");
        return new ProviderEvent(
                UUID.randomUUID().toString(),
                deliveryKey(channelId, raw),
                channelId,
                accountId,
                providerChannelId.isValueNode() && !providerChannelId.isNull() ? providerChannelId.asText() : null,
                type,
                Texts.fit(eventName, 100),
                Instant.now(),
                health,
                qr,
                user,
                raw,
                receipts,
                inbound,
                calls,
                null,
                null);
    }

    private static boolean needsPart(ProviderEventType type) {
        return switch (type) {
            case HEALTH, QR, SESSION_CONNECTED, SESSION_DISCONNECTED, MESSAGE_STATUS, MESSAGE_RECEIVED, CALL -> true;
            default -> false;
        };
    }

    /**
     * Whapi {@code statuses}, which have the Cloud API's shape (Meta's {@code statuses} are read by it too): one
     * receipt per entry that names its message; null when none does.
     */
    static List<ProviderEvent.Receipt> receipts(JsonNode statuses) {
        List<ProviderEvent.Receipt> receipts = new ArrayList<>();
        for (JsonNode status : statuses) {
            String id = status.path("id").asText("");
            if (id.isBlank()) {
                continue;
            }
            JsonNode error = status.path("errors").path(0).isMissingNode()
                    ? status.path("error")
                    : status.path("errors").path(0);
            receipts.add(new ProviderEvent.Receipt(
                    id,
                    receiptStatus(status.path("status").asText("")),
                    status.path("recipient_id").asText(null),
                    epochSeconds(status.path("timestamp")),
                    error.path("code").isMissingNode() || error.path("code").isNull()
                            ? null
                            : error.path("code").asText(),
                    Texts.fit(error.path("message").asText(error.path("title").asText(null)), 500)));
        }
        return receipts.isEmpty() ? null : receipts;
    }

    /**
     * Whapi {@code messages}: the entries a client wrote in a one-to-one chat ({@code from_me} false, a
     * {@code @s.whatsapp.net} chat); null when there is none (the business's own messages echoed, group chats).
     */
    private static List<ProviderEvent.InboundMessage> inbound(JsonNode messages) {
        List<ProviderEvent.InboundMessage> inbound = new ArrayList<>();
        for (JsonNode message : messages) {
            String id = message.path("id").asText("");
            String chat = message.path("chat_id").asText("");
            String from = message.path("from").asText("").replaceAll("\\D", "");
            if (message.path("from_me").asBoolean(false)
                    || id.isBlank()
                    || !chat.endsWith("@s.whatsapp.net")
                    || !from.matches("[1-9][0-9]{6,14}")) {
                continue;
            }
            String messageType = Texts.fit(message.path("type").asText(""), 40);
            inbound.add(new ProviderEvent.InboundMessage(
                    id,
                    chat,
                    "+" + from,
                    messageType.isBlank() ? "unknown" : messageType,
                    epochSeconds(message.path("timestamp"))));
        }
        return inbound.isEmpty() ? null : inbound;
    }

    /**
     * Whapi {@code calls}: a client called, in a one-to-one chat; null when no entry names its call and caller. Every
     * state of a call (offer, timeout, reject) is one more entry with the same id: the consumer keeps one per id.
     */
    private static List<ProviderEvent.Call> calls(JsonNode entries) {
        List<ProviderEvent.Call> calls = new ArrayList<>();
        for (JsonNode call : entries) {
            String id = call.path("id").asText("");
            String from = call.path("from").asText("").replaceAll("\\D", "");
            String chat = call.path("chat_id").asText(from + "@s.whatsapp.net");
            if (id.isBlank() || call.path("from_me").asBoolean(false) || !from.matches("[1-9][0-9]{6,14}")) {
                continue;
            }
            calls.add(new ProviderEvent.Call(
                    id, chat, "+" + from, call.path("video").asBoolean(false), epochSeconds(call.path("timestamp"))));
        }
        return calls.isEmpty() ? null : calls;
    }

    private static ReceiptStatus receiptStatus(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "pending" -> ReceiptStatus.PENDING;
            case "sent", "server" -> ReceiptStatus.SENT;
            case "delivered", "device" -> ReceiptStatus.DELIVERED;
            case "read" -> ReceiptStatus.READ;
            case "played" -> ReceiptStatus.PLAYED;
            case "failed", "error" -> ReceiptStatus.FAILED;
            case "deleted" -> ReceiptStatus.DELETED;
            default -> ReceiptStatus.UNKNOWN;
        };
    }

    /**
     * Whapi writes timestamps as epoch seconds, as a number or a string; null when there is none. One outside the years
     * 1970 to 9999 can be stored nowhere: the webhook is refused.
     */
    static Instant epochSeconds(JsonNode timestamp) {
        if (timestamp.isIntegralNumber() || timestamp.isFloatingPointNumber()) {
            return inRange(timestamp.canConvertToLong() ? timestamp.asLong() : Long.MAX_VALUE);
        }
        if (timestamp.isTextual() && timestamp.asText().matches("\\d{1,19}")) {
            return inRange(timestamp.asText().length() > 12 ? Long.MAX_VALUE : Long.parseLong(timestamp.asText()));
        }
        return null;
    }

    private static Instant inRange(long epochSecond) {
        if (epochSecond < 0 || epochSecond > MAX_EPOCH_SECOND) {
            throw new InvalidWebhookException(
                    "A timestamp is out of range (epoch seconds 0 to " + MAX_EPOCH_SECOND + ")");
        }
        return Instant.ofEpochSecond(epochSecond);
    }

    private static ProviderEvent.Health health(JsonNode node) {
        String text = node.path("status").path("text").asText(null);
        if (text == null || !node.path("status").path("code").canConvertToInt()) {
            return null;
        }
        return new ProviderEvent.Health(
                node.path("status").path("code").asInt(),
                text,
                node.path("start_at").asLong(),
                node.path("uptime").asLong());
    }

    private static ProviderEvent.Qr qr(JsonNode node) {
        String image = node.path("base64").asText(node.path("image").asText(null));
        JsonNode expire = node.has("expire") ? node.path("expire") : node.path("expires_at");
        if (image == null || image.isEmpty() || !expire.isNumber()) {
            return null;
        }
        Instant expiresAt = epochSeconds(expire);
        if (!isBase64Png(image)) {
            throw new InvalidWebhookException("qr.base64 is not a base64 PNG image");
        }
        return new ProviderEvent.Qr(image, expiresAt);
    }

    private static boolean isBase64Png(String image) {
        try {
            byte[] png = Base64.getDecoder().decode(image); // the whole of it, as the QR endpoint serves it
            return png.length >= PNG_SIGNATURE.length
                    && Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProviderEvent.WhatsAppUser user(JsonNode node) {
        JsonNode id = node.path("id");
        if (!id.isValueNode() || id.isNull()) {
            return null;
        }
        JsonNode name = node.path("name");
        return new ProviderEvent.WhatsAppUser(
                id.asText(), name.isValueNode() && !name.isNull() ? Texts.fit(name.asText(), 200) : null);
    }

    /** A redelivered webhook (the provider retrying it) has the same key, so it is applied once. */
    static String deliveryKey(String channelId, String raw) {
        return UUID.nameUUIDFromBytes((channelId + "\n" + raw).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static ProviderEventType typeOf(String eventName) {
        return switch (eventName) {
            case "channel.post" -> ProviderEventType.HEALTH;
            case "channel.patch" -> ProviderEventType.QR;
            case "users.post" -> ProviderEventType.SESSION_CONNECTED;
            case "users.delete" -> ProviderEventType.SESSION_DISCONNECTED;
            case "phone.offline" -> ProviderEventType.PHONE_OFFLINE;
            case "phone.online" -> ProviderEventType.PHONE_ONLINE;
            case "channel.conflict" -> ProviderEventType.CONFLICT;
            case "channel.disconnected" -> ProviderEventType.NUMBER_DISCONNECTED;
            case "statuses.post", "statuses.put" -> ProviderEventType.MESSAGE_STATUS;
            case "messages.post" -> ProviderEventType.MESSAGE_RECEIVED;
            case "calls.post" -> ProviderEventType.CALL;
            default -> ProviderEventType.UNKNOWN;
        };
    }
}
