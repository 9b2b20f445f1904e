package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.API_KEY;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.control;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.createAndAwaitQr;
import static io.switchboard.simulator.Simulator.provider;
import static io.switchboard.simulator.Simulator.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The phone going offline and back, and the number opened in WhatsApp Web elsewhere with its take-over. */
@QuarkusTest
class PhoneAndConflictTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    private static final String TO = "+14155550299";

    @Test
    void anOfflinePhoneCannotSendUntilItIsBackAndReconnected() throws Exception {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550301", path);

        given().post("/control/channels/" + id + "/phone/offline")
                .then()
                .statusCode(200)
                .body("status", equalTo("AUTH"))
                .body("phoneState", equalTo("OFFLINE"))
                .body("canSend", equalTo(false));
        send(id, "offline-1", TO, "held")
                .then()
                .statusCode(401)
                .body("error.message", equalTo("need channel authorization"));

        given().post("/control/channels/" + id + "/phone/online")
                .then()
                .statusCode(200)
                .body("phoneState", equalTo("RECONNECTING"))
                .body("canSend", equalTo(false));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        assertThat(RECEIVER.events(path).subList(6, 9)).containsExactly("phone.offline", "phone.online", "AUTH");
        List<JsonNode> bodies = RECEIVER.bodies(path);
        JsonNode offline = bodies.get(6);
        assertThat(offline).isEqualTo(new ObjectMapper().readTree("""
                {"event":{"type":"phone","event":"offline"},"channel_id":"%s","timestamp":%d}""".formatted(
                                id, offline.path("timestamp").asLong())));
        assertThat(bodies.get(7).path("timestamp").asLong())
                .isGreaterThanOrEqualTo(offline.path("timestamp").asLong());

        // simulator.phone-reconnect-delay: 300 ms in tests
        List<LoggedRequest> requests = RECEIVER.requests(path);
        assertThat(requests.get(8).getLoggedDate().getTime()
                        - requests.get(7).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(150);

        given().get("/control/channels/" + id)
                .then()
                .body("phoneState", equalTo("ONLINE"))
                .body("canSend", equalTo(true));
        send(id, "offline-1", TO, "sent after reconnect").then().statusCode(200);
    }

    @Test
    void onlyALinkedPhoneGoesOfflineAndOnlyAnOfflineOneComesBack() {
        String id = createAndAwaitQr(RECEIVER, "+14155550302", RECEIVER.newPath());
        given().post("/control/channels/" + id + "/phone/offline")
                .then()
                .statusCode(409)
                .body("error.code", equalTo(409));

        String linked = createAndAuthorize(RECEIVER, "+14155550303", RECEIVER.newPath());
        given().post("/control/channels/" + linked + "/phone/online").then().statusCode(409);
        given().post("/control/channels/SIM-NOPE00/phone/offline").then().statusCode(404);
    }

    @Test
    void twoOfflineEventsWithinASecondAreStillDistinctWebhooks() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550304", path);

        given().post("/control/channels/" + id + "/phone/offline").then().statusCode(200);
        given().post("/control/channels/" + id + "/phone/offline").then().statusCode(200);

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 8);
        List<JsonNode> bodies = RECEIVER.bodies(path);
        assertThat(RECEIVER.events(path).subList(6, 8)).containsExactly("phone.offline", "phone.offline");
        assertThat(bodies.get(7)).isNotEqualTo(bodies.get(6));
    }

    @Test
    void aConflictBlocksSendingUntilTheScriptedTakeOverSucceeds() throws Exception {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550305", path);

        control("/control/channels/" + id + "/conflict", Map.of("takeoverSucceedsAfter", 2))
                .then()
                .statusCode(200)
                .body("openedElsewhere", equalTo(true))
                .body("takeoverFailuresLeft", equalTo(2))
                .body("canSend", equalTo(false));
        send(id, "conflict-1", TO, "held")
                .then()
                .statusCode(401)
                .body("error.message", equalTo("need channel authorization"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            provider()
                    .post("/partner/v1/channels/" + id + "/takeover")
                    .then()
                    .statusCode(409)
                    .body("error.code", equalTo(409))
                    .body("error.message", equalTo("opened elsewhere"));
        }
        provider()
                .post("/partner/v1/channels/" + id + "/takeover")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AUTH"));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 8);
        assertThat(RECEIVER.events(path).subList(6, 8)).containsExactly("channel.conflict", "AUTH");
        JsonNode conflict = RECEIVER.bodies(path).get(6);
        assertThat(conflict).isEqualTo(new ObjectMapper().readTree("""
                {"event":{"type":"channel","event":"conflict"},"channel_id":"%s","timestamp":%d}""".formatted(
                                id, conflict.path("timestamp").asLong())));

        given().get("/control/channels/" + id)
                .then()
                .body("openedElsewhere", equalTo(false))
                .body("takeoverAttempts", equalTo(3))
                .body("canSend", equalTo(true));
        send(id, "conflict-1", TO, "sent after take-over").then().statusCode(200);
    }

    @Test
    void withoutAScriptedSuccessEveryTakeOverFails() {
        String id = createAndAuthorize(RECEIVER, "+14155550306", RECEIVER.newPath());

        given().post("/control/channels/" + id + "/conflict")
                .then()
                .statusCode(200)
                .body("openedElsewhere", equalTo(true))
                .body("takeoverFailuresLeft", nullValue());
        for (int attempt = 1; attempt <= 4; attempt++) {
            provider().post("/partner/v1/channels/" + id + "/takeover").then().statusCode(409);
        }
        send(id, "conflict-2", TO, "still held").then().statusCode(401);

        // Logging out ends the conflict with the session.
        given().post("/control/channels/" + id + "/logout")
                .then()
                .statusCode(200)
                .body("openedElsewhere", equalTo(false));
    }

    @Test
    void aTakeOverWithoutAConflictChangesNothing() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550307", path);

        // Also without a body or content type, as a bare POST is sent.
        given().auth()
                .oauth2(API_KEY)
                .post("/partner/v1/channels/" + id + "/takeover")
                .then()
                .statusCode(200)
                .body("status", equalTo("AUTH"));
        await().during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> RECEIVER.events(path).size() == 6);

        given().post("/partner/v1/channels/" + id + "/takeover").then().statusCode(401);
        provider().post("/partner/v1/channels/SIM-NOPE00/takeover").then().statusCode(404);
        control("/control/channels/" + id + "/conflict", Map.of("takeoverSucceedsAfter", -1))
                .then()
                .statusCode(400);
        String unlinked = createAndAwaitQr(RECEIVER, "+14155550308", RECEIVER.newPath());
        given().post("/control/channels/" + unlinked + "/conflict").then().statusCode(409);
    }
}
