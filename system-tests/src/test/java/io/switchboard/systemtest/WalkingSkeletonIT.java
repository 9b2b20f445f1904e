package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, against the packaged services, the provider simulator, a Kafka broker and a
 * PostgreSQL server, all real processes: a channel is created, starts, asks for a QR scan, becomes active; a message
 * sent while it starts is frozen, one sent while it needs the QR is refused, and the frozen one reaches the phone
 * exactly once when the channel is active.
 */
class WalkingSkeletonIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "+14155550199";
    private static LocalPlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatformUnderTest.shared();
    }

    @Test
    void aChannelComesUpAndItsFrozenMessageIsDeliveredOnce() {
        String token = platform.token("system-test");
        String phone = platform.freshPhone();
        try (TopicRecorder topics =
                TopicRecorder.recording(platform.kafka(), Topics.CHANNEL_STATUS, Topics.MESSAGE_STATUS)) {

            // 1. Create the channel: STARTING, and the provider session is opened.
            String channel = given().baseUri(platform.channelService())
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"phone\":\"" + phone + "\",\"name\":\"Sales\"}")
                    .post("/v1/channels")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("STARTING"))
                    .body("sendPolicy", equalTo("QUEUE"))
                    .extract()
                    .path("id");
            await().atMost(STEP).until(() -> platform.channelField(token, channel, "providerChannelId") != null);
            String providerChannel = platform.channelField(token, channel, "providerChannelId");

            // 2. A message while STARTING is accepted and frozen (once the queue has heard of the channel).
            await().atMost(STEP).until(() -> queue(token, channel).extract().statusCode() == 200);
            String message = send(token, channel, "hi")
                    .statusCode(202)
                    .body("state", equalTo("FROZEN"))
                    .extract()
                    .path("id");

            // 3. The simulated phone shows a QR code: messages are refused, naming the status and the action.
            await().atMost(STEP).until(() -> "QR_REQUIRED".equals(platform.channelField(token, channel, "status")));
            await().atMost(STEP)
                    .until(() ->
                            "QR_REQUIRED".equals(queue(token, channel).extract().path("status")));
            send(token, channel, "refused")
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409))
                    .body("channelStatus", equalTo("QR_REQUIRED"))
                    .body("requiredAction", equalTo("SCAN_QR"));

            // 4. The QR is scanned: ACTIVE, and the frozen message goes out.
            given().baseUri(platform.simulator())
                    .post("/control/channels/{id}/scan", providerChannel)
                    .then()
                    .statusCode(200);
            await().atMost(STEP).until(() -> "ACTIVE".equals(platform.channelField(token, channel, "status")));
            // The simulated phone answers with a "delivered" receipt a moment after the send.
            await().atMost(STEP)
                    .until(() -> "DELIVERED"
                            .equals(given().baseUri(platform.queueService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/messages/{id}", message)
                                    .then()
                                    .extract()
                                    .path("state")));

            // 5. The phone of the client received it exactly once, keyed by our message id.
            List<String> received = given().baseUri(platform.simulator())
                    .queryParam("to", CLIENT)
                    .get("/control/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("findAll { it.idempotencyKey == '" + message + "' }.body");
            assertThat(received).containsExactly("hi");

            // 6. History: every change with its version and cause (the status changes, then the WhatsApp account).
            await().atMost(STEP)
                    .until(() -> given().baseUri(platform.channelService())
                            .auth()
                            .oauth2(token)
                            .get("/v1/channels/{id}/history", channel)
                            .then()
                            .extract()
                            .path("total")
                            .equals(4));
            given().baseUri(platform.channelService())
                    .auth()
                    .oauth2(token)
                    .get("/v1/channels/{id}/history", channel)
                    .then()
                    .statusCode(200)
                    .body("items.status", equalTo(List.of("STARTING", "QR_REQUIRED", "ACTIVE", "ACTIVE")))
                    .body("items.version", equalTo(List.of(1, 2, 3, 4)))
                    .body("items[3].detail", equalTo("WhatsApp account " + phone.substring(1) + " connected"))
                    .body("items[0].previousStatus", nullValue())
                    .body("items[0].cause", equalTo("USER_ACTION"))
                    .body("items[2].cause", equalTo("PROVIDER_EVENT"))
                    .body("items[2].occurredAt", notNullValue());

            // 7. The same story on the topics, as CloudEvents keyed by the channel.
            await().atMost(STEP)
                    .until(() -> topics.on(Topics.CHANNEL_STATUS, channel).size() == 3);
            List<ConsumerRecord<String, String>> statuses = topics.on(Topics.CHANNEL_STATUS, channel);
            assertThat(statuses)
                    .extracting(r -> json(r).path("status").asText())
                    .containsExactly("STARTING", "QR_REQUIRED", "ACTIVE");
            assertThat(statuses)
                    .allSatisfy(r ->
                            assertThat(TopicRecorder.header(r, "ce_type")).contains(Streams.CHANNEL_STATUS.type()));
            await().atMost(STEP).until(() -> states(topics, message).contains("DELIVERED"));
            assertThat(states(topics, message)).containsExactly("FROZEN", "QUEUED", "DISPATCHING", "SENT", "DELIVERED");
            assertThat(topics.on(Topics.MESSAGE_STATUS))
                    .filteredOn(r -> message.equals(json(r).path("messageId").asText()))
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(channel));

            // 8. The other services saw the channel too.
            await().atMost(STEP).until(() -> {
                var answer = given().baseUri(platform.notificationService())
                        .auth()
                        .oauth2(token)
                        .get("/v1/channels/{id}/observed-statuses", channel)
                        .then()
                        .extract();
                return answer.statusCode() == 200 && answer.path("items.size()").equals(3); // 404 until it is heard of
            });
            await().atMost(STEP)
                    .until(() -> given().baseUri(platform.billingService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/billing/channels")
                                    .then()
                                    .extract()
                                    .path("items.find { it.channelId == '" + channel + "' }.status")
                            != null);
        }
    }

    private static ValidatableResponse send(String token, String channel, String text) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + CLIENT + "\",\"text\":\"" + text + "\"}")
                .post("/v1/channels/{id}/messages", channel)
                .then();
    }

    private static ValidatableResponse queue(String token, String channel) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/queue", channel)
                .then();
    }

    private static List<String> states(TopicRecorder topics, String message) {
        return topics.on(Topics.MESSAGE_STATUS).stream()
                .filter(r -> message.equals(json(r).path("messageId").asText()))
                .map(r -> json(r).path("state").asText())
                .toList();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
