package io.switchboard.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The external provider's send API, played by WireMock: every send succeeds unless a test says otherwise. */
public class ProviderStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** The provider id a successful send of this message answers with. */
    public static String providerId(String messageId) {
        return "wamid-" + messageId;
    }

    /**
     * The idempotency keys (message ids) of the sends that reached this path, in arrival order: the
     * {@code Idempotency-Key} header of a gateway send, the {@code biz_opaque_callback_data} of a Cloud API one.
     */
    public static java.util.List<String> sentKeys(String path) {
        return server
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path)))
                .stream()
                .map(request -> request.containsHeader("Idempotency-Key")
                        ? request.getHeader("Idempotency-Key")
                        : QueueApi.json(request.getBodyAsString())
                                .path("biz_opaque_callback_data")
                                .asText())
                .toList();
    }

    /** When each send to this path arrived, in arrival order. */
    public static java.util.List<java.time.Instant> arrivals(String path) {
        return server
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path)))
                .stream()
                .map(request -> request.getLoggedDate().toInstant())
                .toList();
    }

    /**
     * Every send succeeds, answering the provider id {@code wamid-<idempotency key>} (so a test knows it before the
     * send); every contact check answers nothing specific, which counts as "has WhatsApp".
     */
    public static void sendsSucceed() {
        server.stubFor(post(urlPathMatching("/v1/channels/.+/messages/text"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sent\":true,\"message\":{\"id\":\"wamid-{{request.headers.Idempotency-Key}}\","
                                + "\"status\":\"sent\"}}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/cloud/v1/[^/]+/messages"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":"
                                + "\"wamid-{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/v1/channels/.+/contacts"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"contacts\":[]}")));
    }

    /** A send answered 200 with {@code providerId} after {@code millis}. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sentAfter(
            int millis, String providerId) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay(millis)
                .withBody("{\"sent\":true,\"message\":{\"id\":\"" + providerId + "\"}}");
    }

    /** Every send on {@code path} is refused with 401 "need channel authorization" (a reconnect), until reset. */
    public static void sendsRefusedWith401(String path) {
        server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":401,\"message\":\"need channel authorization\"}}")));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        sendsSucceed();
        return Map.of("switchboard.provider.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
