package io.switchboard.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.switchboard.testkit.provider.ProviderWireMock;
import java.time.Instant;
import java.util.List;

/** The external provider's send API, played by WireMock: every send succeeds unless a test says otherwise. */
public class ProviderStub extends ProviderWireMock {

    /** The provider id a successful send of this message answers with. */
    public static String providerId(String messageId) {
        return "wamid-" + messageId;
    }

    /**
     * The idempotency keys (message ids) of the sends that reached this path, in arrival order: the
     * {@code Idempotency-Key} header of a gateway send, the {@code biz_opaque_callback_data} of a Cloud API one.
     */
    public static List<String> sentKeys(String path) {
        return server().findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(request -> request.containsHeader("Idempotency-Key")
                        ? request.getHeader("Idempotency-Key")
                        : QueueApi.json(request.getBodyAsString())
                                .path("biz_opaque_callback_data")
                                .asText())
                .toList();
    }

    /** When each send to this path arrived, in arrival order. */
    public static List<Instant> arrivals(String path) {
        return server().findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(request -> request.getLoggedDate().toInstant())
                .toList();
    }

    /**
     * Every send succeeds, answering the provider id {@code wamid-<idempotency key>} (so a test knows it before the
     * send); every contact check answers nothing specific, which counts as "has WhatsApp".
     */
    public static void sendsSucceed() {
        server().stubFor(post(urlPathMatching("/v1/channels/.+/messages/text"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sent\":true,\"message\":{\"id\":\"wamid-{{request.headers.Idempotency-Key}}\","
                                + "\"status\":\"sent\"}}")
                        .withTransformers("response-template")));
        server().stubFor(post(urlPathMatching("/cloud/v1/[^/]+/messages"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":"
                                + "\"wamid-{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                        .withTransformers("response-template")));
        server().stubFor(post(urlPathMatching("/v1/channels/.+/contacts"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"contacts\":[]}")));
    }

    /** A send answered 200 with {@code providerId} after {@code millis}. */
    public static ResponseDefinitionBuilder sentAfter(int millis, String providerId) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay(millis)
                .withBody("{\"sent\":true,\"message\":{\"id\":\"" + providerId + "\"}}");
    }

    /** Every send on {@code path} is refused with 401 "need channel authorization" (a reconnect), until reset. */
    public static void sendsRefusedWith401(String path) {
        server().stubFor(post(urlPathEqualTo(path))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":401,\"message\":\"need channel authorization\"}}")));
    }

    @Override
    protected void stubDefaults() {
        sendsSucceed();
    }
}
