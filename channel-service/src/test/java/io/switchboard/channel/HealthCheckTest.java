package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Check requests (message-queue-service saw sends refused with 401 while the channel is ACTIVE): the provider's
 * health is asked for and applied as a webhook would be; a provider that still says AUTH is announced.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class HealthCheckTest {

    private static final String HEALTH = "/partner/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID + "/health";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
        ProviderStub.server().resetRequests();
    }

    @AfterEach
    void stopRecording() {
        topics.close();
        ProviderStub.server().resetMappings();
        ProviderStub.stubChannels();
    }

    @Test
    void aLostHealthWebhookIsMadeGoodByTheCheckAndAChannelNotActiveIsNotChecked() {
        providerHealth("QR", 3, 500);
        String id = createChannel("acme");
        // Still STARTING: the refusals the request saw are explained here already.
        String first = requestCheck(id, "acme");
        try (ServiceDatabase database = ServiceDatabase.open()) {
            await().atMost(WAIT)
                    .until(() -> database.number(
                                    "SELECT count(*) FROM processed_event WHERE consumer = 'channel-checks' AND event_id = ?",
                                    first)
                            == 1);
        }
        health(id, webhookSecret(id), "AUTH", 4).statusCode(200);
        await().atMost(WAIT).until(() -> "ACTIVE".equals(status("acme", id)));
        requestCheck(id, "acme");

        await().atMost(WAIT).until(() -> "QR_REQUIRED".equals(status("acme", id)));
        // The status is committed before the outbox relay publishes its event: wait for the event itself.
        await().atMost(WAIT)
                .until(() -> events(id).stream()
                        .reduce((a, b) -> b)
                        .filter(e -> "QR_REQUIRED".equals(e.path("status").asText()))
                        .isPresent());
        JsonNode last = events(id).get(events(id).size() - 1);
        assertThat(last.path("cause").asText()).isEqualTo("WATCHDOG");
        assertThat(last.path("detail").asText()).startsWith("provider health QR, asked for after sends were refused");
        assertThat(last.path("requiredAction").asText()).isEqualTo("SCAN_QR");
        // The first request asked the provider nothing.
        assertThat(ProviderStub.server()
                        .countRequestsMatching(
                                getRequestedFor(urlEqualTo(HEALTH)).build())
                        .getCount())
                .isEqualTo(1);
        // The next health webhook of the session still applies: the check took its uptime, no more.
        health(id, webhookSecret(id), "AUTH", 501).statusCode(200);
        await().atMost(WAIT).until(() -> "ACTIVE".equals(status("acme", id)));
    }

    @Test
    void aProviderThatStillSaysAuthIsAnnouncedAndAnAnswerOlderThanTheLastWebhookChangesNothing() {
        String id = createChannel("acme");
        health(id, webhookSecret(id), "AUTH", 40).statusCode(200);
        await().atMost(WAIT).until(() -> "ACTIVE".equals(status("acme", id)));
        providerHealth("LAUNCH", 2, 39); // overtaken by the AUTH webhook of uptime 40
        requestCheck(id, "acme");

        await().atMost(WAIT)
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("the provider refuses sends with 401")));
        JsonNode announced = events(id).get(events(id).size() - 1);
        assertThat(announced.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(announced.path("previousStatus").asText()).isEqualTo("ACTIVE");
        assertThat(announced.path("cause").asText()).isEqualTo("WATCHDOG");
        assertThat(status("acme", id)).isEqualTo("ACTIVE");
    }

    @Test
    void aProviderThatCannotTellIsAnnouncedAndARequestForAnotherAccountsChannelIsIgnored() {
        ProviderStub.server()
                .stubFor(get(urlEqualTo(HEALTH))
                        .willReturn(aResponse()
                                .withStatus(404)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"code\":404}}")));
        String id = createChannel("acme");
        health(id, webhookSecret(id), "AUTH", 4).statusCode(200);
        await().atMost(WAIT).until(() -> "ACTIVE".equals(status("acme", id)));
        requestCheck(id, "globex"); // names the wrong account: nothing is asked
        requestCheck(id, "acme");

        await().atMost(WAIT)
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail")
                                .asText()
                                .startsWith("sends are refused with 401 and the provider's health check failed")));
        assertThat(status("acme", id)).isEqualTo("ACTIVE");
        assertThat(ProviderStub.server()
                        .countRequestsMatching(
                                getRequestedFor(urlEqualTo(HEALTH)).build())
                        .getCount())
                .isEqualTo(1);
    }

    private static void providerHealth(String text, int code, long uptime) {
        ProviderStub.server()
                .stubFor(get(urlEqualTo(HEALTH))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                        {"start_at":1713774883,"uptime":%d,"status":{"code":%d,"text":"%s"},"version":"1.8.3"}""".formatted(uptime, code, text))));
    }

    private static String requestCheck(String channelId, String accountId) {
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            return events.publish(
                    Topics.CHANNEL_CHECK_REQUESTS,
                    channelId,
                    Streams.CHANNEL_CHECK_REQUESTS.type(),
                    new ChannelCheckRequested(
                            UUID.randomUUID().toString(),
                            channelId,
                            accountId,
                            ChannelCheckReason.SENDS_UNAUTHORIZED,
                            ChannelStatus.ACTIVE,
                            5,
                            "the provider answered 401 to 5 sends in a row while the channel was ACTIVE",
                            Instant.now()));
        }
    }

    private List<JsonNode> events(String id) {
        return StatusEvents.of(topics, id);
    }
}
