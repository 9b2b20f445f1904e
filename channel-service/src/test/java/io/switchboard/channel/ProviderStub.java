package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import io.switchboard.testkit.provider.ProviderWireMock;

/** The external provider's partner API, played by WireMock. */
public class ProviderStub extends ProviderWireMock {

    public static final String PROVIDER_CHANNEL_ID = "SIM-TEST01";

    /** Channel creation, restart, logout and take-over succeed: the stubs every test starts from. */
    public static void stubChannels() {
        server().stubFor(post(urlEqualTo("/partner/v1/channels"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        // as a provider answers: more fields than the service reads
                        .withBody(
                                "{\"id\":\"" + PROVIDER_CHANNEL_ID + "\",\"status\":\"INIT\",\"phone\":\"14155550100\","
                                        + "\"name\":\"Sales\",\"creationTS\":1713774883}")));
        stubSessionControl();
    }

    /** Restart, logout and take-over succeed unless a test scripts otherwise. */
    public static void stubSessionControl() {
        server().stubFor(post(urlMatching("/partner/v1/channels/[^/]+/(restart|takeover|logout)"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        // as a provider answers: more fields than the service reads
                        .withBody(
                                "{\"id\":\"" + PROVIDER_CHANNEL_ID + "\",\"status\":\"INIT\",\"phone\":\"14155550100\","
                                        + "\"name\":\"Sales\",\"creationTS\":1713774883}")));
    }

    /** A Cloud API number's health: it may send, with no quality or limit told (a test scripts those). */
    public static void stubCloudHealth() {
        server().stubFor(get(urlPathMatching("/cloud/v1/\\d+"))
                .atPriority(20)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"health_status\":{\"can_send_message\":\"AVAILABLE\",\"entities\":[]}}")));
    }

    @Override
    protected void stubDefaults() {
        stubChannels();
        stubCloudHealth();
    }
}
