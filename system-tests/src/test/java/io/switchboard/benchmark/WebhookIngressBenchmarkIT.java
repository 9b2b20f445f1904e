package io.switchboard.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topics;
import io.switchboard.platform.secrets.SecretBox;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Webhook ingress to {@code channel.status.v1} with the whole platform running as processes: every webhook is a
 * health change (AUTH and LAUNCH in turn), so every webhook is one status event. Prints figures; asserts nothing
 * about speed. In the same run, the raw limits of the same broker and server: a plain producer, a plain consumer,
 * plain PostgreSQL commits.
 *
 * <p>Phase 1 offers as much as the client threads can; the end-to-end rate is reported over the whole run and over
 * its last three quarters (the steady state, JIT warm-up left out). Phase 2 offers half the steady rate, paced, and
 * reports the latency from a webhook's send to its status event. CPU per event is read from every process.
 *
 * <p>Runs only when asked, after {@code mvn -B install -DskipTests}:
 * {@code mvn -B verify -pl system-tests -Dit.test=WebhookIngressBenchmarkIT -Dbenchmark=true};
 * {@code -Dbenchmark.webhooks=N}, {@code -Dbenchmark.channels=N}, {@code -Dbenchmark.threads=N},
 * {@code -Dbenchmark.paced-seconds=N}, {@code -Dbenchmark.paced-rate=N} (per second) change the load;
 * {@code -Dbenchmark.profile=true} prints where each service's CPU goes in phase 1 (Java Flight Recorder).
 */
class WebhookIngressBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SESSION_START = java.time.Instant.now().getEpochSecond() + 3600;

    @Test
    void webhookIngressToStatusEvents() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark runs only with -Dbenchmark=true");
        int webhooks = Integer.getInteger("benchmark.webhooks", 40_000);
        int channelCount = Integer.getInteger("benchmark.channels", 400);
        int threads = Integer.getInteger("benchmark.threads", 64);
        int pacedSeconds = Integer.getInteger("benchmark.paced-seconds", 20);
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();

        String rawTopic = "bench.raw." + System.nanoTime();
        double rawProduce = RawLimits.produceRate(platform.kafka(), rawTopic, 100_000);
        double rawConsume = RawLimits.consumeRate(platform.kafka(), rawTopic, 100_000);
        double rawCommits = RawLimits.commitRate(platform.jdbcUrl("channel"), 3_000);

        String token = platform.token("bench-" + ThreadLocalRandom.current().nextInt(1_000_000));
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        List<String> channels = createChannels(http, platform, token, channelCount);
        Map<String, String> secrets = secrets(platform, channels);
        // Let the simulator's own boot webhooks (INIT, LAUNCH, QR) settle before measuring.
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> allQr(http, platform, token, channels));

        Timeline timeline = new Timeline(channels);
        ThreadLocal<KeepAliveHttp> connections =
                ThreadLocal.withInitial(() -> new KeepAliveHttp(platform.channelService()));
        try (TopicRecorder ignored =
                TopicRecorder.recording(platform.kafka(), List.of(Topics.CHANNEL_STATUS), timeline::arrived)) {
            int perChannel = webhooks / channelCount;
            int total = perChannel * channelCount;
            CpuTimes cpuBefore = CpuTimes.now();
            long[] jiffiesBefore = CpuTimes.jiffies();
            Profiles profiles = Boolean.getBoolean("benchmark.profile") ? Profiles.start() : null;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int n = 0; n < perChannel; n++) {
                        for (int c = thread; c < channels.size(); c += threads) {
                            String id = channels.get(c);
                            timeline.sent(id);
                            post(connections.get(), id, secrets.get(id), n);
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
                    .until(() -> timeline.arrivedCount() >= total);
            long end = System.nanoTime();
            CpuTimes cpu = CpuTimes.now().minus(cpuBefore);
            long[] jiffies = CpuTimes.jiffies();
            double steal = 100.0 * (jiffies[0] - jiffiesBefore[0]) / Math.max(1, jiffies[1] - jiffiesBefore[1]);
            double busy = 100.0 * (jiffies[2] - jiffiesBefore[2]) / Math.max(1, jiffies[1] - jiffiesBefore[1]);
            if (profiles != null) {
                profiles.stopAndPrint();
            }
            double steady = timeline.steadyRate();
            double sustained = timeline.rateUntil(acceptedAll);

            // Phase 2: half the steady rate, paced; each channel's webhooks still one after the other.
            double pacedRate =
                    Double.parseDouble(System.getProperty("benchmark.paced-rate", String.valueOf(steady / 2)));
            int paced = (int) (pacedRate * pacedSeconds);
            timeline.startLatencies();
            // Provider events are recorded in this phase only: where each webhook's latency goes.
            TopicRecorder ingested =
                    TopicRecorder.recording(platform.kafka(), List.of(Topics.PROVIDER_EVENTS), timeline::arrived);
            Map<String, CompletableFuture<Void>> lastOfChannel = new ConcurrentHashMap<>();
            long pacedStart = System.nanoTime();
            for (int k = 0; k < paced; k++) {
                long due = pacedStart + (long) (k * 1e9 / pacedRate);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                String id = channels.get(k % channels.size());
                int n = perChannel + k / channels.size();
                lastOfChannel.compute(
                        id,
                        (channel, previous) -> (previous == null
                                        ? CompletableFuture.<Void>completedFuture(null)
                                        : previous)
                                .thenRunAsync(
                                        () -> {
                                            timeline.sent(id);
                                            post(connections.get(), id, secrets.get(id), n);
                                        },
                                        pool));
            }
            CompletableFuture.allOf(lastOfChannel.values().toArray(CompletableFuture[]::new))
                    .get();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> timeline.arrivedCount() >= total + paced);
            pool.shutdown();
            ingested.close();
            List<Long> latencies = timeline.latencies();

            System.out.printf(
                    "%n=== Webhook ingress -> channel.status.v1 (%d webhooks, %d channels, %d client threads) ===%n",
                    total, channelCount, threads);
            System.out.printf(
                    "webhooks accepted (HTTP 200)              %8.0f /s%n", total / seconds(acceptedAll - start));
            System.out.printf("status events end to end, whole run       %8.0f /s%n", total / seconds(end - start));
            System.out.printf("status events end to end, last 3/4        %8.0f /s%n", steady);
            System.out.printf(
                    "  of which while webhooks still came in   %8.0f /s (from 1/4 of the events to the last webhook)%n",
                    sustained);
            System.out.printf(
                    "latency at %.0f /s offered (%d webhooks)   p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                    pacedRate,
                    paced,
                    millis(percentile(latencies, 0.50)),
                    millis(percentile(latencies, 0.99)),
                    millis(percentile(latencies, 1.0)));
            System.out.printf("  where it goes: %s%n", timeline.stages());
            System.out.printf(
                    "  consumers: channel-service %s%n",
                    consumerFigures(http, platform.channelService(), "provider-events"));
            System.out.printf(
                    "             message-queue %s%n",
                    consumerFigures(http, platform.queueService(), "channel-status"));
            System.out.printf(
                    "             notification %s%n",
                    consumerFigures(http, platform.notificationService(), "channel-status"));
            System.out.printf(
                    "             billing %s%n", consumerFigures(http, platform.billingService(), "channel-status"));
            System.out.printf("duplicate events (republished)            %8d%n", timeline.duplicates());
            System.out.printf("CPU per status event (phase 1, ms):       %s%n", cpu.perEvent(total));
            System.out.printf("machine in phase 1: %.0f%% busy, %.1f%% stolen by the host%n", busy, steal);
            System.out.printf(
                    "raw Kafka produce, same broker            %8.0f records/s (acks=all, 6 partitions, 400 B)%n",
                    rawProduce);
            System.out.printf(
                    "raw Kafka consume, same broker            %8.0f records/s (one consumer, 6 partitions)%n",
                    rawConsume);
            System.out.printf(
                    "raw PostgreSQL, same server               %8.0f commits/s (one 400 B row per transaction, one connection)%n%n",
                    rawCommits);
        }
    }

    /** When each channel's webhooks were sent and its status events arrived. */
    private static final class Timeline {

        private final Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> sentWall = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> arrived = new ConcurrentHashMap<>();
        /** When the webhook's provider event was written to Kafka (its record timestamp), per channel. */
        private final Map<String, List<Long>> ingested = new ConcurrentHashMap<>();
        /** Per arrival: when the event was written in the outbox, when the relay sent it, when it arrived (wall clock). */
        private final Map<String, List<long[]>> stages = new ConcurrentHashMap<>();

        private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        private final java.util.Set<String> eventIds = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicInteger duplicates =
                new java.util.concurrent.atomic.AtomicInteger();
        private final Map<String, Integer> latencyFrom = new ConcurrentHashMap<>();

        Timeline(List<String> channels) {
            channels.forEach(id -> {
                sent.put(id, new CopyOnWriteArrayList<>());
                sentWall.put(id, new CopyOnWriteArrayList<>());
                arrived.put(id, new CopyOnWriteArrayList<>());
                ingested.put(id, new CopyOnWriteArrayList<>());
                stages.put(id, new CopyOnWriteArrayList<>());
            });
        }

        void sent(String id) {
            sentWall.get(id).add(System.currentTimeMillis());
            sent.get(id).add(System.nanoTime());
        }

        /** Status changes only: announcements (unstable, stuck) have no webhook of their own. */
        void arrived(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
            List<Long> times = arrived.get(record.key());
            if (times == null) {
                return;
            }
            if (record.topic().equals(Topics.PROVIDER_EVENTS)) {
                if (record.value().contains("\"providerChannelId\":\"bench\"")) {
                    ingested.get(record.key()).add(record.timestamp());
                }
                return;
            }
            long now = System.nanoTime();
            // A republished event (same CloudEvents id) is counted once: duplicates would flatter the rate.
            if (!eventIds.add(TopicRecorder.header(record, "ce_id").orElseThrow())) {
                duplicates.incrementAndGet();
                return;
            }
            // A change, not an announcement; read without parsing the event, to keep the harness light.
            if (!field(record.value(), "\"status\":\"").equals(field(record.value(), "\"previousStatus\":\""))) {
                times.add(now);
                arrivals.add(now);
                long written = java.time.Instant.parse(
                                TopicRecorder.header(record, "ce_time").orElseThrow())
                        .toEpochMilli();
                stages.get(record.key()).add(new long[] {written, record.timestamp(), System.currentTimeMillis()});
            }
        }

        private static String field(String json, String prefix) {
            int start = json.indexOf(prefix);
            return start < 0 ? "" : json.substring(start + prefix.length(), json.indexOf('"', start + prefix.length()));
        }

        int arrivedCount() {
            return arrivals.size();
        }

        int duplicates() {
            return duplicates.get();
        }

        /** Events per second over the last three quarters of the arrivals. */
        double steadyRate() {
            List<Long> sorted = new ArrayList<>(arrivals);
            Collections.sort(sorted);
            int from = sorted.size() / 4;
            return (sorted.size() - 1 - from) / seconds(sorted.get(sorted.size() - 1) - sorted.get(from));
        }

        /**
         * Events per second from the first quarter of the arrivals until {@code until} (the last webhook accepted):
         * what the platform delivers while it also takes webhooks in, not a catch-up after they stopped.
         */
        double rateUntil(long until) {
            List<Long> sorted = new ArrayList<>(arrivals);
            Collections.sort(sorted);
            long from = sorted.get(sorted.size() / 4);
            long count = sorted.stream().filter(at -> at > from && at <= until).count();
            return until <= from ? Double.NaN : count / seconds(until - from);
        }

        /** Latencies are measured for the webhooks sent from now on. */
        void startLatencies() {
            sent.forEach((id, times) -> latencyFrom.put(id, times.size()));
        }

        /** Where the latency of the paced webhooks goes: p50 and p99 of each stage, in ms. */
        String stages() {
            List<Long> accepted = new ArrayList<>();
            List<Long> consumed = new ArrayList<>();
            List<Long> relayed = new ArrayList<>();
            List<Long> delivered = new ArrayList<>();
            sent.forEach((id, times) -> {
                for (int i = latencyFrom.get(id); i < times.size(); i++) {
                    long[] stage = stages.get(id).get(i);
                    long written = ingested.get(id).get(i - latencyFrom.get(id));
                    accepted.add(written - sentWall.get(id).get(i));
                    consumed.add(stage[0] - written);
                    relayed.add(stage[1] - stage[0]);
                    delivered.add(stage[2] - stage[1]);
                }
            });
            return "webhook -> on provider.events.v1 " + p50p99(accepted) + ", -> applied " + p50p99(consumed)
                    + ", -> relayed " + p50p99(relayed)
                    + ", -> read " + p50p99(delivered);
        }

        private static String p50p99(List<Long> values) {
            Collections.sort(values);
            return "p50 " + percentile(values, 0.5) + " / p99 " + percentile(values, 0.99) + " ms";
        }

        List<Long> latencies() {
            List<Long> latencies = new ArrayList<>();
            sent.forEach((id, times) -> {
                List<Long> out = arrived.get(id);
                for (int i = latencyFrom.get(id); i < times.size(); i++) {
                    latencies.add(out.get(i) - times.get(i));
                }
            });
            Collections.sort(latencies);
            return latencies;
        }
    }

    /**
     * Flight recordings of the services during phase 1 ({@code -Dbenchmark.profile=true}): where their CPU goes, as
     * the methods on top of the sampled stacks, and the Switchboard methods on them.
     */

    /** CPU time of each process of the platform, by what it is. */
    static List<String> createChannels(HttpClient http, LocalPlatformUnderTest platform, String token, int count)
            throws Exception {
        List<String> channels = new ArrayList<>();
        while (channels.size() < count) {
            String phone = platform.freshPhone();
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(platform.channelService() + "/v1/channels"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"phone\":\"" + phone + "\",\"name\":\"Bench\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 201) {
                channels.add(JSON.readTree(created.body()).path("id").asText());
            }
        }
        return channels;
    }

    /** Webhook {@code n} of a channel: AUTH for even, LAUNCH for odd, so that each one changes the status. */
    private static void post(KeepAliveHttp http, String id, String secret, int n) {
        String status = n % 2 == 0 ? "AUTH" : "LAUNCH";
        int code = n % 2 == 0 ? 4 : 2;
        // A session started after the simulator's own: health of an earlier session would be ignored as overtaken.
        String body =
                "{\"health\":{\"start_at\":" + SESSION_START + ",\"uptime\":" + (1000 + n) + ",\"status\":{\"code\":"
                        + code + ",\"text\":\"" + status
                        + "\"},\"version\":\"bench\"},\"event\":{\"type\":\"channel\",\"event\":\"post\"},"
                        + "\"channel_id\":\"bench\"}";
        int answer = http.postJson("/v1/provider/webhooks/" + id, "X-Webhook-Secret", secret, body);
        if (answer != 200) {
            throw new IllegalStateException("webhook answered " + answer);
        }
    }

    static boolean allQr(HttpClient http, LocalPlatformUnderTest platform, String token, List<String> channels)
            throws Exception {
        for (String id : channels) {
            HttpResponse<String> channel = http.send(
                    HttpRequest.newBuilder(URI.create(platform.channelService() + "/v1/channels/" + id))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!"QR_REQUIRED"
                    .equals(JSON.readTree(channel.body()).path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The webhook secrets, as the provider holds them: read from the channel database, where they are sealed, and
     * opened with the local run's keys.
     */
    static Map<String, String> secrets(LocalPlatformUnderTest platform, List<String> channels) throws Exception {
        SecretBox box = SecretBox.of(platform.secretKeys());
        Map<String, String> secrets = new ConcurrentHashMap<>();
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl("channel"), "switchboard", "switchboard");
                var statement =
                        connection.prepareStatement("SELECT id, webhook_secret FROM channel WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", channels.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    secrets.put(rows.getString(1), box.open(rows.getString(2)));
                }
            }
        }
        return secrets;
    }

    /** Batches, events per batch, mean batch time and mean delay before a batch, from the service's metrics. */
    private static String consumerFigures(HttpClient http, String service, String consumer) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(service + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double batches = sample(metrics, "switchboard_consumer_batch_duration_seconds_count", consumer);
        double batchSeconds = sample(metrics, "switchboard_consumer_batch_duration_seconds_sum", consumer);
        double events = sample(metrics, "switchboard_consumer_events_total", consumer);
        double delays = sample(metrics, "switchboard_consumer_delay_seconds_count", consumer);
        double delaySeconds = sample(metrics, "switchboard_consumer_delay_seconds_sum", consumer);
        return String.format(
                "%s: %.0f batches, %.1f events each, %.1f ms each, %.1f ms mean delay before one",
                consumer, batches, events / batches, 1000 * batchSeconds / batches, 1000 * delaySeconds / delays);
    }

    static double sample(String metrics, String name, String consumer) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("consumer=\"" + consumer + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile)));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
