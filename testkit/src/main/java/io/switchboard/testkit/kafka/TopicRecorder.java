package io.switchboard.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records what appears on topics from the moment it is created, with a real consumer, so a test can assert on
 * the events a service published. Close it after the test.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Consumer<ConsumerRecord<String, String>> listener;
    private final boolean keep;
    private final Thread poller;
    private volatile boolean running = true;

    private TopicRecorder(
            String bootstrapServers,
            List<String> topics,
            Consumer<ConsumerRecord<String, String>> listener,
            boolean keep) {
        this.listener = listener;
        this.keep = keep;
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, so that "from now on" means the moment of construction.
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "topic-recorder");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts recording {@code topics} from their current ends. */
    public static TopicRecorder recording(String bootstrapServers, String... topics) {
        return new TopicRecorder(bootstrapServers, Arrays.asList(topics), record -> {}, true);
    }

    /**
     * Reads {@code topics} from their current ends and tells {@code listener} of each record as it arrives, keeping
     * none ({@link #on} stays empty): for long runs, where keeping every record would cost more than reading it.
     */
    public static TopicRecorder recording(
            String bootstrapServers, List<String> topics, Consumer<ConsumerRecord<String, String>> listener) {
        return new TopicRecorder(bootstrapServers, topics, listener, false);
    }

    /**
     * Reads {@code topics} from their current ends, tells {@code listener} of each record as it arrives and keeps them
     * all ({@link #on} finds them): for a short watch that both shows and waits for events.
     */
    public static TopicRecorder recordingAndListening(
            String bootstrapServers, List<String> topics, Consumer<ConsumerRecord<String, String>> listener) {
        return new TopicRecorder(bootstrapServers, topics, listener, true);
    }

    /** Everything recorded on {@code topic}, in arrival order. */
    public List<ConsumerRecord<String, String>> on(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Everything recorded on {@code topic} with {@code key}, in partition order. */
    public List<ConsumerRecord<String, String>> on(String topic, String key) {
        return records.stream()
                .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .toList();
    }

    /** The value of a header as text, if present. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (keep) {
                        records.add(record);
                    }
                    listener.accept(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
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
