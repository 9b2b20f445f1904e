package io.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.switchboard.contracts.Topics;

/** One line about an event, for people watching the demo. Reads structured CloudEvents and bare payloads alike. */
final class EventSummary {

    private final ObjectMapper mapper;

    EventSummary(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event's payload, or a missing node when the value is not JSON. */
    JsonNode payload(String value) {
        try {
            return payload(mapper.readTree(value));
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    String of(String topic, String value) {
        JsonNode event = payload(value);
        if (!event.isObject()) {
            return abbreviate(value);
        }
        return switch (topic) {
            case Topics.CHANNEL_STATUS ->
                String.format(
                        "%s -> %s (%s%s) v%s",
                        text(event, "previousStatus", "new"),
                        text(event, "status", "?"),
                        text(event, "cause", "?"),
                        event.hasNonNull("detail") ? ": " + event.get("detail").asText() : "",
                        text(event, "version", "?"));
            case Topics.MESSAGE_STATUS ->
                String.format(
                        "message %s: %s -> %s%s",
                        text(event, "messageId", "?"),
                        text(event, "previousState", "new"),
                        text(event, "state", "?"),
                        event.hasNonNull("reason") ? " (" + event.get("reason").asText() + ")" : "");
            default -> abbreviate(value);
        };
    }

    /** The {@code data} of a structured CloudEvent, or the record itself when the event attributes are headers. */
    private JsonNode payload(JsonNode node) throws Exception {
        JsonNode data = node.get("data");
        if (node.has("specversion") && data != null) {
            return data.isTextual() ? mapper.readTree(data.asText()) : data;
        }
        return node;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static String abbreviate(String value) {
        String flat = String.valueOf(value).replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
