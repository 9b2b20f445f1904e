package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The calls tests make to the simulator: as a provider client, and through the control API. */
final class Simulator {

    static final String API_KEY = "local-provider-key";
    static final String SECRET = "s3cret-for-tests";
    static final Duration WAIT = Duration.ofSeconds(10);

    private Simulator() {}

    /** A provider API call with the key. */
    static RequestSpecification provider() {
        return given().contentType(ContentType.JSON).auth().oauth2(API_KEY);
    }

    /** A control API call with a JSON body. */
    static Response control(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    static Map<String, Object> createBody(WebhookReceiver receiver, String phone, String path) {
        return Map.of(
                "name",
                "Sales",
                "phone",
                phone,
                "webhook",
                Map.of("url", receiver.url(path), "headers", Map.of("X-Webhook-Secret", SECRET)));
    }

    static String createChannel(WebhookReceiver receiver, String phone, String path) {
        return provider()
                .body(createBody(receiver, phone, path))
                .post("/partner/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String createAndAwaitQr(WebhookReceiver receiver, String phone, String path) {
        String id = createChannel(receiver, phone, path);
        awaitStatus(id, "QR");
        return id;
    }

    /**
     * A channel with a linked phone, once its webhooks so far (INIT, LAUNCH, QR, QR code, AUTH, users.post) arrived.
     */
    static String createAndAuthorize(WebhookReceiver receiver, String phone, String path) {
        String id = createAndAwaitQr(receiver, phone, path);
        given().post("/control/channels/" + id + "/scan").then().statusCode(200);
        await().atMost(WAIT).until(() -> receiver.events(path).size() >= 6);
        return id;
    }

    static void awaitStatus(String id, String status) {
        await().atMost(WAIT)
                .until(() -> status.equals(provider()
                        .get("/partner/v1/channels/" + id)
                        .then()
                        .extract()
                        .path("status")));
    }

    static Response send(String channelId, String key, String to, String body) {
        return provider()
                .header("Idempotency-Key", key)
                .body(Map.of("to", to, "body", body))
                .post("/v1/channels/" + channelId + "/messages/text");
    }

    static List<Map<String, Object>> received(String channelId) {
        return given().get("/control/channels/" + channelId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }
}
