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

    /** Every send succeeds; every contact check answers nothing specific, which counts as "has WhatsApp". */
    public static void sendsSucceed() {
        server.stubFor(post(urlPathMatching("/v1/channels/.+/messages/text")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"sent\":true,\"message\":{\"id\":\"wamid-sim\",\"status\":\"sent\"}}")));
        server.stubFor(post(urlPathMatching("/v1/channels/.+/contacts")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"contacts\":[]}")));
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
