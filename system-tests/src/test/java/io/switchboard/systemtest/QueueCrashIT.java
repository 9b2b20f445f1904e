package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two message-queue-service replicas release 10,000 frozen messages over 100 channels, and one of them is killed with
 * SIGKILL twice in the middle of it: every message reaches the simulated phones exactly once, in per-chat order, and
 * none is left behind. And a replica stopped gracefully in the middle of a release hands its channels back at once.
 */
class QueueCrashIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final int CHANNELS = 100;
    private static final int PER_CHANNEL = 100;
    private static final int CHATS_PER_CHANNEL = 5;

    private final LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
    private final String account = "crash-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final String token = platform.token(account);

    @Test
    void everyMessageReachesThePhonesOnceAndInOrderThoughAReplicaIsKilledTwiceDuringTheRelease() throws Exception {
        // Paced, so that the release lasts long enough to kill a replica twice in the middle of it.
        given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "pacing",
                        Map.of("minGapMillis", 1000, "backlogGapMinMillis", 1000, "backlogGapMaxMillis", 1000)))
                .put("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String[]> channels = all(pool, i -> activeChannel(i));
            all(pool, i -> {
                String[] channel = channels.get(i);
                simulator("/control/channels/{id}/phone/offline", channel[1]);
                await().atMost(STEP).until(() -> "PHONE_UNAVAILABLE".equals(queueStatus(channel[0])));
                return null;
            });
            // Per channel, its messages in acceptance order; per chat, what the phone must receive in that order.
            Map<String, List<String>> byChannel = new LinkedHashMap<>();
            Map<String, List<String>> byChat = new LinkedHashMap<>();
            List<List<String>> accepted = all(pool, i -> accept(channels.get(i)[0], i));
            for (int i = 0; i < CHANNELS; i++) {
                byChannel.put(channels.get(i)[1], accepted.get(i));
                for (int m = 0; m < PER_CHANNEL; m++) {
                    byChat.computeIfAbsent(
                                    channels.get(i)[1] + " " + chat(i, m % CHATS_PER_CHANNEL), k -> new ArrayList<>())
                            .add(accepted.get(i).get(m));
                }
            }

            say(CHANNELS * PER_CHANNEL + " messages frozen on " + CHANNELS + " channels");
            ServiceProcess replica = startReplica();
            try {
                all(pool, i -> {
                    simulator("/control/channels/{id}/phone/online", channels.get(i)[1]);
                    return null;
                });
                await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> received() >= 600);
                say("first SIGKILL of the second replica at " + received() + " received");
                replica.process().destroyForcibly(); // SIGKILL
                replica.process().onExit().get(30, TimeUnit.SECONDS);
                replica = startReplica();
                say("second replica back at " + received() + " received");
                await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> received() >= 2_000);
                long atSecondKill = received();
                say("second SIGKILL at " + atSecondKill + " received");
                replica.process().destroyForcibly();
                replica.process().onExit().get(30, TimeUnit.SECONDS);
                assertThat(atSecondKill)
                        .as("the second kill came before the release was over")
                        .isLessThan(CHANNELS * PER_CHANNEL);
                replica = startReplica();

                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> received() >= CHANNELS * PER_CHANNEL);
                // Exactly once each, nothing else, and in order per chat.
                Map<String, List<String>> receivedByChat = new LinkedHashMap<>();
                for (String[] channel : channels) {
                    List<Map<String, Object>> messages = given().baseUri(platform.simulator())
                            .get("/control/channels/{id}/messages", channel[1])
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("$");
                    List<String> keys = messages.stream()
                            .map(m -> (String) m.get("idempotencyKey"))
                            .toList();
                    assertThat(keys)
                            .as("channel %s", channel[0])
                            .containsExactlyInAnyOrderElementsOf(byChannel.get(channel[1]));
                    for (Map<String, Object> message : messages) {
                        receivedByChat
                                .computeIfAbsent(channel[1] + " " + message.get("to"), k -> new ArrayList<>())
                                .add((String) message.get("idempotencyKey"));
                    }
                }
                assertThat(receivedByChat).isEqualTo(byChat);
                say("all " + CHANNELS * PER_CHANNEL + " received once each, in order per chat");
                for (String[] channel : channels) {
                    await().atMost(STEP)
                            .until(() -> given().baseUri(platform.queueService())
                                            .auth()
                                            .oauth2(token)
                                            .get("/v1/channels/{id}/queue", channel[0])
                                            .then()
                                            .extract()
                                            .<Integer>path("held")
                                    == 0);
                    given().baseUri(platform.queueService())
                            .auth()
                            .oauth2(token)
                            .queryParam("state", "FAILED")
                            .get("/v1/channels/{id}/messages", channel[0])
                            .then()
                            .statusCode(200)
                            .body("items.size()", org.hamcrest.Matchers.equalTo(0));
                }
            } finally {
                replica.stop();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplicaStoppedGracefullyHandsItsChannelsBackAtOnceNotAfterItsLease() throws Exception {
        int channelCount = 6;
        int perChannel = 15;
        given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "pacing",
                        Map.of("minGapMillis", 1000, "backlogGapMinMillis", 1000, "backlogGapMaxMillis", 1000)))
                .put("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(channelCount);
        try {
            List<String[]> channels = all(pool, channelCount, i -> activeChannel(i));
            all(pool, channelCount, i -> {
                simulator("/control/channels/{id}/phone/offline", channels.get(i)[1]);
                await().atMost(STEP).until(() -> "PHONE_UNAVAILABLE".equals(queueStatus(channels.get(i)[0])));
                return null;
            });
            List<List<String>> accepted = all(pool, channelCount, i -> accept(channels.get(i)[0], i, perChannel));
            int port = Ports.free();
            // The default lease (30 s): a replica that went away without handing its channels back holds them that
            // long.
            ServiceProcess replica = platform.startReplica(
                    "message-queue-service", "message-queue-service-2", port, "message_queue", Map.of());
            try {
                all(pool, channelCount, i -> {
                    simulator("/control/channels/{id}/phone/online", channels.get(i)[1]);
                    return null;
                });
                await().atMost(STEP).pollInterval(Duration.ofMillis(200)).until(() -> sentBy(port) >= 2);
                say("graceful stop of the second replica at " + received() + " received (" + sentBy(port) + " by it)");
                replica.stop(); // SIGTERM, and it shuts down
            } finally {
                replica.stop();
            }
            await().atMost(STEP)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> received() >= channelCount * perChannel);
            for (int i = 0; i < channelCount; i++) {
                List<Map<String, Object>> messages = given().baseUri(platform.simulator())
                        .get("/control/channels/{id}/messages", channels.get(i)[1])
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
                assertThat(messages.stream()
                                .map(m -> (String) m.get("idempotencyKey"))
                                .toList())
                        .as("channel %s: each once, in order", channels.get(i)[0])
                        .containsExactlyElementsOf(accepted.get(i));
                List<java.time.Instant> at = messages.stream()
                        .map(m -> java.time.Instant.parse((String) m.get("receivedAt")))
                        .toList();
                for (int m = 1; m < at.size(); m++) {
                    // The pacing gap (1 s) and a hand-over; a channel left to its lease would wait about 30 s.
                    assertThat(Duration.between(at.get(m - 1), at.get(m)))
                            .as("channel %s gap before message %d", channels.get(i)[0], m)
                            .isLessThan(Duration.ofSeconds(10));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Messages the replica on this port handed to the provider, by its metrics. */
    private static double sentBy(int port) {
        String metrics = given().baseUri("http://localhost:" + port)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line ->
                        line.startsWith("switchboard_queue_dispatched_total") && line.contains("outcome=\"SENT\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void say(String what) {
        System.out.println(java.time.Instant.now() + " QueueCrashIT: " + what);
    }

    /** A channel created, scanned and ACTIVE, as the queue also knows it: {channel id, provider channel id}. */
    private String[] activeChannel(int index) {
        String id = null;
        while (id == null) {
            var created = given().baseUri(platform.channelService())
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("phone", platform.freshPhone(), "name", "Crash " + index))
                    .post("/v1/channels")
                    .then();
            if (created.extract().statusCode() == 201) {
                id = created.extract().path("id");
            }
        }
        String channelId = id;
        await().atMost(STEP).until(() -> "QR_REQUIRED".equals(platform.channelField(token, channelId, "status")));
        String session = platform.channelField(token, channelId, "providerChannelId");
        simulator("/control/channels/{id}/scan", session);
        await().atMost(STEP).until(() -> "ACTIVE".equals(queueStatus(channelId)));
        return new String[] {channelId, session};
    }

    /** The channel's 100 messages over its 5 chats, in one batch; their ids in acceptance order. */
    private List<String> accept(String channel, int index) {
        return accept(channel, index, PER_CHANNEL);
    }

    private List<String> accept(String channel, int index, int count) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            messages.add(Map.of(
                    "chatId", chat(index, m % CHATS_PER_CHANNEL), "text", "m" + m + " c" + index + " " + account));
        }
        List<String> ids = given().urlEncodingEnabled(false)
                .baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("messages", messages))
                .post("/v1/channels/" + channel + "/messages:batch")
                .then()
                .statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(count))
                .extract()
                .path("results.message.id");
        return ids;
    }

    /** Chat j of channel i: a valid number of its own. */
    private static String chat(int channel, int chat) {
        return "+1650254" + String.format("%04d", channel * CHATS_PER_CHANNEL + chat);
    }

    private ServiceProcess startReplica() {
        return platform.startReplica(
                "message-queue-service",
                "message-queue-service-2",
                Ports.free(),
                "message_queue",
                Map.of("SWITCHBOARD_DISPATCH_LEASE", "5s"));
    }

    /** How many of this test's messages the phones received (every test channel's number is a fresh one). */
    private long received() {
        List<String> bodies = given().baseUri(platform.simulator())
                .get("/control/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("body");
        return bodies.stream().filter(body -> body.endsWith(" " + account)).count();
    }

    private String queueStatus(String channel) {
        var response = given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/queue", channel)
                .then()
                .extract();
        return response.statusCode() == 200 ? response.path("status") : null;
    }

    private void simulator(String path, String session) {
        given().baseUri(platform.simulator()).post(path, session).then().statusCode(200);
    }

    @FunctionalInterface
    private interface Indexed<T> {
        T apply(int index) throws Exception;
    }

    /** The same step for every channel, eight at a time; results in channel order. */
    private static <T> List<T> all(ExecutorService pool, Indexed<T> step) throws Exception {
        return all(pool, CHANNELS, step);
    }

    private static <T> List<T> all(ExecutorService pool, int channels, Indexed<T> step) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            int index = i;
            futures.add(pool.submit(() -> step.apply(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(10, TimeUnit.MINUTES));
        }
        return results;
    }
}
