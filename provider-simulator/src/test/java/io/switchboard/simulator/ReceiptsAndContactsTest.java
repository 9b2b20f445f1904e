package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.provider;
import static io.switchboard.simulator.Simulator.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Receipts after a send (default and scripted), numbers without WhatsApp, and the contact check. */
@QuarkusTest
class ReceiptsAndContactsTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @Test
    void aDeliveredMessageIsFollowedByTheServersSentAndItsDeliveredReceiptOnceEvenWhenTheSendRepeats() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550301", path);
        String id = send(channel, "k-1", "+14155550399", "hi")
                .then()
                .statusCode(200)
                .extract()
                .path("message.id");
        send(channel, "k-1", "+14155550399", "hi").then().statusCode(200).body("message.id", equalTo(id));
        await().atMost(WAIT).until(() -> statuses(path).size() == 2);
        assertThat(statuses(path))
                .extracting(status -> status.path("status").asText() + " "
                        + status.path("code").asInt())
                .containsExactly("sent 2", "delivered 3");
        assertThat(statuses(path)).allSatisfy(status -> {
            assertThat(status.path("id").asText()).isEqualTo(id);
            assertThat(status.path("recipient_id").asText()).isEqualTo("14155550399");
        });
        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(2))
                .until(() -> statuses(path).size() == 2);
    }

    @Test
    void aScriptedNumberGetsItsReceiptsLateOutOfOrderTwiceOrNever() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550302", path);
        script(
                "+14155550398",
                Map.of(
                        "receipts",
                        List.of(
                                Map.of("status", "read", "afterMillis", 100),
                                Map.of("status", "delivered", "afterMillis", 400),
                                Map.of("status", "read", "afterMillis", 500))));
        script("+14155550397", Map.of("receipts", List.of(Map.of("status", "unknown", "afterMillis", 0))));
        script("+14155550396", Map.of("receipts", List.of()));
        Instant sent = Instant.now();
        String scripted = send(channel, "k-1", "+14155550398", "late")
                .then()
                .statusCode(200)
                .extract()
                .path("message.id");
        String unknown = send(channel, "k-2", "+14155550397", "?")
                .then()
                .statusCode(200)
                .extract()
                .path("message.id");
        send(channel, "k-3", "+14155550396", "lost").then().statusCode(200);
        await().atMost(WAIT).until(() -> statuses(path).size() == 4);
        assertThat(statuses(path).stream()
                        .map(s -> s.path("id").asText() + " " + s.path("status").asText())
                        .toList())
                .containsExactly(unknown + " unknown", scripted + " read", scripted + " delivered", scripted + " read");
        List<Instant> arrivals = RECEIVER.requests(path).stream()
                .filter(r -> r.getBodyAsString().contains("statuses"))
                .map(r -> r.getLoggedDate().toInstant())
                .toList();
        assertThat(Duration.between(sent, arrivals.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        given().get("/control/numbers")
                .then()
                .statusCode(200)
                .body("'14155550397'.receipts[0].status", equalTo("unknown"));
    }

    @Test
    void aNumberWithoutWhatsAppFailsTheContactCheckAndTheSend() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550303", path);
        script("+14155550395", Map.of("whatsApp", false));
        provider()
                .body(Map.of("blocking", "wait", "contacts", List.of("+14155550395", "+14155550394")))
                .post("/v1/channels/" + channel + "/contacts")
                .then()
                .statusCode(200)
                .body("contacts.input", equalTo(List.of("+14155550395", "+14155550394")))
                .body("contacts.status", equalTo(List.of("invalid", "valid")))
                .body("contacts[1].wa_id", equalTo("14155550394"));
        send(channel, "k-1", "+14155550395", "anyone?")
                .then()
                .statusCode(404)
                .body("error.message", equalTo("the number does not have a WhatsApp account"));
        provider()
                .body(Map.of("contacts", List.of()))
                .post("/v1/channels/" + channel + "/contacts")
                .then()
                .statusCode(400);
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body(Map.of("contacts", List.of("+14155550394")))
                .post("/v1/channels/" + channel + "/contacts")
                .then()
                .statusCode(401);
        given().delete("/control/numbers/{phone}", "+14155550395").then().statusCode(204);
        send(channel, "k-2", "+14155550395", "now?").then().statusCode(200);
    }

    @Test
    void receiptsCanBeSwitchedOffForNumbersNobodyScriptedAndTheRecipientsCountWhatTheyGot() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550304", path);
        given().contentType(ContentType.JSON)
                .body("{\"sentAfterMillis\":null,\"deliveredAfterMillis\":null,\"readAfterMillis\":null}")
                .put("/control/receipts")
                .then()
                .statusCode(200);
        try {
            int before = given().get("/control/messages/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("messages");
            send(channel, "k-1", "+14155550393", "quiet").then().statusCode(200);
            given().get("/control/messages/stats")
                    .then()
                    .body("messages", equalTo(before + 1))
                    .body("lastReceivedAt", org.hamcrest.Matchers.notNullValue());
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> statuses(path).isEmpty());
            given().contentType(ContentType.JSON)
                    .body("{\"deliveredAfterMillis\":-1}")
                    .put("/control/receipts")
                    .then()
                    .statusCode(400);
        } finally {
            given().contentType(ContentType.JSON)
                    .body("{\"sentAfterMillis\":50,\"deliveredAfterMillis\":100,\"readAfterMillis\":null}")
                    .put("/control/receipts")
                    .then()
                    .statusCode(200);
        }
    }

    private static void script(String phone, Map<String, ?> script) {
        given().contentType(ContentType.JSON)
                .body(script)
                .put("/control/numbers/{phone}", phone)
                .then()
                .statusCode(200);
    }

    private static List<JsonNode> statuses(String path) {
        return RECEIVER.bodies(path).stream()
                .filter(body -> body.has("statuses"))
                .map(body -> body.path("statuses").get(0))
                .toList();
    }
}
