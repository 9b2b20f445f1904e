package io.switchboard.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class MessageQueueTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS);
    }

    @AfterEach
    void stopRecording() {
        topics.close();
        ProviderStub.server().resetAll();
        ProviderStub.sendsSucceed();
    }

    @Test
    void aMessageIsFrozenWhileStartingRefusedWhileTheQrIsNeededAndSentOnceWhenActive() {
        String channel = QueueApi.channel("acme", ChannelStatus.STARTING);

        String messageId = send("acme", channel, "+14155550199", "hi")
                .statusCode(202)
                .body("state", org.hamcrest.Matchers.equalTo("FROZEN"))
                .body("reason", org.hamcrest.Matchers.equalTo("channel STARTING"))
                .extract()
                .path("id");

        QueueApi.publish("acme", channel, ChannelStatus.QR_REQUIRED);
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/queue", channel)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("QR_REQUIRED"))
                .body("sendPolicy", org.hamcrest.Matchers.equalTo("REJECT"))
                .body("frozen", org.hamcrest.Matchers.equalTo(1))
                .body("queued", org.hamcrest.Matchers.equalTo(0));
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/queue", channel)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        send("acme", channel, "+14155550199", "again")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("status", org.hamcrest.Matchers.equalTo(409))
                .body("channelStatus", org.hamcrest.Matchers.equalTo("QR_REQUIRED"))
                .body("requiredAction", org.hamcrest.Matchers.equalTo("SCAN_QR"))
                .body("detail", containsString("Scan the QR code"));
        assertThat(message("acme", messageId).extract().<String>path("state")).isEqualTo("FROZEN");

        QueueApi.publish("acme", channel, ChannelStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT".equals(message("acme", messageId).extract().path("state")));

        ProviderStub.server()
                .verify(
                        1,
                        postRequestedFor(urlPathEqualTo(
                                        "/v1/channels/SIM-" + channel.substring(0, 6) + "/messages/text"))
                                .withHeader("Idempotency-Key", equalTo(messageId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> states(messageId).size() == 4);
        assertThat(states(messageId)).containsExactly("FROZEN", "QUEUED", "DISPATCHING", "SENT");
    }

    @Test
    void anActiveChannelSendsAtOnceAndABacklogGoesOutInAcceptanceOrder() {
        String channel = QueueApi.channel("acme", ChannelStatus.PHONE_UNAVAILABLE);
        List<String> ids = List.of("one", "two", "three").stream()
                .map(text -> send("acme", channel, "+14155550199", text)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
        QueueApi.publish("acme", channel, ChannelStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ids.stream()
                        .allMatch(id ->
                                "SENT".equals(message("acme", id).extract().path("state"))));
        List<String> sentOrder = ProviderStub.server()
                .findAll(postRequestedFor(
                        urlPathEqualTo("/v1/channels/SIM-" + channel.substring(0, 6) + "/messages/text")))
                .stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .toList();
        assertThat(sentOrder).containsExactlyElementsOf(ids);

        String now = send("acme", channel, "+14155550199", "four")
                .statusCode(202)
                .body("state", org.hamcrest.Matchers.equalTo("QUEUED"))
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT".equals(message("acme", now).extract().path("state")));
    }

    @Test
    void aReconnectFlapRefreezesTheMessageAndItIsDeliveredOnceAfterwards() {
        String channel = QueueApi.channel("acme", ChannelStatus.ACTIVE);
        String path = "/v1/channels/SIM-" + channel.substring(0, 6) + "/messages/text";
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(path))
                        .inScenario("flap")
                        .whenScenarioStateIs(STARTED)
                        .willReturn(aResponse()
                                .withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"code\":401,\"message\":\"need channel authorization\"}}"))
                        .willSetStateTo("reconnected"));
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(path))
                        .inScenario("flap")
                        .whenScenarioStateIs("reconnected")
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"sent\":true,\"message\":{\"id\":\"wamid-2\",\"status\":\"sent\"}}")));

        String id = send("acme", channel, "+14155550199", "during a flap")
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT".equals(message("acme", id).extract().path("state")));
        // The events reach Kafka through the outbox after the commit that the API already shows.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(states(id))
                        .containsSubsequence("DISPATCHING", "FROZEN", "QUEUED", "DISPATCHING", "SENT"));
        message("acme", id).body("providerMessageId", org.hamcrest.Matchers.equalTo("wamid-2"));
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        String channel = QueueApi.channel("acme", ChannelStatus.ACTIVE);
        given().contentType(ContentType.JSON)
                .body("{\"chatId\":\"+14155550199\",\"text\":\"hi\"}")
                .post("/v1/channels/{id}/messages", channel)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        send("globex", channel, "+14155550199", "not yours").statusCode(404).contentType(PROBLEM);
        send("acme", "no-such-channel", "+14155550199", "hi").statusCode(404).contentType(PROBLEM);
        send("acme", channel, "12345", "hi")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", org.hamcrest.Matchers.equalTo("chatId"));
        send("acme", channel, "+14155550199", "")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("text"));
        given().auth()
                .oauth2(token("acme"))
                .contentType(ContentType.JSON)
                .body("{\"chatId\":")
                .post("/v1/channels/{id}/messages", channel)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);

        String id = send("acme", channel, "+14155550199", "mine")
                .statusCode(202)
                .extract()
                .path("id");
        message("globex", id).statusCode(404).contentType(PROBLEM);
        message("acme", UUID.randomUUID().toString()).statusCode(404).contentType(PROBLEM);

        // Only the one valid message reached the provider and the topic.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT".equals(message("acme", id).extract().path("state")));
        assertThat(topics.on(Topics.MESSAGE_STATUS, channel))
                .extracting(r -> field(r.value(), "messageId"))
                .containsOnly(id);
    }

    @Test
    void aPoisonStatusEventGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        try (TopicRecorder dlq = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.dlq(Topics.CHANNEL_STATUS))) {
            String poisoned = UUID.randomUUID().toString();
            try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
                events.publishRaw(
                        Topics.CHANNEL_STATUS,
                        poisoned,
                        UUID.randomUUID().toString(),
                        Streams.CHANNEL_STATUS.type(),
                        "{not json");
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            dlq.on(Topics.dlq(Topics.CHANNEL_STATUS), poisoned).size() == 1);
        }
        String channel = QueueApi.channel("acme", ChannelStatus.ACTIVE);
        send("acme", channel, "+14155550199", "after poison").statusCode(202);
    }

    private List<String> states(String messageId) {
        return topics.on(Topics.MESSAGE_STATUS).stream()
                .filter(r -> messageId.equals(field(r.value(), "messageId")))
                .map(r -> field(r.value(), "state"))
                .toList();
    }

    private static ValidatableResponse send(String account, String channel, String chatId, String text) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + chatId + "\",\"text\":\"" + text + "\"}")
                .post("/v1/channels/{id}/messages", channel)
                .then();
    }

    private static ValidatableResponse message(String account, String id) {
        return given().auth()
                .oauth2(token(account))
                .get("/v1/messages/{id}", id)
                .then();
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }

    private static String field(String json, String name) {
        try {
            return JSON.readTree(json).path(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
