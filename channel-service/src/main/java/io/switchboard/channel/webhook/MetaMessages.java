package io.switchboard.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.platform.text.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's {@code messages} field of a Cloud API number, named by {@code metadata.phone_number_id}: its {@code statuses}
 * (receipts of the number's messages, in the shape Whapi copies) and its {@code messages} (what clients wrote). A
 * client's chat is named as a WhatsApp Web chat is ({@code <wa_id>@s.whatsapp.net}), so that every consumer knows one
 * kind of chat id whatever the channel.
 */
final class MetaMessages {

    private MetaMessages() {}

    static List<MetaWebhookParser.Change> changes(JsonNode value, String raw) {
        String numberId = value.path("metadata").path("phone_number_id").asText("");
        if (!numberId.matches("\\d{1,30}")) {
            return List.of();
        }
        MetaWebhookParser.Target target = new MetaWebhookParser.Target(MetaWebhookParser.By.PHONE_NUMBER_ID, numberId);
        List<MetaWebhookParser.Change> changes = new ArrayList<>();
        List<ProviderEvent.Receipt> receipts = WhapiWebhookParser.receipts(value.path("statuses"));
        if (receipts != null) {
            changes.add(new MetaWebhookParser.Change(
                    target, ProviderEventType.MESSAGE_STATUS, "messages.statuses", null, receipts, null, null, raw));
        }
        List<ProviderEvent.InboundMessage> inbound = inbound(value.path("messages"));
        if (!inbound.isEmpty()) {
            changes.add(new MetaWebhookParser.Change(
                    target, ProviderEventType.MESSAGE_RECEIVED, "messages.messages", null, null, inbound, null, raw));
        }
        return changes;
    }

    /** What clients wrote: each entry with an id and a writer's number. */
    private static List<ProviderEvent.InboundMessage> inbound(JsonNode messages) {
        List<ProviderEvent.InboundMessage> inbound = new ArrayList<>();
        for (JsonNode message : messages) {
            String id = message.path("id").asText("");
            String from = message.path("from").asText("").replaceAll("\\D", "");
            if (id.isBlank() || id.length() > 100 || !from.matches("[1-9][0-9]{6,14}")) {
                continue;
            }
            String type = Texts.fit(message.path("type").asText(""), 40);
            inbound.add(new ProviderEvent.InboundMessage(
                    id,
                    from + "@s.whatsapp.net",
                    "+" + from,
                    type.isBlank() ? "unknown" : type,
                    WhapiWebhookParser.epochSeconds(message.path("timestamp"))));
        }
        return inbound;
    }
}
