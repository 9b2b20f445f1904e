package io.switchboard.queue;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The queue service as its clients see it: its REST API, and channel status events published to it. */
final class QueueApi {

    static final String PROBLEM = "application/problem+json";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AtomicLong> VERSIONS = new HashMap<>();

    private QueueApi() {}

    /** A channel the queue knows, in the given status; its provider id is {@link #providerId}. */
    static String channel(String account, ChannelStatus status) {
        return channel(account, status, ChannelKind.WEB_SESSION);
    }

    static String channel(String account, ChannelStatus status, ChannelKind kind) {
        String channel = UUID.randomUUID().toString();
        publish(account, channel, status, kind);
        return channel;
    }

    static String providerId(String channel) {
        return "SIM-" + channel.substring(0, 6);
    }

    /** The path of the provider's send call of the channel. */
    static String sendPath(String channel) {
        return "/v1/channels/" + providerId(channel) + "/messages/text";
    }

    /** Where a CLOUD_API channel's sends go: its {@code phone_number_id} is its provider id on the status events. */
    static String cloudSendPath(String channel) {
        return "/cloud/v1/" + providerId(channel) + "/messages";
    }

    /** Publishes the channel's next status change and waits until the queue has applied it. */
    static void publish(String account, String channel, ChannelStatus status) {
        publish(account, channel, status, ChannelKind.WEB_SESSION);
    }

    static void publish(String account, String channel, ChannelStatus status, ChannelKind kind) {
        publish(account, channel, status, kind, null);
    }

    /** A status event; a Cloud API number's also says how Meta rates and limits it ({@code cloud}). */
    static synchronized void publish(
            String account, String channel, ChannelStatus status, ChannelKind kind, CloudStanding cloud) {
        long version = VERSIONS.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
        ChannelStatusChanged event = TestEvents.statusChanged(account, channel, null, status, version, kind);
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.CHANNEL_STATUS, channel, Streams.CHANNEL_STATUS.type(), TestEvents.withCloud(event, cloud));
        }
        await().atMost(WAIT).until(() -> {
            ValidatableResponse queue = queue(account, channel);
            return queue.extract().statusCode() == 200
                    && ((Number) queue.extract().path("version")).longValue() == version;
        });
    }

    static ValidatableResponse send(String account, String channel, String chatId, String text) {
        return send(account, channel, Map.of("chatId", chatId, "text", text));
    }

    static ValidatableResponse send(String account, String channel, Map<String, ?> body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels/{id}/messages", channel)
                .then();
    }

    static ValidatableResponse batch(String account, String channel, List<Map<String, ?>> messages) {
        // The colon is sent as it is, as HTTP clients do (RestAssured would encode it).
        return given().urlEncodingEnabled(false)
                .auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("messages", messages))
                .post("/v1/channels/" + channel + "/messages:batch")
                .then();
    }

    static ValidatableResponse message(String account, String id) {
        return given().auth()
                .oauth2(token(account))
                .get("/v1/messages/{id}", id)
                .then();
    }

    static String state(String account, String id) {
        return message(account, id).extract().path("state");
    }

    static ValidatableResponse queue(String account, String channel) {
        return given().auth()
                .oauth2(token(account))
                .get("/v1/channels/{id}/queue", channel)
                .then();
    }

    static void awaitState(String account, String id, String state) {
        await().atMost(WAIT).until(() -> state.equals(state(account, id)));
    }

    static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }

    static String opsToken() {
        return TestInfrastructure.get().tokens().token("platform", java.util.Set.of("ops"), Duration.ofHours(1));
    }

    /** The states a message's events on {@code message.status.v1} went through, in order. */
    static List<String> states(TopicRecorder topics, String messageId) {
        return topics.on(Topics.MESSAGE_STATUS).stream()
                .filter(r -> messageId.equals(field(r.value(), "messageId")))
                .map(r -> field(r.value(), "state"))
                .toList();
    }

    static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        return json(json).path(name).asText();
    }

    /** A sample of the service's metrics, or null when it has no such series. */
    static Double metric(String series) {
        return given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElse(null);
    }
}
