package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.provider;
import static io.switchboard.simulator.Simulator.received;
import static io.switchboard.simulator.Simulator.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two ways a channel can deliver nothing, which a watchdog must tell apart: a "zombie" session (sends accepted,
 * health fine, then silence) and recipients whose phones are off (the server's "sent" comes, "delivered" does not).
 */
@QuarkusTest
class DeliveryModesTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @Test
    void aZombieAcceptsSendsAndSaysItIsFineButNothingArrivesAndItPostsNothingUntilItIsNormalAgain() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550601", path);
        int before = RECEIVER.bodies(path).size();

        delivery(channel, "ZOMBIE").then().statusCode(200).body("delivery", equalTo("ZOMBIE"));
        String id = send(channel, "z-1", "+14155550691", "anyone?")
                .then()
                .statusCode(200)
                .body("sent", equalTo(true))
                .extract()
                .path("message.id");
        send(channel, "z-1", "+14155550691", "anyone?").then().statusCode(200).body("message.id", equalTo(id));
        provider()
                .get("/partner/v1/channels/" + channel + "/health")
                .then()
                .statusCode(200)
                .body("status.text", equalTo("AUTH"));
        given().contentType(ContentType.JSON)
                .body(Map.of("from", "+14155550692", "text", "hello?"))
                .post("/control/channels/" + channel + "/inbound")
                .then()
                .statusCode(200);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> RECEIVER.bodies(path).size() == before);
        assertThat(received(channel)).isEmpty();

        delivery(channel, "NORMAL").then().statusCode(200).body("delivery", equalTo("NORMAL"));
        String next = send(channel, "z-2", "+14155550691", "now?")
                .then()
                .statusCode(200)
                .extract()
                .path("message.id");
        await().atMost(WAIT).until(() -> statuses(path).size() == 2);
        assertThat(statuses(path))
                .allSatisfy(status -> assertThat(status.path("id").asText()).isEqualTo(next));
        assertThat(received(channel)).extracting(message -> message.get("body")).containsExactly("now?");
    }

    @Test
    void recipientsWithTheirPhonesOffGetTheServersSentAndNothingMore() {
        String path = RECEIVER.newPath();
        String channel = createAndAuthorize(RECEIVER, "+14155550602", path);
        delivery(channel, "RECIPIENTS_OFFLINE").then().statusCode(200);

        String id = send(channel, "o-1", "+14155550693", "are you there?")
                .then()
                .statusCode(200)
                .extract()
                .path("message.id");
        await().atMost(WAIT).until(() -> statuses(path).size() == 1);
        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(2))
                .until(() -> statuses(path).size() == 1);
        assertThat(statuses(path).get(0).path("id").asText()).isEqualTo(id);
        assertThat(statuses(path).get(0).path("status").asText()).isEqualTo("sent");
        // The channel itself is fine: an inbound message still comes through.
        given().contentType(ContentType.JSON)
                .body(Map.of("from", "+14155550694", "text", "hi"))
                .post("/control/channels/" + channel + "/inbound")
                .then()
                .statusCode(200);
        await().atMost(WAIT).until(() -> RECEIVER.bodies(path).stream().anyMatch(body -> body.has("messages")));
    }

    @Test
    void aModeMustBeNamed() {
        String channel = createAndAuthorize(RECEIVER, "+14155550603", RECEIVER.newPath());
        given().contentType(ContentType.JSON)
                .body("{}")
                .put("/control/channels/" + channel + "/delivery")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"mode\":\"SOMETIMES\"}")
                .put("/control/channels/" + channel + "/delivery")
                .then()
                .statusCode(400);
    }

    private static io.restassured.response.Response delivery(String channel, String mode) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("mode", mode))
                .put("/control/channels/" + channel + "/delivery");
    }

    private static List<JsonNode> statuses(String path) {
        return RECEIVER.bodies(path).stream()
                .filter(body -> body.has("statuses"))
                .map(body -> body.path("statuses").get(0))
                .toList();
    }
}
