package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The signal the delivery watchdog tells the two silent channels apart by, through the whole platform: a "zombie"
 * session's sends stay awaiting any receipt, while sends to recipients whose phones are off are acknowledged by the
 * server's "sent" even though nothing is delivered. The watchdog stalls the first and never the second.
 */
class DeliverySignalsIT {

    private static final Duration STEP = Duration.ofSeconds(60);

    private final LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
    private final String account = "delivery-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final String token = platform.token(account);

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

    @Test
    void aZombieIsStalledWithinTheWindowItsNewMessagesHeldAndReleasedOnceInOrderWhileOfflineClientsAreNot() {
        String zombie = activeChannel();
        String offline = activeChannel();
        delivery(zombie, "ZOMBIE");
        delivery(offline, "RECIPIENTS_OFFLINE");
        List<String> chats = List.of(platform.freshPhone(), platform.freshPhone(), platform.freshPhone());
        Instant firstSend = Instant.now();
        for (String chat : chats) {
            send(zombie, chat);
            send(offline, chat);
        }

        // window 30 s, scans every 2 s (LocalPlatformUnderTest), one health check: flagged well within a minute
        await().atMost(STEP).until(() -> "QUEUE".equals(field(zombie, "sendPolicy")));
        assertThat(Duration.between(firstSend, Instant.now())).isLessThan(Duration.ofSeconds(60));
        awaitQueuePolicy(zombie, "QUEUE"); // the queue learns it from channel.status.v1, a moment later
        assertThat(field(zombie, "status")).isEqualTo("ACTIVE");
        assertThat(field(zombie, "requiredAction")).isEqualTo("CHECK_DELIVERY");
        assertThat(field(offline, "sendPolicy")).isEqualTo("SEND");
        assertThat((Object) field(offline, "deliveryStalledSince")).isNull();

        String client = chats.get(0);
        List<String> held = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String id = accept(zombie, client, "held " + n);
            assertThat(state(id)).isEqualTo("FROZEN");
            held.add(id);
        }
        assertThat(given().baseUri(platform.queueService())
                        .auth()
                        .oauth2(token)
                        .get("/v1/messages/{id}", held.get(0))
                        .then()
                        .extract()
                        .<String>path("reason"))
                .contains("delivery stalled");

        // the phone delivers again, and the client writes: the first inbound message ends the stall
        delivery(zombie, "NORMAL");
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body("{\"from\":\"" + client + "\",\"text\":\"did you write?\"}")
                .post("/control/channels/{id}/inbound", session(zombie))
                .then()
                .statusCode(200);
        await().atMost(STEP).until(() -> "SEND".equals(field(zombie, "sendPolicy")));
        for (String id : held) {
            await().atMost(STEP)
                    .until(() -> List.of("SENT", "DELIVERED", "READ").contains(state(id)));
        }
        List<String> received = given().baseUri(platform.simulator())
                .queryParam("to", client)
                .get("/control/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.body.startsWith('held ') }.body");
        assertThat(received).containsExactly("held 1", "held 2", "held 3");
        assertThat(field(offline, "sendPolicy")).isEqualTo("SEND");
    }

    @Test
    void aZombieOfAnAccountWithAProbeNumberIsFoundOutByItsProbeAndDeliversAgainByItself() {
        String probes = platform.freshPhone();
        given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + probes + "\"}")
                .put("/v1/accounts/{id}/delivery-probe", account)
                .then()
                .statusCode(200);
        String zombie = activeChannel();
        delivery(zombie, "ZOMBIE");
        for (int n = 0; n < 3; n++) {
            send(zombie, platform.freshPhone());
        }
        await().atMost(STEP).until(() -> "QUEUE".equals(field(zombie, "sendPolicy")));
        awaitQueuePolicy(zombie, "QUEUE");
        String client = platform.freshPhone();
        String held = accept(zombie, client, "held while stalled");
        assertThat(state(held)).isEqualTo("FROZEN");

        // nobody writes and nobody acts: the next probe's receipt finds out that the phone delivers again
        delivery(zombie, "NORMAL");
        await().atMost(STEP).until(() -> "SEND".equals(field(zombie, "sendPolicy")));
        await().atMost(STEP).until(() -> List.of("SENT", "DELIVERED", "READ").contains(state(held)));
        assertThat(given().baseUri(platform.simulator())
                        .queryParam("to", client)
                        .get("/control/messages")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("body"))
                .containsExactly("held while stalled");
        assertThat(given().baseUri(platform.simulator())
                        .queryParam("to", probes)
                        .get("/control/messages")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("body"))
                .isNotEmpty()
                .allMatch(body -> body.startsWith("Delivery check by Switchboard"));
    }

    /** Waits until message-queue-service applies this send policy to the channel's new messages. */
    private void awaitQueuePolicy(String channel, String policy) {
        await().atMost(STEP)
                .until(() -> policy.equals(given().baseUri(platform.queueService())
                        .auth()
                        .oauth2(token)
                        .get("/v1/channels/{id}/queue", channel)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("sendPolicy")));
    }

    private String accept(String channel, String chat, String text) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"" + chat + "\",\"text\":\"" + text + "\"}")
                .post("/v1/channels/{id}/messages", channel)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
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
        awaitQueuePolicy(id, "SEND"); // the queue learns it from channel.status.v1, a moment later
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
        String message = accept(channel, chat, "are you there?");
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
