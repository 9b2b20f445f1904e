package io.switchboard.benchmark;

import static org.awaitility.Awaitility.await;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.testkit.kafka.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the delivery watchdog costs per send and per receipt: for every send, the queue's SENT event on
 * {@code message.status.v1} (published here as the queue would) and the provider's receipt webhook
 * ({@code statuses.post}, the server's "sent") posted to channel-service, from 64 keep-alive threads on 400 channels.
 * Reported: how fast channel-service applies both streams end to end (its consumers' own counters) and its CPU per
 * send. Compare a run with the watchdog on (the default) and one with {@code SWITCHBOARD_DELIVERY_WATCH_ENABLED=false}
 * in the environment, which keeps no facts and reads no stalled channels. Prints figures; asserts nothing about
 * speed.
 *
 * <p>Runs only when asked, after {@code mvn -B install -DskipTests}:
 * {@code mvn -B verify -pl system-tests -Dit.test=DeliveryWatchBenchmarkIT -Dbenchmark=true};
 * {@code -Dbenchmark.sends=N}, {@code -Dbenchmark.channels=N}, {@code -Dbenchmark.threads=N} change the load.
 */
class DeliveryWatchBenchmarkIT {

    @Test
    void sendsAndReceiptsThroughTheDeliveryFacts() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark runs only with -Dbenchmark=true");
        int sends = Integer.getInteger("benchmark.sends", 40_000);
        int channelCount = Integer.getInteger("benchmark.channels", 400);
        int threads = Integer.getInteger("benchmark.threads", 64);
        boolean watching = !"false".equalsIgnoreCase(System.getenv("SWITCHBOARD_DELIVERY_WATCH_ENABLED"));
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();

        String rawTopic = "bench.raw." + System.nanoTime();
        double rawProduce = RawLimits.produceRate(platform.kafka(), rawTopic, 100_000);
        double rawCommits = RawLimits.commitRate(platform.jdbcUrl("channel"), 3_000);

        String account = "bench-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String token = platform.token(account);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        List<String> channels = WebhookIngressBenchmarkIT.createChannels(http, platform, token, channelCount);
        Map<String, String> secrets = WebhookIngressBenchmarkIT.secrets(platform, channels);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> WebhookIngressBenchmarkIT.allQr(http, platform, token, channels));

        int perChannel = sends / channelCount;
        int total = perChannel * channelCount;
        double receiptsBefore = applied(http, platform, "provider-events");
        double sendsBefore = applied(http, platform, "sent-messages");
        ThreadLocal<KeepAliveHttp> connections =
                ThreadLocal.withInitial(() -> new KeepAliveHttp(platform.channelService()));
        try (TestEvents events = new TestEvents(platform.kafka())) {
            CpuTimes cpuBefore = CpuTimes.now();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int n = 0; n < perChannel; n++) {
                        for (int c = thread; c < channels.size(); c += threads) {
                            String id = channels.get(c);
                            String message = "bench-" + c + "-" + n;
                            String chat = "+1415" + String.format("%07d", (c * 1000 + n % 1000) % 10_000_000);
                            sent(events, account, id, message, chat);
                            receipt(connections.get(), id, secrets.get(id), message, chat);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            long acceptedAll = System.nanoTime();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> applied(http, platform, "provider-events") >= receiptsBefore + total
                            && applied(http, platform, "sent-messages") >= sendsBefore + total);
            long end = System.nanoTime();
            CpuTimes cpu = CpuTimes.now().minus(cpuBefore);
            pool.shutdown();
            long acknowledged = acknowledged(platform, channels);

            System.out.printf(
                    "%n=== Sends and receipts through channel-service, watchdog %s (%d sends, %d channels, %d threads) ===%n",
                    watching ? "ON" : "OFF", total, channelCount, threads);
            System.out.printf(
                    "SENT events and receipt webhooks offered    %8.0f sends/s%n",
                    total / seconds(acceptedAll - start));
            System.out.printf(
                    "both applied by channel-service, end to end %8.0f sends/s (a send = its SENT event + its receipt)%n",
                    total / seconds(end - start));
            System.out.printf("sends acknowledged in the delivery facts    %8d of %d%n", acknowledged, total);
            System.out.printf("CPU per send (ms):                          %s%n", cpu.perEvent(total));
            System.out.printf(
                    "raw Kafka produce, same broker              %8.0f records/s (acks=all, 6 partitions, 400 B)%n",
                    rawProduce);
            System.out.printf(
                    "raw PostgreSQL, same server                 %8.0f commits/s (one 400 B row per transaction)%n%n",
                    rawCommits);
        }
    }

    private static void sent(TestEvents events, String account, String channel, String message, String chat) {
        events.publish(
                Topics.MESSAGE_STATUS,
                channel,
                Streams.MESSAGE_STATUS.type(),
                new MessageStatusChanged(
                        UUID.randomUUID().toString(),
                        channel,
                        account,
                        chat,
                        MessageState.DISPATCHING,
                        MessageState.SENT,
                        null,
                        message,
                        null,
                        Instant.now(),
                        null,
                        null));
    }

    private static void receipt(KeepAliveHttp http, String channel, String secret, String message, String chat) {
        String body = "{\"statuses\":[{\"id\":\"" + message + "\",\"code\":2,\"status\":\"sent\",\"recipient_id\":\""
                + chat.substring(1) + "\",\"timestamp\":\"" + Instant.now().getEpochSecond()
                + "\"}],\"event\":{\"type\":\"statuses\",\"event\":\"post\"},\"channel_id\":\"bench\"}";
        int answer = http.postJson("/v1/provider/webhooks/" + channel, "X-Webhook-Secret", secret, body);
        if (answer != 200) {
            throw new IllegalStateException("webhook answered " + answer);
        }
    }

    /** Events the consumer has applied, by its own counter. */
    private static double applied(HttpClient http, LocalPlatformUnderTest platform, String consumer) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(platform.channelService() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return WebhookIngressBenchmarkIT.sample(metrics, "switchboard_consumer_events_total", consumer);
    }

    private static long acknowledged(LocalPlatformUnderTest platform, List<String> channels) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl("channel"), "switchboard", "switchboard");
                var statement =
                        connection.prepareStatement("SELECT count(*) FROM sent_message WHERE channel_id = ANY (?)"
                                + " AND acknowledged_at IS NOT NULL AND sent_at IS NOT NULL")) {
            statement.setArray(1, connection.createArrayOf("varchar", channels.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
