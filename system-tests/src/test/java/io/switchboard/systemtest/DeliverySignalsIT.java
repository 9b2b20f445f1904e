package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The signal the delivery watchdog tells the two silent channels apart by, through the whole platform: a "zombie"
 * session's sends stay awaiting any receipt, while sends to recipients whose phones are off are acknowledged by the
 * server's "sent" even though nothing is delivered.
 */
class DeliverySignalsIT {

    private static final Duration STEP = Duration.ofSeconds(60);

    private final LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
    private final String token =
            platform.token("delivery-" + ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aZombiesSendsAwaitAReceiptWhileSendsToOfflineRecipientsAreAcknowledged() {
        String zombie = activeChannel();
        String offline = activeChannel();
        delivery(zombie, "ZOMBIE");
        delivery(offline, "RECIPIENTS_OFFLINE");
        List<String> chats = List.of(platform.freshPhone(), platform.freshPhone(), platform.freshPhone());
        List<String> toOffline = new ArrayList<>();
        for (String chat : chats) {
            send(zombie, chat);
            toOffline.add(send(offline, chat));
        }

        await().atMost(STEP)
                .untilAsserted(() -> facts(zombie)
                        .body("sendsAwaitingReceipt", equalTo(3))
                        .body("chatsAwaitingReceipt", equalTo(3))
                        .body("oldestAwaitingReceiptSince", notNullValue()));
        await().atMost(STEP)
                .untilAsserted(() ->
                        facts(offline).body("sendsAwaitingReceipt", equalTo(0)).body("lastReceiptAt", notNullValue()));
        // Acknowledged, not delivered: the queue still has them SENT.
        for (String message : toOffline) {
            assertThat(state(message)).isEqualTo("SENT");
        }
    }

    private String activeChannel() {
        String id = given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + platform.freshPhone() + "\",\"name\":\"Delivery\"}")
                .post("/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(STEP).until(() -> "QR_REQUIRED".equals(field(id, "status")));
        given().baseUri(platform.simulator())
                .post("/control/channels/{id}/scan", session(id))
                .then()
                .statusCode(200);
        await().atMost(STEP).until(() -> "ACTIVE".equals(field(id, "status")));
        return id;
    }

    private void delivery(String channel, String mode) {
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body("{\"mode\":\"" + mode + "\"}")
                .put("/control/channels/{id}/delivery", session(channel))
                .then()
                .statusCode(200);
    }

    private String send(String channel, String chat) {
        String message = given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + chat + "\",\"text\":\"are you there?\"}")
                .post("/v1/channels/{id}/messages", channel)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(STEP).until(() -> "SENT".equals(state(message)));
        return message;
    }

    private String state(String message) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/messages/{id}", message)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private ValidatableResponse facts(String channel) {
        return given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/delivery", channel)
                .then()
                .statusCode(200);
    }

    private String session(String channel) {
        return field(channel, "providerChannelId");
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
}
