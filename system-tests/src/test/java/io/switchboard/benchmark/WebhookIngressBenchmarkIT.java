package io.switchboard.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topics;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Webhook ingress to {@code channel.status.v1}: events per second and latency of the platform, and in the same run
 * the raw produce rate of the same broker. Prints figures; asserts nothing about speed. Runs only when asked:
 * {@code mvn -B verify -pl system-tests -Dit.test=WebhookIngressBenchmarkIT -Dbenchmark=true}
 * (after {@code mvn -B install -DskipTests}); {@code -Dbenchmark.webhooks=N}, {@code -Dbenchmark.channels=N},
 * {@code -Dbenchmark.threads=N} change the load.
 */
class WebhookIngressBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SESSION_START = java.time.Instant.now().getEpochSecond() + 3600;

    @Test
    void webhookIngressToStatusEvents() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark runs only with -Dbenchmark=true");
        int webhooks = Integer.getInteger("benchmark.webhooks", 4000);
        int channelCount = Integer.getInteger("benchmark.channels", 40);
        int threads = Integer.getInteger("benchmark.threads", 8);
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();

        double rawRate = rawProduceRate(platform.kafka(), 50_000);
        double rawCommits = rawCommitRate(platform.jdbcUrl("channel"), 2_000);

        String token = platform.token("bench-" + ThreadLocalRandom.current().nextInt(1_000_000));
        HttpClient http = HttpClient.newHttpClient();
        List<String> channels = new ArrayList<>();
        while (channels.size() < channelCount) {
            String phone = "+1650253" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(platform.channelService() + "/v1/channels"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\",\"name\":\"Bench\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 201) {
                channels.add(JSON.readTree(created.body()).path("id").asText());
            }
        }
        Map<String, String> secrets = secrets(platform, channels);
        // Let the simulator's own boot webhooks (INIT, LAUNCH, QR) settle before measuring.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> allQr(http, platform, token, channels));

        Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        channels.forEach(id -> {
            sent.put(id, Collections.synchronizedList(new ArrayList<>()));
            seen.put(id, new CopyOnWriteArrayList<>());
        });
        java.util.Set<String> eventIds = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        try (TopicRecorder ignored = TopicRecorder.recording(platform.kafka(), List.of(Topics.CHANNEL_STATUS), record -> {
            List<Long> times = seen.get(record.key());
            if (times == null) {
                return;
            }
            // A republished event (same CloudEvents id) is counted once: duplicates would flatter the rate.
            if (eventIds.add(TopicRecorder.header(record, "ce_id").orElseThrow())) {
                times.add(System.nanoTime());
            } else {
                duplicates.incrementAndGet();
            }
        })) {
            int perChannel = webhooks / channelCount;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int n = 0; n < perChannel; n++) {
                        for (int c = thread; c < channels.size(); c += threads) {
                            String id = channels.get(c);
                            String status = n % 2 == 0 ? "AUTH" : "LAUNCH";
                            sent.get(id).add(System.nanoTime());
                            post(http, platform.channelService(), id, secrets.get(id), status, 1000 + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            long sentAll = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> channels.stream().allMatch(id -> seen.get(id).size() >= perChannel));
            long end = System.nanoTime();
            pool.shutdown();

            List<Long> latencies = new ArrayList<>();
            for (String id : channels) {
                List<Long> in = sent.get(id);
                List<Long> out = seen.get(id);
                for (int i = 0; i < in.size(); i++) {
                    latencies.add(out.get(i) - in.get(i));
                }
            }
            Collections.sort(latencies);
            int total = perChannel * channelCount;
            System.out.printf("%n=== Webhook ingress -> channel.status.v1 (%d webhooks, %d channels, %d client threads) ===%n",
                    total, channelCount, threads);
            System.out.printf("webhooks accepted (HTTP 200)     %8.0f /s%n", total / seconds(sentAll - start));
            System.out.printf("status events end to end        %8.0f /s%n", total / seconds(end - start));
            System.out.printf("latency webhook -> event  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                    millis(latencies.get(latencies.size() / 2)), millis(latencies.get((int) (latencies.size() * 0.99))),
                    millis(latencies.get(latencies.size() - 1)));
            System.out.printf("duplicate events (republished)  %8d%n", duplicates.get());
            System.out.printf("raw Kafka produce, same broker  %8.0f records/s (acks=all, 6 partitions, 400 B)%n", rawRate);
            System.out.printf("raw PostgreSQL, same server     %8.0f commits/s (one 400 B row per transaction, one connection)%n%n",
                    rawCommits);
        }
    }

    private static void post(HttpClient http, String base, String id, String secret, String status, long uptime) {
        int code = "AUTH".equals(status) ? 4 : 2;
        // A session started after the simulator's own: health of an earlier session would be ignored as overtaken.
        String body = "{\"health\":{\"start_at\":" + SESSION_START + ",\"uptime\":" + uptime + ",\"status\":{\"code\":" + code
                + ",\"text\":\"" + status + "\"},\"version\":\"bench\"},\"event\":{\"type\":\"channel\",\"event\":\"post\"},"
                + "\"channel_id\":\"bench\"}";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/provider/webhooks/" + id))
                    .header("X-Webhook-Secret", secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("webhook answered " + response.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allQr(HttpClient http, LocalPlatformUnderTest platform, String token, List<String> channels)
            throws Exception {
        for (String id : channels) {
            HttpResponse<String> channel = http.send(HttpRequest.newBuilder(URI.create(platform.channelService()
                    + "/v1/channels/" + id)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!"QR_REQUIRED".equals(JSON.readTree(channel.body()).path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The webhook secrets, as the provider holds them; read from the channel database for the harness. */
    private static Map<String, String> secrets(LocalPlatformUnderTest platform, List<String> channels) throws Exception {
        Map<String, String> secrets = new ConcurrentHashMap<>();
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl("channel"), "switchboard", "switchboard");
                var statement = connection.prepareStatement("SELECT id, webhook_secret FROM channel WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", channels.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    secrets.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return secrets;
    }

    /** Transactions per second of one plain JDBC connection, each inserting one row: the cost of a durable commit. */
    private static double rawCommitRate(String jdbcUrl, int commits) throws Exception {
        String table = "bench_commit_" + System.nanoTime(); // a logged table: its commits wait for the WAL flush
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "switchboard", "switchboard")) {
            try (var create = connection.createStatement()) {
                create.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, payload TEXT)");
            }
            connection.setAutoCommit(false);
            String value = "x".repeat(400);
            try (var insert = connection.prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < commits; i++) {
                    insert.setString(1, value);
                    insert.executeUpdate();
                    connection.commit();
                }
                return commits / seconds(System.nanoTime() - start);
            } finally {
                connection.setAutoCommit(true);
                try (var drop = connection.createStatement()) {
                    drop.execute("DROP TABLE " + table);
                }
            }
        }
    }

    /** Records per second of a plain producer to a fresh 6-partition topic on the same broker. */
    private static double rawProduceRate(String bootstrap, int records) throws Exception {
        String topic = "bench.raw." + System.nanoTime();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        String value = "x".repeat(400);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 1000), value));
            }
            producer.flush();
            return records / seconds(System.nanoTime() - start);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
