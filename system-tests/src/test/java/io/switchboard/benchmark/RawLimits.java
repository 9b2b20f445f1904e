package io.switchboard.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the broker and the database do here without the platform in between, measured in the benchmark's own run. */
final class RawLimits {

    private RawLimits() {}

    /** Transactions per second of one plain JDBC connection, each inserting one row: the cost of a durable commit. */
    static double commitRate(String jdbcUrl, int commits) throws Exception {
        return insertRate(jdbcUrl, commits, 1);
    }

    /** Records per second of a plain producer to a fresh 6-partition topic on the same broker. */
    static double produceRate(String bootstrap, String topic, int records) throws Exception {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 6, (short) 1)))
                    .all()
                    .get();
        }
        String value = "x".repeat(400);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 1000), value));
            }
            producer.flush();
            return records / seconds(System.nanoTime() - start);
        }
    }

    /** Records per second of a plain consumer reading that topic from the beginning. */
    static double consumeRate(String bootstrap, String topic, int records) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        topic,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long start = 0;
            while (read < records) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofSeconds(1));
                if (start == 0 && !batch.isEmpty()) {
                    start = System.nanoTime(); // from the first record: the group join is not reading
                }
                read += batch.count();
            }
            return read / seconds(System.nanoTime() - start);
        }
    }

    /**
     * Rows per second of one plain JDBC connection inserting {@code batch} rows of 400 B per transaction (one batched
     * statement) into a logged table of its own: its commits wait for the WAL flush.
     */
    static double insertRate(String jdbcUrl, int rows, int batch) throws Exception {
        String table = "bench_insert_" + System.nanoTime();
        try (Connection connection =
                DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", "switchboard", "switchboard")) {
            try (var create = connection.createStatement()) {
                create.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, payload TEXT)");
            }
            connection.setAutoCommit(false);
            String value = "x".repeat(400);
            try (var insert = connection.prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, value);
                    insert.addBatch();
                    if ((i + 1) % batch == 0 || i == rows - 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                return rows / seconds(System.nanoTime() - start);
            } finally {
                connection.setAutoCommit(true);
                try (var drop = connection.createStatement()) {
                    drop.execute("DROP TABLE " + table);
                }
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
