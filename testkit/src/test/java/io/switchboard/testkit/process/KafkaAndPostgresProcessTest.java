package io.switchboard.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaAndPostgresProcessTest {

    private final Path workDir =
            Path.of("target", "process-test", UUID.randomUUID().toString()).toAbsolutePath();

    @Test
    void startsServesAndStopsARealBrokerAndARealDatabaseServer() throws Exception {
        KafkaBrokerProcess kafka = new KafkaBrokerProcess(
                KafkaBrokerProcess.Settings.of(workDir.resolve("kafka")).withPorts(Ports.free(), Ports.free()));
        // Binaries are shared by every run of this module: the unpack happens once per target folder.
        PostgresServerProcess postgres =
                new PostgresServerProcess(PostgresServerProcess.Settings.of(workDir.resolve("postgres"))
                        .withInstallDir(Path.of("target", "postgres-binaries", PostgresBinaries.version()))
                        .withPort(Ports.free()));
        try {
            CompletableFuture<Long> kafkaStart =
                    CompletableFuture.supplyAsync(() -> timed(() -> kafka.start(Duration.ofSeconds(60))));
            long postgresMillis = timed(() -> postgres.start(Duration.ofSeconds(60)));
            long kafkaMillis = kafkaStart.join();
            System.out.printf("Kafka ready in %d ms, PostgreSQL in %d ms%n", kafkaMillis, postgresMillis);

            assertThat(roundTrip(kafka.bootstrapServers())).isEqualTo("hello");

            postgres.createDatabases("channel", "billing");
            postgres.createDatabases("channel");
            try (Connection connection = postgres.connect("channel");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT current_database(), current_user, 6 * 7")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("channel");
                assertThat(result.getString(2)).isEqualTo(PostgresServerProcess.USER);
                assertThat(result.getInt(3)).isEqualTo(42);
            }
            assertThat(kafka.isReady()).isTrue();
            assertThat(postgres.isReady()).isTrue();
        } finally {
            kafka.stop();
            postgres.stop();
        }

        assertThat(kafka.process().isAlive()).isFalse();
        assertThat(postgres.postmaster()).isEmpty();
        for (int port : List.of(
                kafka.settings().port(),
                kafka.settings().controllerPort(),
                postgres.settings().port())) {
            assertThat(Ports.answers(port)).as("port %d", port).isFalse();
            assertThat(Ports.isFree(port)).as("port %d", port).isTrue();
        }
    }

    private static String roundTrip(String bootstrap) throws Exception {
        String topic = "process-test";
        try (Admin admin =
                Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "process-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
        }
        return null;
    }

    private static long timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
