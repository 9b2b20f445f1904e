package io.switchboard.local;

import io.switchboard.testkit.kafka.TopicRecorder;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints what appears on topics from the moment it is created, as it appears: a real consumer without a group
 * (nothing committed, nothing left behind), reading only committed records.
 */
final class EventTail implements AutoCloseable {

    private final TopicRecorder recorder;
    private final EventSummary summary;

    EventTail(String bootstrapServers, List<String> topics, EventSummary summary, PrintStream out) {
        this.summary = summary;
        // Keeps what it prints: seen() looks for an event among them.
        this.recorder = TopicRecorder.recordingAndListening(
                bootstrapServers,
                topics,
                record -> out.printf(
                        "      event  %-18s %s  %s%n",
                        record.topic(), record.key(), summary.of(record.topic(), record.value())));
    }

    /** Whether an event with this key and this field value has appeared since the tail started. */
    boolean seen(String topic, String key, String field, String value) {
        return recorder.on(topic, key).stream()
                .anyMatch(record ->
                        value.equals(summary.payload(record.value()).path(field).asText(null)));
    }

    @Override
    public void close() {
        recorder.close();
    }
}
