package io.switchboard.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * kafka-clients' {@link MockConsumer} over a log that keeps its records, as a broker does: a seek back (a retry) reads
 * them again. Paused partitions return nothing; wake-ups, poll tasks and commits are the mock's own.
 */
final class ReplayingConsumer extends MockConsumer<String, String> {

    private final Map<TopicPartition, List<ConsumerRecord<String, String>>> log = new HashMap<>();

    ReplayingConsumer() {
        super("earliest");
    }

    /** Appends a record to the partition's log; returns its offset. */
    synchronized long append(String topic, int partition, String key, String value) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<ConsumerRecord<String, String>> records = log.computeIfAbsent(tp, p -> new ArrayList<>());
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, partition, records.size(), key, value);
        records.add(record);
        return record.offset();
    }

    @Override
    public ConsumerRecords<String, String> poll(Duration timeout) {
        ConsumerRecords<String, String> none = super.poll(Duration.ZERO); // tasks, wake-ups, positions
        if (!none.isEmpty()) {
            throw new IllegalStateException("records are appended to the log, not added to the mock");
        }
        Map<TopicPartition, List<ConsumerRecord<String, String>>> fetched = fetch();
        if (fetched.isEmpty()) {
            try {
                Thread.sleep(Math.min(5, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ConsumerRecords<>(fetched, Map.of());
    }

    private synchronized Map<TopicPartition, List<ConsumerRecord<String, String>>> fetch() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> fetched = new HashMap<>();
        for (TopicPartition partition : assignment()) {
            if (paused().contains(partition)) {
                continue;
            }
            long position = position(partition);
            List<ConsumerRecord<String, String>> next = log.getOrDefault(partition, List.of()).stream()
                    .filter(record -> record.offset() >= position)
                    .toList();
            if (!next.isEmpty()) {
                fetched.put(partition, next);
                seek(partition, next.get(next.size() - 1).offset() + 1);
            }
        }
        return fetched;
    }
}
