package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a phone and a person do, scripted at the provider simulator, seen through the packaged channel-service: phone
 * off and on, the number opened elsewhere and taken back, an operator's logout, and a Cloud API number verified.
 */
class ChannelScenariosIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
    private final String token =
            platform.token("scenarios-" + ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aPhoneGoesOffTheNumberIsOpenedElsewhereAndAnOperatorLogsItOut() {
        try (TopicRecorder topics = TopicRecorder.recording(platform.kafka(), Topics.CHANNEL_STATUS)) {
            String id = create("{\"phone\":\"" + freshPhone() + "\",\"name\":\"Scenarios\"}")
                    .statusCode(201)
                    .extract()
                    .path("id");
            await().atMost(STEP).until(() -> "QR_REQUIRED".equals(field(id, "status")));
            String session = field(id, "providerChannelId");
            simulator("/control/channels/{id}/scan", session, null);
            awaitStatus(id, "ACTIVE");

            simulator("/control/channels/{id}/phone/offline", session, null);
            awaitStatus(id, "PHONE_UNAVAILABLE");
            simulator("/control/channels/{id}/phone/online", session, null);
            awaitStatus(id, "ACTIVE");

            // Opened in WhatsApp Web elsewhere; the first "Enable here" fails, the second takes the number back.
            simulator("/control/channels/{id}/conflict", session, "{\"takeoverSucceedsAfter\":1}");
            await().atMost(STEP)
                    .until(() -> given().baseUri(platform.simulator())
                                    .get("/control/channels/{id}", session)
                                    .then()
                                    .extract()
                                    .<Integer>path("takeoverAttempts")
                            == 2);
            awaitStatus(id, "ACTIVE");

            given().baseUri(platform.channelService())
                    .auth()
                    .oauth2(token)
                    .post("/v1/channels/{id}/actions/logout", id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("QR_REQUIRED"));
            await().atMost(STEP)
                    .until(() -> given().baseUri(platform.simulator())
                                    .get("/control/channels/{id}", session)
                                    .then()
                                    .extract()
                                    .<Boolean>path("linked")
                            == Boolean.FALSE);
            simulator("/control/channels/{id}/scan", session, null);
            awaitStatus(id, "ACTIVE");

            await().atMost(STEP)
                    .untilAsserted(() -> assertThat(changes(topics, id))
                            .containsExactly(
                                    "STARTING",
                                    "QR_REQUIRED",
                                    "ACTIVE",
                                    "PHONE_UNAVAILABLE",
                                    "ACTIVE",
                                    "STARTING",
                                    "ACTIVE",
                                    "QR_REQUIRED",
                                    "ACTIVE"));
        }
    }

    @Test
    void aLostHealthWebhookIsFoundThroughTheQueuesRefusedSendsAndTheMessageGoesOnceAfterTheScan() {
        try (TopicRecorder topics =
                TopicRecorder.recording(platform.kafka(), Topics.CHANNEL_STATUS, Topics.CHANNEL_CHECK_REQUESTS)) {
            String id = create("{\"phone\":\"" + freshPhone() + "\",\"name\":\"Lost webhook\"}")
                    .statusCode(201)
                    .extract()
                    .path("id");
            await().atMost(STEP).until(() -> "QR_REQUIRED".equals(field(id, "status")));
            String session = field(id, "providerChannelId");
            simulator("/control/channels/{id}/scan", session, null);
            awaitStatus(id, "ACTIVE");
            await().atMost(STEP)
                    .until(() -> "ACTIVE"
                            .equals(given().baseUri(platform.queueService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/channels/{id}/queue", id)
                                    .then()
                                    .extract()
                                    .path("status")));

            // The phone is logged out, and the webhooks saying so never arrive: Switchboard still believes ACTIVE.
            simulator("/control/channels/{id}/health", session, "{\"status\":\"QR\",\"lost\":true}");
            String client = freshPhone();
            String message = given().baseUri(platform.queueService())
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"chatId\":\"" + client + "\",\"text\":\"after the lost webhook\"}")
                    .post("/v1/channels/{id}/messages", id)
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");

            // The provider refuses the sends with 401; the queue asks for a check; the provider's health tells QR.
            awaitStatus(id, "QR_REQUIRED");
            assertThat(topics.on(Topics.CHANNEL_CHECK_REQUESTS, id)).hasSize(1);
            // The outbox publishes the change a moment after the commit the API already shows.
            await().atMost(STEP).until(() -> changes(topics, id).size() == 4);
            JsonNode found = json(topics.on(Topics.CHANNEL_STATUS, id)
                    .get(topics.on(Topics.CHANNEL_STATUS, id).size() - 1));
            assertThat(found.path("status").asText()).isEqualTo("QR_REQUIRED");
            assertThat(found.path("cause").asText()).isEqualTo("WATCHDOG");
            assertThat(found.path("requiredAction").asText()).isEqualTo("SCAN_QR");
            await().atMost(STEP)
                    .until(() -> "FROZEN"
                            .equals(given().baseUri(platform.queueService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/messages/{id}", message)
                                    .then()
                                    .extract()
                                    .path("state")));

            simulator("/control/channels/{id}/scan", session, null);
            awaitStatus(id, "ACTIVE");
            await().atMost(STEP)
                    .until(() -> List.of("SENT", "DELIVERED", "READ")
                            .contains(given().baseUri(platform.queueService())
                                    .auth()
                                    .oauth2(token)
                                    .get("/v1/messages/{id}", message)
                                    .then()
                                    .extract()
                                    .path("state")));
            List<String> received = given().baseUri(platform.simulator())
                    .queryParam("to", client)
                    .get("/control/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("findAll { it.idempotencyKey == '" + message + "' }.body");
            assertThat(received).containsExactly("after the lost webhook");
        }
    }

    @Test
    void aCloudApiNumberIsVerifiedWithTheCodeItReceived() {
        String numberId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String phone = freshPhone();
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body("{\"phoneNumberId\":\"" + numberId + "\",\"phone\":\"" + phone + "\",\"code\":\"424242\"}")
                .post("/control/cloud-numbers")
                .then()
                .statusCode(201);
        String id = create("{\"phone\":\"" + phone + "\",\"name\":\"Official\",\"kind\":\"CLOUD_API\","
                        + "\"cloudPhoneNumberId\":\"" + numberId + "\"}")
                .statusCode(201)
                .body("status", equalTo("VERIFICATION_REQUIRED"))
                .extract()
                .path("id");

        channel("/v1/channels/{id}/verification", id, "{\"method\":\"voice\"}")
                .statusCode(200)
                .body("method", equalTo("VOICE"));
        channel("/v1/channels/{id}/verification/code", id, "{\"code\":\"111111\"}")
                .statusCode(422)
                .body("attemptsLeft", equalTo(4));
        // 200 ACTIVE, or 202 when the Cloud API has not answered the registration within the request (a busy
        // machine): the code was right and the registration is retried until the channel is ACTIVE.
        channel("/v1/channels/{id}/verification/code", id, "{\"code\":\"424242\"}")
                .statusCode(org.hamcrest.Matchers.oneOf(200, 202));
        awaitStatus(id, "ACTIVE");

        given().baseUri(platform.simulator())
                .get("/control/cloud-numbers/{id}", numberId)
                .then()
                .statusCode(200)
                .body("requestedMethod", equalTo("VOICE"))
                .body("attempts", equalTo(2))
                .body("verified", equalTo(true))
                .body("registered", equalTo(true))
                .body("subscribed", equalTo(true));
        assertThat(field(id, "status")).isEqualTo("ACTIVE");
        assertThat(field(id, "sendPolicy")).isEqualTo("SEND");

        // It sends through the Cloud API, from the verified number.
        await().atMost(STEP)
                .until(() -> "ACTIVE"
                        .equals(given().baseUri(platform.queueService())
                                .auth()
                                .oauth2(token)
                                .get("/v1/channels/{id}/queue", id)
                                .then()
                                .extract()
                                .path("status")));
        String client = freshPhone();
        // Free text only within 24 hours of the client's message (WhatsApp's customer service window): none yet
        channelMessage(id, client)
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("outside-service-window"));
        // ... but an approved template goes to anyone
        String template = given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + client + "\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\","
                        + "\"parameters\":[{\"text\":\"#1234\"}]}}")
                .post("/v1/channels/{id}/messages", id)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(STEP)
                .until(() -> "DELIVERED"
                        .equals(given().baseUri(platform.queueService())
                                .auth()
                                .oauth2(token)
                                .get("/v1/messages/{id}", template)
                                .then()
                                .extract()
                                .path("state")));
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body("{\"from\":\"" + client + "\",\"text\":\"do you ship to Perth?\"}")
                .post("/control/cloud-numbers/{id}/meta/inbound", numberId)
                .then()
                .statusCode(200);
        await().atMost(STEP).until(() -> channelMessage(id, client).extract().statusCode() == 202);
        String message = given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/messages?chatId={chat}", id, client)
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.text == 'from the official number' }.id");
        // SENT, then DELIVERED once Meta's statuses webhook reached the platform
        await().atMost(STEP)
                .until(() -> "DELIVERED"
                        .equals(given().baseUri(platform.queueService())
                                .auth()
                                .oauth2(token)
                                .get("/v1/messages/{id}", message)
                                .then()
                                .extract()
                                .path("state")));
        given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/messages/{id}", message)
                .then()
                .body("providerMessageId", org.hamcrest.Matchers.startsWith("wamid."))
                .body("firstContact", org.hamcrest.Matchers.nullValue()); // the client began the chat
        given().baseUri(platform.simulator())
                .queryParam("to", client)
                .get("/control/messages")
                .then()
                .statusCode(200)
                .body("body", equalTo(List.of("[template order_update (en_US)] #1234", "from the official number")))
                .body("from", equalTo(List.of(phone, phone)))
                .body("channelId", equalTo(List.of(numberId, numberId)));
    }

    private ValidatableResponse channelMessage(String id, String client) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + client + "\",\"text\":\"from the official number\"}")
                .post("/v1/channels/{id}/messages", id)
                .then();
    }

    private ValidatableResponse create(String body) {
        return channel("/v1/channels", null, body);
    }

    private ValidatableResponse channel(String path, String id, String body) {
        var request = given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body);
        return (id == null ? request.post(path) : request.post(path, id)).then();
    }

    private void simulator(String path, String session, String body) {
        var request = given().baseUri(platform.simulator());
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        request.post(path, session).then().statusCode(200);
    }

    private void awaitStatus(String id, String status) {
        await().atMost(STEP).until(() -> status.equals(field(id, "status")));
    }

    private String field(String id, String field) {
        return given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path(field);
    }

    /** Status changes in order; announcements (same status) left out. */
    private static List<String> changes(TopicRecorder topics, String id) {
        return topics.on(Topics.CHANNEL_STATUS, id).stream()
                .map(ChannelScenariosIT::json)
                .filter(event -> !event.path("previousStatus")
                        .asText()
                        .equals(event.path("status").asText()))
                .map(event -> event.path("status").asText())
                .toList();
    }

    private String freshPhone() {
        return platform.freshPhone();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
