package io.switchboard.channel;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testkit.TestInfrastructure;

/** What the tests do through the public API and the webhook ingress, as a client and as the provider would. */
final class ChannelApi {

    /** System property that keeps the last number used: test profiles reload this class, the database stays. */
    private static final String LAST_NUMBER = "channel-tests.last-number";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelApi() {}

    /** A valid number no other test uses. */
    static String freshPhone() {
        synchronized (System.getProperties()) {
            int next = Integer.getInteger(LAST_NUMBER, 0) + 1;
            System.setProperty(LAST_NUMBER, String.valueOf(next));
            return String.format("+1650253%04d", next);
        }
    }

    static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }

    static ValidatableResponse create(String account, String phone, String name) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + phone + "\",\"name\":\"" + name + "\"}")
                .post("/v1/channels")
                .then();
    }

    /** Creates a channel and returns its id. */
    static String createChannel(String account) {
        return create(account, freshPhone(), "Sales").statusCode(201).extract().path("id");
    }

    static ValidatableResponse get(String account, String channelId) {
        return given().auth()
                .oauth2(token(account))
                .get("/v1/channels/{id}", channelId)
                .then();
    }

    static String status(String account, String channelId) {
        return get(account, channelId).statusCode(200).extract().path("status");
    }

    /** The webhook secret the service gave the provider for this channel. */
    static String webhookSecret(String channelId) {
        return ProviderStub.server().getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .filter(request -> request.getUrl().equals("/partner/v1/channels"))
                .map(ChannelApi::body)
                .filter(body ->
                        body.path("webhook").path("url").asText().endsWith("/v1/provider/webhooks/" + channelId))
                .map(body -> body.path("webhook")
                        .path("headers")
                        .path("X-Webhook-Secret")
                        .asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider session was opened for " + channelId));
    }

    /** Posts a Whapi {@code channels.post} health webhook as the provider does. */
    static ValidatableResponse health(String channelId, String secret, String text, long uptime) {
        return webhook(channelId, secret, healthBody(text, uptime));
    }

    static String healthBody(String text, long uptime) {
        int code = switch (text) {
            case "INIT" -> 1;
            case "LAUNCH" -> 2;
            case "QR" -> 3;
            case "AUTH" -> 4;
            case "ERROR" -> 5;
            case "STOP" -> 6;
            default -> 7;
        };
        return """
                {"health":{"start_at":1713774883,"uptime":%d,"status":{"code":%d,"text":"%s"},"version":"1.8.3"},
                 "event":{"type":"channel","event":"post"},"channel_id":"%s"}""".formatted(uptime, code, text, ProviderStub.PROVIDER_CHANNEL_ID);
    }

    /** A {@code channel.conflict} webhook: the number was opened in WhatsApp Web elsewhere; each one is new. */
    static String conflictBody() {
        return "{\"event\":{\"type\":\"channel\",\"event\":\"conflict\"},\"channel_id\":\"SIM-TEST01\",\"timestamp\":"
                + System.nanoTime() + "}";
    }

    static ValidatableResponse webhook(String channelId, String secret, String body) {
        return given().header("X-Webhook-Secret", secret)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/provider/webhooks/{id}", channelId)
                .then();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
