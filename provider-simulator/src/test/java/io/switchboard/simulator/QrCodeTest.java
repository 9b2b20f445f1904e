package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.WAIT;
import static io.switchboard.simulator.Simulator.awaitStatus;
import static io.switchboard.simulator.Simulator.createAndAuthorize;
import static io.switchboard.simulator.Simulator.createAndAwaitQr;
import static io.switchboard.simulator.Simulator.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The QR code as the provider posts it ({@code channels.patch}), its expiry, and a fresh one after a restart. */
@QuarkusTest
class QrCodeTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @Test
    void enteringQrPostsTheQrCodeThatTheQrEndpointServes() throws IOException {
        long before = Instant.now().getEpochSecond();
        String path = RECEIVER.newPath();
        String id = createAndAwaitQr(RECEIVER, "+14155550201", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 4);

        assertThat(RECEIVER.events(path)).containsExactly("INIT", "LAUNCH", "QR", "qr.active");
        JsonNode patch = RECEIVER.bodies(path).get(3);
        assertThat(patch.path("event").path("type").asText()).isEqualTo("channel");
        assertThat(patch.path("event").path("event").asText()).isEqualTo("patch");
        assertThat(patch.path("channel_id").asText()).isEqualTo(id);
        assertThat(patch.path("timestamp").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(patch.path("qr").path("status").asText()).isEqualTo("active");
        // simulator.qr-ttl: 60 s
        assertThat(patch.path("qr").path("expire").asLong())
                .isBetween(before + 60, Instant.now().getEpochSecond() + 60);
        assertThat(patch.fieldNames()).toIterable().containsExactly("qr", "event", "channel_id", "timestamp");
        assertThat(patch.path("qr").fieldNames()).toIterable().containsExactly("base64", "expire", "status");

        byte[] png = Base64.getDecoder().decode(patch.path("qr").path("base64").asText());
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(264);
        assertThat(provider()
                        .get("/v1/channels/" + id + "/qr")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .isEqualTo(png);
        Number shownExpire = given().get("/control/channels/" + id)
                .then()
                .statusCode(200)
                .body("qr.status", equalTo("active"))
                .extract()
                .path("qr.expire");
        assertThat(shownExpire.longValue())
                .isEqualTo(patch.path("qr").path("expire").asLong());
    }

    @Test
    void anExpiredQrIsPostedAgainAsExpiredAndOnlyARestartGivesAFreshOne() {
        String path = RECEIVER.newPath();
        String id = createAndAwaitQr(RECEIVER, "+14155550202", path);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 4);

        given().post("/control/channels/" + id + "/qr/expire")
                .then()
                .statusCode(200)
                .body("status", equalTo("QR"))
                .body("qr.status", equalTo("expired"));
        long now = Instant.now().getEpochSecond();

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 5);
        assertThat(RECEIVER.events(path)).containsExactly("INIT", "LAUNCH", "QR", "qr.active", "qr.expired");
        List<JsonNode> bodies = RECEIVER.bodies(path);
        JsonNode active = bodies.get(3).path("qr");
        JsonNode expired = bodies.get(4).path("qr");
        assertThat(expired.path("base64").asText())
                .isEqualTo(active.path("base64").asText());
        assertThat(expired.path("expire").asLong()).isLessThanOrEqualTo(now);
        assertThat(bodies.get(4).path("timestamp").asLong())
                .isGreaterThanOrEqualTo(bodies.get(3).path("timestamp").asLong());

        // An expired code can be neither fetched nor scanned; the channel waits in QR.
        provider().get("/v1/channels/" + id + "/qr").then().statusCode(409);
        given().post("/control/channels/" + id + "/scan")
                .then()
                .statusCode(409)
                .body(
                        "error.message",
                        equalTo("the QR code of channel " + id + " expired; restart the channel for a new one"));
        provider().get("/partner/v1/channels/" + id).then().body("status", equalTo("QR"));

        provider().post("/partner/v1/channels/" + id + "/restart").then().statusCode(200);
        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 9);
        assertThat(RECEIVER.events(path).subList(5, 9)).containsExactly("INIT", "LAUNCH", "QR", "qr.active");
        assertThat(RECEIVER.bodies(path).get(8).path("qr").path("base64").asText())
                .isNotEqualTo(active.path("base64").asText());
        given().post("/control/channels/" + id + "/scan")
                .then()
                .statusCode(200)
                .body("status", equalTo("AUTH"))
                .body("qr", nullValue());
    }

    @Test
    void aQrCodeExpiresOnlyWhileTheChannelIsInQr() {
        String id = createAndAuthorize(RECEIVER, "+14155550203", RECEIVER.newPath());
        given().post("/control/channels/" + id + "/qr/expire")
                .then()
                .statusCode(409)
                .body("error.code", equalTo(409));
        given().post("/control/channels/SIM-NOPE00/qr/expire").then().statusCode(404);
    }

    @Test
    void aScriptedQrAndALogoutEachPostANewQrCode() {
        String path = RECEIVER.newPath();
        String id = createAndAuthorize(RECEIVER, "+14155550204", path);

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "QR"))
                .post("/control/channels/" + id + "/health")
                .then()
                .statusCode(200)
                .body("qr.status", equalTo("active"));
        given().post("/control/channels/" + id + "/scan").then().statusCode(200);
        given().post("/control/channels/" + id + "/logout").then().statusCode(200);
        awaitStatus(id, "QR");

        await().atMost(WAIT).until(() -> RECEIVER.events(path).size() >= 13);
        assertThat(RECEIVER.events(path).subList(6, 13))
                .containsExactly("QR", "qr.active", "AUTH", "users.post", "users.delete", "QR", "qr.active");
        assertThat(RECEIVER.bodies(path).stream()
                        .filter(body -> body.has("qr"))
                        .map(body -> body.path("qr").path("base64").asText()))
                .hasSize(3)
                .doesNotHaveDuplicates();
    }
}
