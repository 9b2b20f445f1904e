package io.switchboard.benchmark;

import static org.awaitility.Awaitility.await;

import io.switchboard.systemtest.LocalPlatformUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Whether ended messages that are kept (a month by default, see retention) slow the live queue: the same phase runs
 * three times against the packaged platform: with the table as it is, after a million READ messages (each with its
 * four-entry history) were added for the same channels, and after they were deleted again (so that what the order of
 * the phases does, the JIT still compiling, shows apart from what the rows do). Start it on a fresh platform
 * ({@code rm -rf system-tests/target/platform}), or earlier runs' rows are part of "as it is". A phase accepts a backlog on channels whose phones are
 * offline, then lets it drain when they come back, and reads the sweeper's pass time from the queue's metrics. The
 * raw database limits are measured in the same run.
 *
 * <pre>
 * mvn -B install -DskipTests
 * mvn -B verify -pl system-tests -Dit.test=EndedMessagesBenchmarkIT -Dbenchmark=true
 *   -Dbenchmark.ended=1000000 -Dbenchmark.messages=20000 -Dbenchmark.warmup=30000 -Dbenchmark.channels=100
 * </pre>
 */
class EndedMessagesBenchmarkIT {

    private static final int THREADS = 8;

    /** One phase's figures. */
    record Phase(
            String label,
            double acceptPerSecond,
            String acceptP50,
            String acceptP99,
            double drainPerSecond,
            double sweepMeanMillis,
            long sweeps) {}

    @Test
    void endedMessagesDoNotSlowAcceptDispatchOrTheSweeper() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark runs only with -Dbenchmark=true");
        int ended = Integer.getInteger("benchmark.ended", 1_000_000);
        int messages = Integer.getInteger("benchmark.messages", 20_000);
        int channelCount = Integer.getInteger("benchmark.channels", 100);
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
        String account = "bench-ended-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String token = platform.token(account);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            double rawCommits = RawLimits.commitRate(platform.jdbcUrl("message_queue"), 3_000);
            double rawInserts = RawLimits.insertRate(platform.jdbcUrl("message_queue"), 100_000, 100);
            MessageQueueBenchmarkIT.send(
                    http,
                    "PUT",
                    platform.queueService() + "/v1/accounts/" + account + "/queue-settings",
                    token,
                    "{\"pacing\":{\"minGapMillis\":0,\"backlogGapMinMillis\":0," + "\"backlogGapMaxMillis\":0}}",
                    200);
            MessageQueueBenchmarkIT.send(
                    http,
                    "PUT",
                    platform.simulator() + "/control/receipts",
                    null,
                    "{\"deliveredAfterMillis\":null,\"readAfterMillis\":null}",
                    200);
            List<String[]> channels = Channels.activeThenOffline(http, platform, token, channelCount, pool);

            // A first, unmeasured round warms the JIT up (with too short a one, the second phase wins by compiling).
            phase("warm-up", http, platform, token, channels, pool, Integer.getInteger("benchmark.warmup", 30_000));
            Phase before = phase("table as it was", http, platform, token, channels, pool, messages);
            long inserting = System.nanoTime();
            long rows = addEnded(platform.jdbcUrl("message_queue"), account, channels, ended);
            double insertSeconds = (System.nanoTime() - inserting) / 1e9;
            Phase after = phase("with " + rows + " more ended", http, platform, token, channels, pool, messages);
            // The same without them again: what the order of the phases alone does (the JIT still compiling).
            long deleting = System.nanoTime();
            removeEnded(platform.jdbcUrl("message_queue"));
            double deleteSeconds = (System.nanoTime() - deleting) / 1e9;
            Phase again = phase("without them again", http, platform, token, channels, pool, messages);

