package io.switchboard.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.SECRET;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.createAndAwaitQr;
import static io.switchboard.simulator.Simulator.createBody;
import static io.switchboard.simulator.Simulator.createChannel;
import static io.switchboard.simulator.Simulator.provider;
import static io.switchboard.simulator.Simulator.received;
import static io.switchboard.simulator.Simulator.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
class ProviderSimulatorTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @Test
    void newChannelPostsInitLaunchQrInOrderWithTheSecretAndGrowingUptime() throws Exception {
        String path = RECEIVER.newPath();
        String id = provider()
                .body(createBody(RECEIVER, "+14155550101", path))
                .post("/partner/v1/channels")
                .then()
                .statusCode(201)
                .body("id", matchesPattern("SIM-[A-Z0-9]{6}"))
                .body("phone", equalTo("+14155550101"))
                .body("name", equalTo("Sales"))
                .body("status", equalTo("INIT"))
                .extract()
                .path("id");

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 4);
        assertThat(RECEIVER.events(path)).containsExactly("INIT", "LAUNCH", "QR", "qr.active");
        assertThat(RECEIVER.requests(path)).allSatisfy(request -> {
            assertThat(request.getHeader("X-Webhook-Secret")).isEqualTo(SECRET);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        });

        List<JsonNode> bodies = RECEIVER.healthBodies(path);
        assertThat(bodies)
                .extracting(
                        body -> body.path("health").path("status").path("code").asInt())
                .containsExactly(1, 2, 3);
        assertThat(bodies)
                .extracting(body -> body.path("health").path("uptime").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(bodies)
                .extracting(body -> body.path("health").path("start_at").asLong())
                .containsOnly(bodies.get(0).path("health").path("start_at").asLong());

        // Exactly the provider's shape, nothing more or less.
        JsonNode init = bodies.get(0);
        JsonNode expected = new ObjectMapper().readTree("""
                {"health":{"start_at":%d,"uptime":%d,"status":{"code":1,"text":"INIT"},"version":"sim-1.0"},
                 "event":{"type":"channel","event":"post"},"channel_id":"%s","timestamp":%d}""".formatted(
                        init.path("health").path("start_at").asLong(),
                        init.path("health").path("uptime").asLong(),
                        id,
                        init.path("timestamp").asLong()));
        assertThat(init).isEqualTo(expected);

        provider().get("/partner/v1/channels/" + id).then().statusCode(200).body("status", equalTo("QR"));
        given().get("/control/channels")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.webhookUrl", equalTo(RECEIVER.url(path)))
                .body("find { it.id == '" + id + "' }.status", equalTo("QR"));
    }

    @Test
    void scanningTheQrPostsAuthThenUsersPost() {
        String path = RECEIVER.newPath();
        String id = createAndAwaitQr(RECEIVER, "+14155550102", path);

        given().post("/control/channels/" + id + "/scan")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AUTH"))
                .body("linked", equalTo(true));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 6);
        assertThat(RECEIVER.events(path)).containsExactly("INIT", "LAUNCH", "QR", "qr.active", "AUTH", "users.post");
        List<JsonNode> bodies = RECEIVER.bodies(path);
        assertThat(bodies.get(4).path("health").path("status").path("code").asInt())
                .isEqualTo(4);
        assertThat(RECEIVER.healthBodies(path))
                .extracting(body -> body.path("health").path("uptime").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        JsonNode user = bodies.get(5);
        assertThat(user.path("user").path("id").asText()).isEqualTo("14155550102");
        assertThat(user.path("user").path("name").asText()).isEqualTo("Sim user");
        assertThat(user.path("channel_id").asText()).isEqualTo(id);
        assertThat(user.path("event").path("type").asText()).isEqualTo("users");
        assertThat(user.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(user.size()).isEqualTo(4);

        // A second scan finds nothing to scan.
        given().post("/control/channels/" + id + "/scan").then().statusCode(409).body("error.code", equalTo(409));
    }

    @Test
    void everyWebhookCarriesItsTimestampWhichNeverGoesBack() {
        long before = Instant.now().getEpochSecond();
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550115", path);
        given().post("/control/channels/" + id + "/logout").then().statusCode(200);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        long after = Instant.now().getEpochSecond();

        List<JsonNode> bodies = RECEIVER.bodies(path);
        assertThat(bodies)
                .allSatisfy(body ->
                        assertThat(body.path("timestamp").isIntegralNumber()).isTrue());
        List<Long> timestamps =
                bodies.stream().map(body -> body.path("timestamp").asLong()).toList();
        assertThat(timestamps)
                .isSorted()
                .allSatisfy(timestamp -> assertThat(timestamp).isBetween(before, after + 5));
        assertThat(bodies).doesNotHaveDuplicates();
    }

    @Test
    void sendingBeforeAuthIsRefusedAsDuringAReconnect() {
        String path = RECEIVER.newPath();
        String id = createAndAwaitQr(RECEIVER, "+14155550103", path);

        provider()
                .header("Idempotency-Key", "early-1")
                .body(Map.of("to", "+14155550199", "body", "too early"))
                .post("/v1/channels/" + id + "/messages/text")
                .then()
                .statusCode(401)
                .body("error.code", equalTo(401))
                .body("error.message", equalTo("need channel authorization"));
        assertThat(received(id)).isEmpty();
    }

    @Test
    void sendingAfterAuthDeliversOnceEvenWhenTheIdempotencyKeyRepeats() {
        String id = createAndAuthorize(RECEIVER, "+14155550104", RECEIVER.newPath());
        String to = "+14155550198";

        String first = send(id, "key-1", to, "hello")
                .then()
                .statusCode(200)
                .body("sent", equalTo(true))
                .body("message.status", equalTo("sent"))
                .extract()
                .path("message.id");
        String again =
                send(id, "key-1", to, "hello").then().statusCode(200).extract().path("message.id");
        assertThat(again).isEqualTo(first);
        send(id, "key-2", to, "second").then().statusCode(200);

        List<Map<String, Object>> messages = received(id);
        assertThat(messages)
                .extracting(message -> message.get("idempotencyKey"))
                .containsExactly("key-1", "key-2");
        Map<String, Object> message = messages.get(0);
        assertThat(message)
                .containsEntry("id", first)
                .containsEntry("channelId", id)
                .containsEntry("from", "+14155550104")
                .containsEntry("to", to)
                .containsEntry("body", "hello")
                .containsKey("receivedAt");

        // Looked up by recipient, also in WhatsApp chat id form.
        assertThat(given().queryParam("to", to)
                        .get("/control/messages")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .containsExactly(first, messages.get(1).get("id"));
        assertThat(given().queryParam("to", "14155550198@s.whatsapp.net")
                        .get("/control/messages")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .hasSize(2);
    }

    @Test
    void aSendWithoutToOrBodyIsABadRequest() {
        String id = createAndAuthorize(RECEIVER, "+14155550105", RECEIVER.newPath());
        provider()
                .body(Map.of("to", "+14155550199"))
                .post("/v1/channels/" + id + "/messages/text")
                .then()
                .statusCode(400)
                .body("error.code", equalTo(400));
        provider()
                .body(Map.of("body", "hi"))
                .post("/v1/channels/" + id + "/messages/text")
                .then()
                .statusCode(400);
        provider()
                .body("{\"to\":")
                .post("/v1/channels/" + id + "/messages/text")
                .then()
                .statusCode(400)
                .body("error.code", equalTo(400));
        assertThat(received(id)).isEmpty();
    }

    @Test
    void aWrongOrMissingApiKeyIsUnauthorized() {
        given().contentType(ContentType.JSON)
                .auth()
                .oauth2("not-the-key")
                .body(createBody(RECEIVER, "+14155550106", RECEIVER.newPath()))
                .post("/partner/v1/channels")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo(401));
        given().contentType(ContentType.JSON)
                .body(Map.of("to", "+14155550199", "body", "hi"))
                .post("/v1/channels/SIM-000000/messages/text")
                .then()
                .statusCode(401)
                .body("error.code", equalTo(401));
        assertThat(given().get("/control/channels").then().extract().jsonPath().getList("phone"))
                .doesNotContain("+14155550106");
    }

    @Test
    void anUnknownChannelIsNotFound() {
        provider().get("/partner/v1/channels/SIM-NOPE00").then().statusCode(404).body("error.code", equalTo(404));
        provider().post("/partner/v1/channels/SIM-NOPE00/restart").then().statusCode(404);
        send("SIM-NOPE00", "k", "+14155550199", "hi").then().statusCode(404).body("error.code", equalTo(404));
        given().post("/control/channels/SIM-NOPE00/scan").then().statusCode(404);
        given().get("/control/channels/SIM-NOPE00/messages").then().statusCode(404);
    }

    @Test
    void aWebhookIsRetriedWhenTheReceiverFirstFails() {
        String path = RECEIVER.newPath();
        RECEIVER.server()
                .stubFor(post(urlEqualTo(path))
                        .inScenario(path)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500))
                        .willSetStateTo("recovered"));
        RECEIVER.server()
                .stubFor(post(urlEqualTo(path))
                        .inScenario(path)
                        .whenScenarioStateIs("recovered")
                        .willReturn(aResponse().withStatus(200)));

        createChannel(RECEIVER, "+14155550107", path);

        // The failed INIT is posted again before anything after it: the channel's order holds.
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 5);
        assertThat(RECEIVER.events(path)).containsExactly("INIT", "INIT", "LAUNCH", "QR", "qr.active");
        List<JsonNode> bodies = RECEIVER.bodies(path);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    }

    @Test
    void aDeadReceiverDoesNotHoldUpOtherChannels() {
        String slowPath = RECEIVER.newPath();
        RECEIVER.server()
                .stubFor(post(urlEqualTo(slowPath))
                        .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        String path = RECEIVER.newPath();

        createChannel(RECEIVER, "+14155550108", slowPath);
        createChannel(RECEIVER, "+14155550109", path);

        await().atMost(Duration.ofMillis(2_500))
                .until(() -> RECEIVER.events(path).size() >= 4);
        assertThat(RECEIVER.events(path)).containsExactly("INIT", "LAUNCH", "QR", "qr.active");
    }

    @Test
    void restartingALinkedChannelEndsInAuthInANewSession() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550110", path);

        provider()
                .post("/partner/v1/channels/" + id + "/restart")
                .then()
                .statusCode(200)
                .body("status", equalTo("INIT"));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        assertThat(RECEIVER.events(path))
                .containsExactly("INIT", "LAUNCH", "QR", "qr.active", "AUTH", "users.post", "INIT", "LAUNCH", "AUTH");
        List<JsonNode> bodies = RECEIVER.healthBodies(path);
        List<JsonNode> restarted = bodies.subList(4, 7);
        assertThat(restarted.get(0).path("health").path("start_at").asLong())
                .isGreaterThan(bodies.get(0).path("health").path("start_at").asLong());
        assertThat(restarted)
                .extracting(body -> body.path("health").path("uptime").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        provider().get("/partner/v1/channels/" + id).then().body("status", equalTo("AUTH"));
    }

    @Test
    void aScriptedHealthStatusIsPostedAndApplied() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550111", path);

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "LAUNCH"))
                .post("/control/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("LAUNCH"));
        send(id, "flap-1", "+14155550199", "during a flap")
                .then()
                .statusCode(401)
                .body("error.message", equalTo("need channel authorization"));

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "SYNC_ERROR"))
                .post("/control/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("SYNC_ERROR"));
        send(id, "flap-1", "+14155550199", "reads fail, sends work").then().statusCode(200);

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 8);
        assertThat(RECEIVER.events(path))
                .containsExactly("INIT", "LAUNCH", "QR", "qr.active", "AUTH", "users.post", "LAUNCH", "SYNC_ERROR");
        assertThat(RECEIVER.bodies(path)
                        .get(7)
                        .path("health")
                        .path("status")
                        .path("code")
                        .asInt())
                .isEqualTo(7);

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "ASLEEP"))
                .post("/control/channels/" + id + "/health")
                .then()
                .statusCode(400);
    }

    @Test
    void theHealthCallTellsTheSessionsStateEvenWhenItsWebhookWasLost() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550112", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 6);
        long lastUptime =
                RECEIVER.bodies(path).get(4).path("health").path("uptime").asLong();
        long startAt =
                RECEIVER.bodies(path).get(4).path("health").path("start_at").asLong();
        long answered = provider()
                .get("/partner/v1/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("status.text", equalTo("AUTH"))
                .body("status.code", equalTo(4))
                .body("start_at", equalTo((int) startAt))
                .extract()
                .jsonPath()
                .getLong("uptime");
        assertThat(answered).isGreaterThan(lastUptime);

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "QR", "lost", true))
                .post("/control/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("QR"));

        provider()
                .get("/partner/v1/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("status.text", equalTo("QR"))
                .body("uptime", org.hamcrest.Matchers.greaterThan((int) answered));
        send(id, "lost-1", "+14155550199", "the receiver still believes AUTH")
                .then()
                .statusCode(401);
        // Neither the health webhook nor the QR code arrives.
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> RECEIVER.events(path).size() == 6);
        provider().get("/partner/v1/channels/SIM-NOSUCH/health").then().statusCode(404);
    }

    @Test
    void aClientWritingInPostsAMessagesWebhook() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550113", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 6);

        String messageId = given().contentType(ContentType.JSON)
                .body(Map.of("from", "+14155550196", "text", "hi there"))
                .post("/control/channels/" + id + "/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 7);
        JsonNode body = RECEIVER.bodies(path).get(6);
        assertThat(body.path("event").path("type").asText()).isEqualTo("messages");
        assertThat(body.path("event").path("event").asText()).isEqualTo("post");
        JsonNode message = body.path("messages").get(0);
        assertThat(message.path("id").asText()).isEqualTo(messageId);
        assertThat(message.path("from_me").asBoolean(true)).isFalse();
        assertThat(message.path("chat_id").asText()).isEqualTo("14155550196@s.whatsapp.net");
        assertThat(message.path("from").asText()).isEqualTo("14155550196");
        assertThat(message.path("text").path("body").asText()).isEqualTo("hi there");

        given().contentType(ContentType.JSON)
                .body(Map.of("from", "nobody"))
                .post("/control/channels/" + id + "/inbound")
                .then()
                .statusCode(400);
    }

    @Test
    void aClientCallingPostsACallsWebhook() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550121", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 6);

        String callId = given().contentType(ContentType.JSON)
                .body(Map.of("from", "+14155550195", "video", true))
                .post("/control/channels/" + id + "/call")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 7);
        JsonNode body = RECEIVER.bodies(path).get(6);
        assertThat(body.path("event").path("type").asText()).isEqualTo("calls");
        assertThat(body.path("event").path("event").asText()).isEqualTo("post");
        JsonNode call = body.path("calls").get(0);
        assertThat(call.path("id").asText()).isEqualTo(callId);
        assertThat(call.path("from").asText()).isEqualTo("14155550195");
        assertThat(call.path("chat_id").asText()).isEqualTo("14155550195@s.whatsapp.net");
        assertThat(call.path("video").asBoolean()).isTrue();
        assertThat(call.path("timestamp").asLong()).isPositive();

        given().contentType(ContentType.JSON)
                .body(Map.of("from", "nobody"))
                .post("/control/channels/" + id + "/call")
                .then()
                .statusCode(400);
    }

    @Test
    void loggingOutPostsUsersDeleteAndWaitsForANewScan() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550112", path);

        given().post("/control/channels/" + id + "/logout")
                .then()
                .statusCode(200)
                .body("status", equalTo("QR"))
                .body("linked", equalTo(false));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        assertThat(RECEIVER.events(path)).endsWith("users.post", "users.delete", "QR", "qr.active");
    }

    @Test
    void theQrCodeIsAPngWhileTheChannelWaitsForAScan() {
        String id = createAndAwaitQr(RECEIVER, "+14155550113", RECEIVER.newPath());
        byte[] png = provider()
                .get("/v1/channels/" + id + "/qr")
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        given().post("/control/channels/" + id + "/scan").then().statusCode(200);
        provider().get("/v1/channels/" + id + "/qr").then().statusCode(409);
    }

    @Test
    void resetForgetsEverything() {
        String id = createAndAuthorize(RECEIVER, "+14155550114", RECEIVER.newPath());
        send(id, "reset-1", "+14155550199", "soon forgotten").then().statusCode(200);

        given().post("/control/reset").then().statusCode(204);

        given().get("/control/channels").then().statusCode(200).body("size()", equalTo(0));
        given().get("/control/messages").then().statusCode(200).body("size()", equalTo(0));
        provider().get("/partner/v1/channels/" + id).then().statusCode(404);
    }

    @Test
    void theServiceReportsReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200);
    }
}
