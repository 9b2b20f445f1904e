package io.switchboard.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A channel's {@code channel.status.v1} events as a recorder saw them. */
final class StatusEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusEvents() {}

    /** Every event of the channel, announcements included, in the order they were published. */
    static List<JsonNode> of(TopicRecorder topics, String channelId) {
        return topics.on(Topics.CHANNEL_STATUS, channelId).stream()
                .map(record -> json(record.value()))
                .toList();
    }

    /** The statuses the channel moved through; announcements (the same status, e.g. "stuck") left out. */
    static List<String> changes(TopicRecorder topics, String channelId) {
        return of(topics, channelId).stream()
                .filter(e -> !e.path("status").equals(e.path("previousStatus")))
                .map(e -> e.path("status").asText())
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
