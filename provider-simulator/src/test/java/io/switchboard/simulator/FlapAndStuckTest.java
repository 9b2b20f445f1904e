package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.API_KEY;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.awaitStatus;
import static io.switchboard.simulator.Simulator.control;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.createAndAwaitQr;
import static io.switchboard.simulator.Simulator.provider;
import static io.switchboard.simulator.Simulator.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripted reconnect flaps and a session stuck in INIT. */
@QuarkusTest
class FlapAndStuckTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    private static final String TO = "+14155550499";
    /** No boot step comes later than this in tests (simulator.boot-step-delay 50 ms, two steps). */
    private static final Duration QUIET = Duration.ofMillis(600);

    @Test
    void aFlapRunsTheScriptedReconnectCyclesAndSendsWaitForAuth() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550401", path);

        control("/control/channels/" + id + "/flap", Map.of("everySeconds", 0.8, "times", 2))
                .then()
                .statusCode(200)
                .body("status", equalTo("INIT"))
                .body("flapsLeft", equalTo(1));
        // simulator.flap-step-delay: 200 ms in tests, so the cycle is still before AUTH.
        send(id, "flap-1", TO, "during a cycle")
                .then()
                .statusCode(401)
                .body("error.message", equalTo("need channel authorization"));

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 12);
        assertThat(RECEIVER.events(path).subList(6, 12))
                .containsExactly("INIT", "LAUNCH", "AUTH", "INIT", "LAUNCH", "AUTH");
        List<LoggedRequest> requests = RECEIVER.requests(path);
        assertThat(requests.get(9).getLoggedDate().getTime()
                        - requests.get(6).getLoggedDate().getTime())
                .isBetween(600L, 2_000L);
        List<JsonNode> bodies = RECEIVER.bodies(path);
        assertThat(bodies.get(9).path("health").path("start_at").asLong())
                .isGreaterThan(bodies.get(6).path("health").path("start_at").asLong());

        given().get("/control/channels/" + id)
                .then()
                .body("flapsLeft", equalTo(0))
                .body("status", equalTo("AUTH"));
        send(id, "flap-1", TO, "after the flap").then().statusCode(200);
        await().during(QUIET).atMost(WAIT).until(() -> RECEIVER.events(path).size() == 12);
    }

    @Test
    void stoppingAFlapLetsTheCurrentCycleEndInAuthAndNoMoreFollow() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550402", path);

        control("/control/channels/" + id + "/flap", Map.of("everySeconds", 0.5, "times", 100))
                .then()
                .statusCode(200);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        given().delete("/control/channels/" + id + "/flap")
                .then()
                .statusCode(200)
                .body("flapsLeft", equalTo(0));

        // Once the simulator is AUTH again no cycle is in progress; then its last webhook is the AUTH.
        awaitStatus(id, "AUTH");
        await().atMost(WAIT)
                .until(() -> RECEIVER.events(path)
                        .get(RECEIVER.events(path).size() - 1)
                        .equals("AUTH"));
        int events = RECEIVER.events(path).size();
        await().during(Duration.ofMillis(1_200))
                .atMost(WAIT)
                .until(() -> RECEIVER.events(path).size() == events);
        assertThat(events % 3).isZero();
        provider().get("/partner/v1/channels/" + id).then().body("status", equalTo("AUTH"));
    }

    @Test
    void aFlapNeedsALinkedPhoneAndSensibleNumbers() {
        String id = createAndAuthorize(RECEIVER, "+14155550403", RECEIVER.newPath());
        control("/control/channels/" + id + "/flap", Map.of("everySeconds", 0, "times", 2))
                .then()
                .statusCode(400);
        control("/control/channels/" + id + "/flap", Map.of("everySeconds", 1, "times", 0))
                .then()
                .statusCode(400);
        control("/control/channels/" + id + "/flap", Map.of("times", 2))
                .then()
                .statusCode(400)
                .body("error.message", equalTo("everySeconds must be a positive number"));

        String unlinked = createAndAwaitQr(RECEIVER, "+14155550404", RECEIVER.newPath());
        control("/control/channels/" + unlinked + "/flap", Map.of("everySeconds", 1, "times", 2))
                .then()
                .statusCode(409);
        given().delete("/control/channels/SIM-NOPE00/flap").then().statusCode(404);
    }

    @Test
    void aStuckChannelPostsInitAndNothingMoreUntilARestart() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550405", path);

        given().post("/control/channels/" + id + "/stuck")
                .then()
                .statusCode(200)
                .body("status", equalTo("INIT"))
                .body("stuck", equalTo(true));
        await().during(QUIET).atMost(WAIT).until(() -> RECEIVER.events(path).size() == 7);
        assertThat(RECEIVER.events(path).get(6)).isEqualTo("INIT");
        send(id, "stuck-1", TO, "held").then().statusCode(401);

        given().auth()
                .oauth2(API_KEY)
                .post("/partner/v1/channels/" + id + "/restart")
                .then()
                .statusCode(200);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 10);
        assertThat(RECEIVER.events(path).subList(7, 10)).containsExactly("INIT", "LAUNCH", "AUTH");
        given().get("/control/channels/" + id).then().body("stuck", equalTo(false));
        send(id, "stuck-1", TO, "after the restart").then().statusCode(200);
    }

    @Test
    void theScriptedNumberOfRestartsGetStuckAgain() {
        String path = RECEIVER.newPath();
        String id = createAndAwaitQr(RECEIVER, "+14155550406", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 4);

        control("/control/channels/" + id + "/stuck", Map.of("restartsToRecover", 1))
                .then()
                .statusCode(200);
        provider()
                .post("/partner/v1/channels/" + id + "/restart")
                .then()
                .statusCode(200)
                .body("status", equalTo("INIT"));
        await().during(QUIET).atMost(WAIT).until(() -> RECEIVER.events(path).size() == 6);
        given().get("/control/channels/" + id).then().body("stuck", equalTo(true));

        // No phone was linked, so the recovering restart ends in QR, with a new code.
        provider().post("/partner/v1/channels/" + id + "/restart").then().statusCode(200);
        awaitStatus(id, "QR");
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 10);
        assertThat(RECEIVER.events(path))
                .containsExactly(
                        "INIT", "LAUNCH", "QR", "qr.active", "INIT", "INIT", "INIT", "LAUNCH", "QR", "qr.active");

        control("/control/channels/" + id + "/stuck", Map.of("restartsToRecover", -1))
                .then()
                .statusCode(400);
    }
}
