package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.webhook.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged notification-service is killed (SIGKILL) in the middle of a webhook's retries and while a system
 * message's timer waits, and started again: the webhook is delivered once more under the same {@code webhook-id} until
 * its receiver takes it, and the system message is written exactly once.
 */
class NotificationCrashIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "notification-service";
    private static LocalPlatformUnderTest platform;
    private static WebhookReceiver receiver;
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger(2);

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatformUnderTest.shared();
        // The first two requests fail, every later one is taken.
        receiver = WebhookReceiver.start(
                (path, webhookId) -> WebhookReceiver.Answer.status(FAILURES_LEFT.getAndDecrement() > 0 ? 500 : 204));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aCrashInTheMiddleOfRetriesAndOfATimerLosesNothingAndRepeatsNothing() throws Exception {
        String account = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        String token = platform.token(account);
        String channel = UUID.randomUUID().toString();
        String chat = "+14155550177";
        String curator = given().baseUri(platform.notificationService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Desk", "webhookUrl", receiver.url("/hook")))
                .post("/v1/curators")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().baseUri(platform.notificationService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("notDeliveredMinutes", 1))
                .put("/v1/accounts/{id}/system-messages", account)
                .then()
                .statusCode(200);

        try (TopicRecorder topics = TopicRecorder.recording(platform.kafka(), Topics.CHAT_SYSTEM_MESSAGES);
                TestEvents events = new TestEvents(platform.kafka())) {
            // A message sent and never delivered: "not delivered" is due a minute later.
            Instant sent = Instant.now();
            events.publish(
                    Topics.MESSAGE_STATUS,
                    channel,
                    Streams.MESSAGE_STATUS.type(),
                    new MessageStatusChanged(
                            "msg-" + channel,
                            channel,
                            account,
                            chat,
                            MessageState.DISPATCHING,
                            MessageState.SENT,
                            null,
                            "wamid.1",
                            null,
                            sent,
                            null,
                            null));
            // A notification whose receiver fails its first two attempts.
            String delivery = given().baseUri(platform.notificationService())
                    .auth()
                    .oauth2(token)
                    .post("/v1/curators/{id}/test", curator)
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("deliveries.find { it.medium == 'WEBHOOK' }.id");
            // killed once the first failure is written, before the retry 2 s later
            await().atMost(STEP)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> given().baseUri(platform.notificationService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/curators/{id}/test/{delivery}", curator, delivery)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .<Integer>path("attempts")
                            == 1);

            ProcessHandle service = platform.process(SERVICE);
            service.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            service.onExit().get(30, TimeUnit.SECONDS);
            // a retry falls due while the service is away; nobody makes it
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.requests().size() == 1);
            platform.startAgain(SERVICE);

            // The retries go on where they were, under the same id, until the receiver takes it once.
            await().atMost(STEP).until(() -> receiver.requests().stream().anyMatch(r -> r.answered() == 204));
            given().baseUri(platform.notificationService())
                    .auth()
                    .oauth2(token)
                    .get("/v1/curators/{id}/test/{delivery}", curator, delivery)
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("DELIVERED"))
                    .body("attempts", equalTo(3));
            assertThat(receiver.requests())
                    .extracting(WebhookReceiver.Request::webhookId)
                    .containsOnly(delivery);
            assertThat(receiver.requests())
                    .extracting(WebhookReceiver.Request::answered)
                    .containsExactly(500, 500, 204);

            // The timer fires once, after the restart, and only once.
            String expected = "=== SYSTEM Switchboard === Till now is not delivered to the client (it has passed 1"
                    + " minutes).";
            await().atMost(STEP).until(() -> texts(token, channel, chat).contains(expected));
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> texts(token, channel, chat).size() == 1);
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
            await().atMost(STEP)
                    .until(() -> topics.on(Topics.CHAT_SYSTEM_MESSAGES, channel).size() == 1);
            JsonNode event = JSON.readTree(
                    topics.on(Topics.CHAT_SYSTEM_MESSAGES, channel).get(0).value());
            assertThat(event.path("kind").asText()).isEqualTo("NOT_DELIVERED");
            assertThat(event.path("text").asText()).isEqualTo(expected);
        }
    }

    private static List<String> texts(String token, String channel, String chat) throws Exception {
        var answer = given().baseUri(platform.notificationService())
                .auth()
                .oauth2(token)
                .queryParam("chatId", chat)
                .get("/v1/channels/{id}/system-messages", channel)
                .then();
        if (answer.extract().statusCode() == 404) {
            return List.of(); // the service has not heard of the channel yet
        }
        JsonNode page = JSON.readTree(answer.statusCode(200).extract().asString());
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false)
                .map(item -> item.path("text").asText())
                .toList();
    }
}
