package io.switchboard.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Switchboard-like webhook receiver, played by WireMock: answers 200 to any POST unless a test says otherwise. A
 * test class registers one ({@code @RegisterExtension static final WebhookReceiver RECEIVER = new WebhookReceiver()}),
 * started before its first test and stopped after its last.
 */
final class WebhookReceiver implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
        server.stubFor(post(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    WireMockServer server() {
        return server;
    }

    /** A path of its own for one test's channel, so tests never see each other's webhooks. */
    String newPath() {
        return "/v1/provider/webhooks/" + UUID.randomUUID();
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** Every request posted to {@code path}, in arrival order (including failed attempts). */
    List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** The bodies posted to {@code path}, in arrival order. */
    List<JsonNode> bodies(String path) {
        return requests(path).stream()
                .map(request -> parse(request.getBodyAsString()))
                .toList();
    }

    /** The health webhooks posted to {@code path}, in arrival order. */
    List<JsonNode> healthBodies(String path) {
        return bodies(path).stream().filter(body -> body.has("health")).toList();
    }

    /**
     * A short name per webhook: the health status text, the QR code's status ("qr.active", "qr.expired"), or the event
     * ("users.post", "phone.offline", "channel.conflict").
     */
    List<String> events(String path) {
        // Receipts (statuses) follow every send; the channel's own events are what these tests look at.
        return bodies(path).stream()
                .filter(body -> !body.has("statuses"))
                .map(WebhookReceiver::describe)
                .toList();
    }

    static String describe(JsonNode body) {
        if (body.has("health")) {
            return body.path("health").path("status").path("text").asText();
        }
        if (body.has("qr")) {
            return "qr." + body.path("qr").path("status").asText();
        }
        return body.path("event").path("type").asText() + "."
                + body.path("event").path("event").asText();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