            System.out.printf(
                    "%nraw limits: %.0f commits/s (one row each), %.0f rows/s inserted in batches of 100%n",
                    rawCommits, rawInserts);
            System.out.printf(
                    "%d ended messages added (READ, 4 history entries each) in %.0f s, then ANALYZE;"
                            + " deleted again in %.0f s, then VACUUM ANALYZE%n",
                    rows, insertSeconds, deleteSeconds);
            System.out.printf(
                    "%-30s %12s %10s %10s %12s %14s%n",
                    "phase", "accept/s", "p50 ms", "p99 ms", "drain msg/s", "sweep pass ms");
            for (Phase phase : List.of(before, after, again)) {
                System.out.printf(
                        "%-30s %12.0f %10s %10s %12.0f %14.2f  (%d passes)%n",
                        phase.label(),
                        phase.acceptPerSecond(),
                        phase.acceptP50(),
                        phase.acceptP99(),
                        phase.drainPerSecond(),
                        phase.sweepMeanMillis(),
                        phase.sweeps());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Accepts {@code count} messages while the phones are offline, then drains them and takes the phones away again. */
    private Phase phase(
            String label,
            HttpClient http,
            LocalPlatformUnderTest platform,
            String token,
            List<String[]> channels,
            ExecutorService pool,
            int count)
            throws Exception {
        double[] sweepsBefore = sweeps(http, platform);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<KeepAliveHttp> connections =
                ThreadLocal.withInitial(() -> new KeepAliveHttp(platform.queueService()));
        long acceptStart = System.nanoTime();
        MessageQueueBenchmarkIT.all(pool, THREADS, () -> {
            for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                String channel = channels.get(n % channels.size())[0];
                long start = System.nanoTime();
                int status = connections
                        .get()
                        .postJson(
                                "/v1/channels/" + channel + "/messages",
                                "Authorization",
                                "Bearer " + token,
                                "{\"chatId\":\"" + MessageQueueBenchmarkIT.chat(n % channels.size(), n)
                                        + "\",\"text\":\"" + label + " " + n + "\"}");
                latencies.add(System.nanoTime() - start);
                if (status != 202) {
                    throw new IllegalStateException("accept answered " + status);
                }
            }
        });
        double acceptSeconds = (System.nanoTime() - acceptStart) / 1e9;

        int receivedBefore = MessageQueueBenchmarkIT.receivedAtSimulator(http, platform)
                .path("messages")
                .asInt();
        Instant online = Instant.now();
        Channels.phonesOnline(http, platform, channels, pool);
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> MessageQueueBenchmarkIT.receivedAtSimulator(http, platform)
                                .path("messages")
                                .asInt()
                        >= receivedBefore + count);
        Instant last = Instant.parse(MessageQueueBenchmarkIT.receivedAtSimulator(http, platform)
                .path("lastReceivedAt")
                .asText());
        double drainSeconds = Duration.between(online, last).toMillis() / 1000.0;
        double[] sweepsAfter = sweeps(http, platform);
        Channels.phonesOffline(http, platform, token, channels, pool);

        double passes = sweepsAfter[0] - sweepsBefore[0];
        Phase phase = new Phase(
                label,
                count / acceptSeconds,
                MessageQueueBenchmarkIT.ms(latencies, 0.5),
                MessageQueueBenchmarkIT.ms(latencies, 0.99),
                count / drainSeconds,
                passes == 0 ? 0 : (sweepsAfter[1] - sweepsBefore[1]) * 1000 / passes,
                (long) passes);
        System.out.println(phase);
        return phase;
    }

    /**
     * A month of history for the account's channels: {@code count} READ messages, spread over the last 29 days (kept
     * by the default retention), written by plain SQL in batches, then ANALYZE (autovacuum would do it in service).
     */
    private static long addEnded(String jdbcUrl, String account, List<String[]> channels, int count) throws Exception {
        String[] ids = channels.stream().map(channel -> channel[0]).toArray(String[]::new);
        long added = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "switchboard", "switchboard")) {
            var insert = connection.prepareStatement("""
                    INSERT INTO outbound_message (id, account_id, channel_id, chat_id, text, state, attempts, created_at,
                        updated_at, expires_at, provider_message_id, history)
                    SELECT gen_random_uuid()::text, ?, (?::varchar[])[1 + i % cardinality(?::varchar[])],
                        '+1415555' || lpad((i % 10000)::text, 4, '0'), 'an old message number ' || i, 'READ', 1,
                        t, t + interval '3 seconds', t + interval '1 day', 'wamid.old.' || i,
                        jsonb_build_array(jsonb_build_object('state', 'QUEUED', 'at', t),
                            jsonb_build_object('state', 'DISPATCHING', 'at', t),
                            jsonb_build_object('state', 'SENT', 'providerMessageId', 'wamid.old.' || i, 'at', t),
                            jsonb_build_object('state', 'READ', 'at', t + interval '3 seconds'))
                    FROM (SELECT i, now() - interval '29 days' * random() AS t FROM generate_series(?, ?) AS i) s""");
            int batch = 100_000;
            for (int from = 0; from < count; from += batch) {
                insert.setString(1, account);
                insert.setArray(2, connection.createArrayOf("varchar", ids));
                insert.setArray(3, connection.createArrayOf("varchar", ids));
                insert.setInt(4, from);
                insert.setInt(5, Math.min(count, from + batch) - 1);
                added += insert.executeUpdate();
            }
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE outbound_message");
            }
        }
        return added;
    }

    /** Deletes the added messages (as retention would, in one go here), then VACUUM ANALYZE. */
    private static void removeEnded(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "switchboard", "switchboard");
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM outbound_message WHERE provider_message_id LIKE 'wamid.old.%'");
            statement.execute("VACUUM ANALYZE outbound_message");
        }
    }

    /** The sweeper's passes so far and their total seconds, from the queue's metrics. */
    private static double[] sweeps(HttpClient http, LocalPlatformUnderTest platform) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(platform.queueService() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new double[] {
            metric(metrics, "switchboard_queue_sweep_duration_seconds_count"),
            metric(metrics, "switchboard_queue_sweep_duration_seconds_sum")
        };
    }

    private static double metric(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
