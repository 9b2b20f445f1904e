package io.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints what appears on topics from the moment it is created, as it appears: a real consumer without a group
 * (nothing committed, nothing left behind), reading only committed records.
 */
final class EventTail implements AutoCloseable {

    private record Seen(String topic, String key, JsonNode payload) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final EventSummary summary;
    private final PrintStream out;
    private final Thread poller;
    private volatile boolean running = true;

    EventTail(String bootstrapServers, List<String> topics, EventSummary summary, PrintStream out) {
        this.summary = summary;
        this.out = out;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(15))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the ends now: "from the start of the demo" means this moment, not the first poll.
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "event-tail");
        poller.setDaemon(true);
        poller.start();
    }

    /** Whether an event with this key and this field value has appeared since the tail started. */
    boolean seen(String topic, String key, String field, String value) {
        return seen.stream().anyMatch(event -> event.topic().equals(topic) && key.equals(event.key())
                && value.equals(event.payload().path(field).asText(null)));
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(new Seen(record.topic(), record.key(), summary.payload(record.value())));
                    out.printf("      event  %-18s %s  %s%n", record.topic(), record.key(), summary.of(record.topic(), record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
