package io.switchboard.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** Real channels for a benchmark, phase by phase for all of them at once: created, scanned, phones taken offline. */
final class Channels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PHASE = Duration.ofMinutes(15);
    private static final int WAVE = 100;

    private Channels() {}

    /** {channel id, provider channel id} of channels the queue sees PHONE_UNAVAILABLE (their messages freeze). */
    static List<String[]> activeThenOffline(
            HttpClient http, LocalPlatformUnderTest platform, String token, int count, ExecutorService pool)
            throws Exception {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            List<Callable<String>> creates = new ArrayList<>();
            for (int i = ids.size(); i < count; i++) {
                String phone = platform.freshPhone();
                creates.add(() -> {
                    HttpResponse<String> created = http.send(
                            HttpRequest.newBuilder(URI.create(platform.channelService() + "/v1/channels"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"phone\":\"" + phone + "\",\"name\":\"Bench\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return created.statusCode() == 201
                            ? JSON.readTree(created.body()).path("id").asText()
                            : null;
                });
            }
            for (Future<String> created : pool.invokeAll(creates)) {
                if (created.get() != null) {
                    ids.add(created.get());
                }
            }
        }
        awaitAll(
                pool,
                ids,
                id -> "QR_REQUIRED"
                        .equals(get(http, platform.channelService() + "/v1/channels/" + id, token)
                                .path("status")
                                .asText()));
        List<String[]> channels = new ArrayList<>();
        for (String id : ids) {
            channels.add(new String[] {
                id,
                get(http, platform.channelService() + "/v1/channels/" + id, token)
                        .path("providerChannelId")
                        .asText()
            });
        }
        // In waves: a thousand scans at once would bury channel-service in webhooks (and the simulator drops what
        // times out).
        for (int from = 0; from < channels.size(); from += WAVE) {
            List<String[]> wave = channels.subList(from, Math.min(channels.size(), from + WAVE));
            List<String> waveIds = wave.stream().map(channel -> channel[0]).toList();
            control(http, platform, wave, pool, "scan");
            awaitAll(pool, waveIds, id -> "ACTIVE".equals(queueStatus(http, platform, token, id)));
            control(http, platform, wave, pool, "phone/offline");
            awaitAll(pool, waveIds, id -> "PHONE_UNAVAILABLE".equals(queueStatus(http, platform, token, id)));
        }
        return channels;
    }

    static void phonesOnline(
            HttpClient http, LocalPlatformUnderTest platform, List<String[]> channels, ExecutorService pool)
            throws Exception {
        control(http, platform, channels, pool, "phone/online");
    }

    /** Takes the phones offline and waits until the queue sees every channel PHONE_UNAVAILABLE. */
    static void phonesOffline(
            HttpClient http,
            LocalPlatformUnderTest platform,
            String token,
            List<String[]> channels,
            ExecutorService pool)
            throws Exception {
        control(http, platform, channels, pool, "phone/offline");
        awaitAll(
                pool,
                channels.stream().map(channel -> channel[0]).toList(),
                id -> "PHONE_UNAVAILABLE".equals(queueStatus(http, platform, token, id)));
    }

    private static void control(
            HttpClient http,
            LocalPlatformUnderTest platform,
            List<String[]> channels,
            ExecutorService pool,
            String action)
            throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        for (String[] channel : channels) {
            calls.add(() -> MessageQueueBenchmarkIT.send(
                    http,
                    "POST",
                    platform.simulator() + "/control/channels/" + channel[1] + "/" + action,
                    null,
                    null,
                    200));
        }
        for (Future<Object> call : pool.invokeAll(calls)) {
            call.get();
        }
    }

    /** How many of the channels the queue does not see in this status. */
    static long notIn(
            HttpClient http,
            LocalPlatformUnderTest platform,
            String token,
            List<String[]> channels,
            ExecutorService pool,
            String status)
            throws Exception {
        List<Callable<Boolean>> checks = channels.stream()
                .<Callable<Boolean>>map(channel -> () -> !status.equals(queueStatus(http, platform, token, channel[0])))
                .toList();
        long count = 0;
        for (Future<Boolean> check : pool.invokeAll(checks)) {
            count += check.get() ? 1 : 0;
        }
        return count;
    }

    static String queueStatus(HttpClient http, LocalPlatformUnderTest platform, String token, String id) {
        return get(http, platform.queueService() + "/v1/channels/" + id + "/queue?size=1", token)
                .path("status")
                .asText(null);
    }

    /** Polls every channel until each passes, a pass over the rest at a time. */
    private static void awaitAll(ExecutorService pool, List<String> ids, Predicate<String> done) throws Exception {
        List<String> left = new ArrayList<>(ids);
        long deadline = System.nanoTime() + PHASE.toNanos();
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(left.size() + " channels did not get there in " + PHASE);
            }
            List<Callable<Boolean>> checks = left.stream()
                    .<Callable<Boolean>>map(id -> () -> done.test(id))
                    .toList();
            List<Future<Boolean>> results = pool.invokeAll(checks);
            List<String> still = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                if (!results.get(i).get()) {
                    still.add(left.get(i));
                }
            }
            left = still;
            if (!left.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    private static JsonNode get(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
