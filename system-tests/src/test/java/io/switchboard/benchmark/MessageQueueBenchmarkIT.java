package io.switchboard.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The queue's throughput with pacing 0, against the packaged platform (every process on this machine, the load
 * generator too): messages accepted per second, one per request and 100 per batch request, with their latencies; then
 * a backlog of all of them frozen on channels whose phones are offline, drained when the phones come back, measured
 * where the messages arrive (the simulator). The raw limits of the same broker and database are measured in the same
 * run. Receipts are off, so the drain is the send path alone.
 *
 * <pre>
 * mvn -B install -DskipTests
 * mvn -B verify -pl system-tests -Dit.test=MessageQueueBenchmarkIT -Dbenchmark=true
 *   -Dbenchmark.channels=1000 -Dbenchmark.messages=100000 -Dbenchmark.single=20000 -Dbenchmark.warmup=30000
 *   -Dbenchmark.threads=16
 * </pre>
 */
class MessageQueueBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;

    @Test
    void acceptAndDrain() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark runs only with -Dbenchmark=true");
        int channelCount = Integer.getInteger("benchmark.channels", 1_000);
        int messages = Integer.getInteger("benchmark.messages", 100_000);
        int single = Integer.getInteger("benchmark.single", 20_000);
        int threads = Integer.getInteger("benchmark.threads", 16);
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
        String account = "bench-queue-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String token = platform.token(account);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        String rawTopic = "bench.raw." + System.nanoTime();
        double rawProduce = RawLimits.produceRate(platform.kafka(), rawTopic, 100_000);
        double rawCommits = RawLimits.commitRate(platform.jdbcUrl("message_queue"), 3_000);
        double rawInserts = RawLimits.insertRate(platform.jdbcUrl("message_queue"), 100_000, BATCH);

        send(
                http,
                "PUT",
                platform.queueService() + "/v1/accounts/" + account + "/queue-settings",
                token,
                "{\"pacing\":{\"minGapMillis\":0,\"backlogGapMinMillis\":0,\"backlogGapMaxMillis\":0}}",
                200);
        send(
                http,
                "PUT",
                platform.simulator() + "/control/receipts",
                null,
                "{\"deliveredAfterMillis\":null,\"readAfterMillis\":null}",
                200);
        long setupStart = System.nanoTime();
        List<String[]> channels = Channels.activeThenOffline(http, platform, token, channelCount, pool);
        System.out.printf(
                "%d channels created, ACTIVE, then phone offline (PHONE_UNAVAILABLE) in %.0f s%n",
                channels.size(), (System.nanoTime() - setupStart) / 1e9);

        // Phase 1: one message per request, from many keep-alive connections, after a warm-up (the JIT compiles the
        // path during the first thousands of requests) whose messages are part of the backlog too.
        int warmup = Integer.getInteger("benchmark.warmup", 30_000);
        List<Long> singleLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<KeepAliveHttp> connections =
                ThreadLocal.withInitial(() -> new KeepAliveHttp(platform.queueService()));
        all(pool, threads, () -> {
            for (int n = next.getAndIncrement(); n < warmup; n = next.getAndIncrement()) {
                int status = connections
                        .get()
                        .postJson(
                                "/v1/channels/" + channels.get(n % channels.size())[0] + "/messages",
                                "Authorization",
                                "Bearer " + token,
                                "{\"chatId\":\"" + chat(n % channels.size(), n) + "\",\"text\":\"warm-up " + n + "\"}");
                if (status != 202) {
                    throw new IllegalStateException("accept answered " + status);
                }
            }
        });
        next.set(0);
        Profiles profiles = Boolean.getBoolean("benchmark.profile") ? Profiles.start() : null;
        double singleJit =
                JitTime.seconds(platform.queuePid()); // before the CPU reading: jcmd's attach is not the work
        CpuTimes singleCpu = CpuTimes.now();
        long singleStart = System.nanoTime();
        all(pool, threads, () -> {
            for (int n = next.getAndIncrement(); n < single; n = next.getAndIncrement()) {
                String channel = channels.get(n % channels.size())[0];
                String body = "{\"chatId\":\"" + chat(n % channels.size(), n) + "\",\"text\":\"single " + n + "\"}";
                long start = System.nanoTime();
                int status = connections
                        .get()
                        .postJson("/v1/channels/" + channel + "/messages", "Authorization", "Bearer " + token, body);
                singleLatencies.add(System.nanoTime() - start);
                if (status != 202) {
                    throw new IllegalStateException("accept answered " + status);
                }
            }
        });
        double singleSeconds = (System.nanoTime() - singleStart) / 1e9;
        CpuTimes singleCpuUsed = CpuTimes.now().minus(singleCpu);
        double singleJitUsed = JitTime.seconds(platform.queuePid()) - singleJit;
        if (profiles != null) {
            profiles.stopAndPrint();
        }

        // Phase 2: the rest, 100 per batch request.
        List<Long> batchLatencies = Collections.synchronizedList(new ArrayList<>());
        int batches = (messages - single - warmup) / BATCH;
        AtomicInteger nextBatch = new AtomicInteger();
        double batchJit = JitTime.seconds(platform.queuePid());
        CpuTimes batchCpu = CpuTimes.now();
        long batchStart = System.nanoTime();
        all(pool, threads, () -> {
            for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                int channelIndex = b % channels.size();
                StringBuilder body = new StringBuilder("{\"messages\":[");
                for (int m = 0; m < BATCH; m++) {
                    body.append(m == 0 ? "" : ",")
                            .append("{\"chatId\":\"")
                            .append(chat(channelIndex, m))
                            .append("\",\"text\":\"batch ")
                            .append(b)
                            .append('-')
                            .append(m)
                            .append("\"}");
                }
                body.append("]}");
                long start = System.nanoTime();
                int status = connections
                        .get()
                        .postJson(
                                "/v1/channels/" + channels.get(channelIndex)[0] + "/messages:batch",
                                "Authorization",
                                "Bearer " + token,
                                body.toString());
                batchLatencies.add(System.nanoTime() - start);
                if (status != 200) {
                    throw new IllegalStateException("batch accept answered " + status);
                }
            }
        });
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
        CpuTimes batchCpuUsed = CpuTimes.now().minus(batchCpu);
        double batchJitUsed = JitTime.seconds(platform.queuePid()) - batchJit;
        int total = warmup + single + batches * BATCH;
        // The gauge is read every 15 s: wait for the reading that has them all.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> heldMessages(http, platform, token, channels) >= total);
        long heldBeforeDrain = heldMessages(http, platform, token, channels);
        MemoryFigures heldMemory = MemoryFigures.of(http, platform);

        // Phase 3: the phones come back; the whole backlog drains.
        int receivedBefore =
                receivedAtSimulator(http, platform).path("messages").asInt();
        CpuTimes drainCpu = CpuTimes.now();
        long drainStart = System.nanoTime();
        Instant drainStartWall = Instant.now();
        Channels.phonesOnline(http, platform, channels, pool);
        // Until every message arrived, or nothing more arrives for a minute (a channel the platform left offline).
        int[] last = {0};
        long[] lastChange = {System.nanoTime()};
        await().atMost(Duration.ofMinutes(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    int received =
                            receivedAtSimulator(http, platform).path("messages").asInt() - receivedBefore;
                    if (received != last[0]) {
                        last[0] = received;
                        lastChange[0] = System.nanoTime();
                    }
                    return received >= total
                            || System.nanoTime() - lastChange[0]
                                    > Duration.ofMinutes(1).toNanos();
                });
        double drainWall = (Math.min(System.nanoTime(), lastChange[0]) - drainStart) / 1e9;
        int drained = last[0];
        long notActive = Channels.notIn(http, platform, token, channels, pool, "ACTIVE");
        CpuTimes drainCpuUsed = CpuTimes.now().minus(drainCpu);
        JsonNode stats = receivedAtSimulator(http, platform);
        MemoryFigures drainedMemory = MemoryFigures.of(http, platform);

        System.out.println();
        System.out.printf(
                "message queue benchmark: %d channels, %d messages, %d client threads, pacing 0, receipts off%n",
                channels.size(), total, threads);
        System.out.printf(
                "accept, one per request    %8.0f messages/s  (%d in %.1f s, after %d to warm up)  latency p50 %s ms,"
                        + " p99 %s ms%n",
                single / singleSeconds,
                single,
                singleSeconds,
                warmup,
                ms(singleLatencies, 0.5),
                ms(singleLatencies, 0.99));
        System.out.printf(
                "accept, 100 per request    %8.0f messages/s  (%d in %.1f s)  request p50 %s ms, p99 %s ms%n",
                batches * BATCH / batchSeconds,
                batches * BATCH,
                batchSeconds,
                ms(batchLatencies, 0.5),
                ms(batchLatencies, 0.99));
        System.out.printf(
                "held before the drain      %8d messages  (queue service: %s)%n", heldBeforeDrain, heldMemory);
        System.out.printf(
                "backlog drain              %8.0f messages/s  (%d of %d in %.1f s from the phones' return; first to"
                        + " last arrival %.1f s; channels not ACTIVE again: %d)%n",
                drained / drainWall,
                drained,
                total,
                drainWall,
                Duration.between(
                                        Instant.parse(stats.path("firstReceivedAt")
                                                                .asText())
                                                        .isAfter(drainStartWall)
                                                ? Instant.parse(stats.path("firstReceivedAt")
                                                        .asText())
                                                : drainStartWall,
                                        Instant.parse(
                                                stats.path("lastReceivedAt").asText()))
                                .toMillis()
                        / 1000.0,
                notActive);
        System.out.printf("after the drain            queue service: %s%n", drainedMemory);
        System.out.printf(
                "queue service JIT compiling during the phases: one per request %.1f s of %.1f s, 100 per request"
                        + " %.1f s of %.1f s%n",
                singleJitUsed, singleSeconds, batchJitUsed, batchSeconds);
        System.out.println("CPU ms per message, one per request: " + singleCpuUsed.perEvent(single));
        System.out.println("CPU ms per message, 100 per request: " + batchCpuUsed.perEvent(batches * BATCH));
        System.out.println("CPU ms per message, drain:           " + drainCpuUsed.perEvent(Math.max(1, drained)));
        System.out.printf(
                "raw Kafka produce, same broker            %8.0f records/s (acks=all, 6 partitions, 400 B)%n",
                rawProduce);
        System.out.printf("raw PostgreSQL, one row per commit        %8.0f commits/s%n", rawCommits);
        System.out.printf("raw PostgreSQL, 100 rows per commit       %8.0f rows/s%n", rawInserts);
        pool.shutdownNow();
    }

    /** Chat {@code n} of a channel: ten chats per channel, numbers of their own. */
    static String chat(int channel, int n) {
        return "+1650255" + String.format("%04d", (channel * 10 + n % 10) % 10_000);
    }

    private static long heldMessages(
            HttpClient http, LocalPlatformUnderTest platform, String token, List<String[]> channels) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(platform.queueService() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return (long) metrics.lines()
                .filter(line -> line.startsWith("switchboard_queue_held_messages_total_now "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static JsonNode receivedAtSimulator(HttpClient http, LocalPlatformUnderTest platform) throws Exception {
        return JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(platform.simulator() + "/control/messages/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    static String send(HttpClient http, String method, String url, String token, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static void all(ExecutorService pool, int threads, ThrowingRunnable work) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                work.run();
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static String ms(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.isEmpty()
                ? "-"
                : String.format(
                        "%.1f", sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6);
    }

    /** The queue service's resident memory (from /proc) and JVM heap in use (from its metrics). */
    record MemoryFigures(long rssMegabytes, long heapMegabytes) {

        static MemoryFigures of(HttpClient http, LocalPlatformUnderTest platform) throws Exception {
            long pid = platform.queuePid();
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                            .filter(line -> line.startsWith("VmRSS:"))
                            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                            .findFirst()
                            .orElse(0)
                    / 1024;
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(platform.queueService() + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double heap = metrics.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            return new MemoryFigures(rss, (long) (heap / (1024 * 1024)));
        }

        @Override
        public String toString() {
            return "RSS " + rssMegabytes + " MB, heap used " + heapMegabytes + " MB";
        }
    }
}
