package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhook;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transitions the service drives itself: take-over (docs/product/channel-statuses.md), flaps, stuck, phone overdue,
 * QR expiry (docs/product/provider-webhooks.md).
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class WatchdogTest {

    /**
     * Seconds instead of minutes, so that each transition, retry and give-up is seen within a test. Shared by the
     * tests of timers and faults, so that they run in one application.
     */
    public static class ShortThresholds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("switchboard.watchdog.tick", "1s"),
                    Map.entry("switchboard.watchdog.stuck-after", "3s"),
                    Map.entry("switchboard.watchdog.takeover-backoff", "0.2s"),
                    Map.entry("switchboard.watchdog.unstable-quiet-period", "3s"),
                    Map.entry("switchboard.watchdog.phone-return-within", "2s"),
                    Map.entry("switchboard.watchdog.retry-initial-backoff", "0.5s"),
                    Map.entry("switchboard.watchdog.retry-max-backoff", "2s"),
                    Map.entry("switchboard.consumers.stalled-after", "2s"),
                    Map.entry("switchboard.consumers.retry-max-backoff", "1s"),
                    Map.entry("switchboard.outbox.max-attempts", "3"),
                    Map.entry("switchboard.outbox.retry-initial-backoff", "0.1s"),
                    Map.entry("switchboard.outbox.retry-max-backoff", "0.5s"),
                    Map.entry("switchboard.webhook.redelivery-window", "3s"),
                    Map.entry("switchboard.delivery.watch.window", "2s"),
                    Map.entry("switchboard.delivery.watch.scan-every", "0.5s"),
                    Map.entry("switchboard.delivery.watch.probe-wait", "2s"),
                    Map.entry("switchboard.delivery.watch.probe-every", "1s"),
                    Map.entry("switchboard.delivery.watch.silence-min-inbound", "3"),
                    Map.entry("switchboard.delivery.watch.min-silence", "3s"));
        }
    }

    private static final String TAKEOVER = "/partner/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID + "/takeover";
    private static final String RESTART = "/partner/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID + "/restart";
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
        ProviderStub.server().resetRequests();
        ProviderStub.server().resetScenarios();
    }

    @AfterEach
    void stopRecording() {
        topics.close();
        ProviderStub.server().resetMappings();
        ProviderStub.stubChannels();
    }

    @Test
    void aConflictIsTakenOverAutomaticallyWhileTheChannelShowsStarting() {
        takeOverFailsTimes(2);
        String id = activeChannel();
        String secret = webhookSecret(id);
        webhook(id, secret, ChannelApi.conflictBody()).statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProviderStub.server()
                                .countRequestsMatching(
                                        postRequestedFor(urlEqualTo(TAKEOVER)).build())
                                .getCount()
                        == 3);
        assertThat(status("acme", id)).isEqualTo("STARTING");
        health(id, secret, "AUTH", 100).statusCode(200); // the provider reports the session back
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(statuses(id)).containsExactly("STARTING", "ACTIVE", "STARTING", "ACTIVE"));
    }

    @Test
    void afterTheLastFailedTakeOverThePersonPressesEnableHere() {
        takeOverFailsTimes(3);
        String id = activeChannel();
        webhook(id, webhookSecret(id), ChannelApi.conflictBody()).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPENED_ELSEWHERE".equals(status("acme", id)));
        ChannelApi.get("acme", id)
                .body("requiredAction", equalTo("ENABLE_HERE"))
                .body("sendPolicy", equalTo("REJECT"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(id)).last().satisfies(e -> {
                    assertThat(e.path("cause").asText()).isEqualTo("WATCHDOG");
                    assertThat(e.path("detail").asText()).startsWith("automatic take-over failed after 3 attempts");
                }));

        given().auth()
                .oauth2(token("acme"))
                .post("/v1/channels/{id}/actions/enable-here", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("STARTING"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProviderStub.server()
                                .countRequestsMatching(
                                        postRequestedFor(urlEqualTo(TAKEOVER)).build())
                                .getCount()
                        == 4);
        health(id, webhookSecret(id), "AUTH", 100).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));
        given().auth()
                .oauth2(token("acme"))
                .post("/v1/channels/{id}/actions/enable-here", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token("globex"))
                .post("/v1/channels/{id}/actions/enable-here", id)
                .then()
                .statusCode(404);
    }

    @Test
    void aChannelStartingTooLongIsStuckAndRestartedOnce() {
        String id = createChannel("acme");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("stuck")
                                && e.path("alert").asText().equals("STUCK")));
        ChannelApi.get("acme", id).body("stuck", equalTo(true)).body("status", equalTo("STARTING"));
        // The dashboard's and the alert's gauge counts it, as the database does.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gauge("switchboard_channels_stuck"))
                        .isPositive()
                        .isEqualTo(countInDatabase("stuck")));
        // The restart is decided with the stuck announcement and made right after it commits.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProviderStub.server()
                                .countRequestsMatching(
                                        postRequestedFor(urlEqualTo(RESTART)).build())
                                .getCount()
                        == 1);
        health(id, webhookSecret(id), "QR", 10).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QR_REQUIRED".equals(status("acme", id)));
        ChannelApi.get("acme", id).body("stuck", equalTo(false));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(gauge("switchboard_channels_stuck")).isEqualTo(countInDatabase("stuck")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(PipelineFaultsTest.metric("switchboard_channels", "status=\"QR_REQUIRED\""))
                                .isPositive()
                                .isEqualTo(countInDatabase("connection_status = 'QR_REQUIRED' AND enabled AND paid")));
        assertThat(ProviderStub.server()
                        .countRequestsMatching(
                                postRequestedFor(urlEqualTo(RESTART)).build())
                        .getCount())
                .as("restarted once")
                .isEqualTo(1);
    }

    @Test
    void threeReconnectsMarkTheChannelUnstableUntilItIsQuiet() {
        String id = activeChannel();
        String secret = webhookSecret(id);
        for (int cycle = 1; cycle <= 3; cycle++) {
            health(id, secret, "INIT", 100L * cycle).statusCode(200);
            health(id, secret, "LAUNCH", 100L * cycle + 1).statusCode(200);
            health(id, secret, "AUTH", 100L * cycle + 2).statusCode(200);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("unstable: 3 reconnects")
                                && e.path("alert").asText().equals("UNSTABLE")));
        // Sending paused at once on every reconnect: each INIT was a STARTING event.
        assertThat(statuses(id))
                .containsSubsequence("ACTIVE", "STARTING", "ACTIVE", "STARTING", "ACTIVE", "STARTING", "ACTIVE");
        assertThat(ChannelApi.get("acme", id).extract().<Boolean>path("unstable"))
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gauge("switchboard_channels_unstable"))
                        .isPositive()
                        .isEqualTo(countInDatabase("unstable")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("stable again")
                                && e.path("alert").asText().equals("STABLE_AGAIN")));
        ChannelApi.get("acme", id).body("unstable", equalTo(false));
    }

    @Test
    void aPhoneBackOnlineButNotActiveInTimeIsOverdue() {
        String id = activeChannel();
        String secret = webhookSecret(id);
        webhook(
                        id,
                        secret,
                        "{\"event\":{\"type\":\"phone\",\"event\":\"offline\"},\"channel_id\":\"SIM-TEST01\",\"timestamp\":1}")
                .statusCode(200);
        webhook(
                        id,
                        secret,
                        "{\"event\":{\"type\":\"phone\",\"event\":\"online\"},\"channel_id\":\"SIM-TEST01\",\"timestamp\":2}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("overdue")
                                && e.path("alert").asText().equals("PHONE_OVERDUE")));
        assertThat(status("acme", id)).isEqualTo("PHONE_UNAVAILABLE");
    }

    @Test
    void anExpiredQrIsAnnouncedEvenIfTheProviderSaysNothing() {
        String id = createChannel("acme");
        String secret = webhookSecret(id);
        health(id, secret, "QR", 3).statusCode(200);
        long expire = Instant.now().plusSeconds(2).getEpochSecond();
        webhook(
                        id,
                        secret,
                        "{\"qr\":{\"base64\":\"iVBORw0KGgo=\",\"expire\":" + expire + "},"
                                + "\"event\":{\"type\":\"channel\",\"event\":\"patch\"},\"channel_id\":\"SIM-TEST01\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("QR expired")
                                && e.path("cause").asText().equals("WATCHDOG")
                                && e.path("alert").asText().equals("QR_EXPIRED")));
        given().auth()
                .oauth2(token("acme"))
                .accept("application/json")
                .get("/v1/channels/{id}/qr", id)
                .then()
                .statusCode(200)
                .body("expired", equalTo(true));
    }

    private static String activeChannel() {
        String id = createChannel("acme");
        health(id, webhookSecret(id), "AUTH", 4).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));
        return id;
    }

    /** A gauge without labels, as /q/metrics shows it. */
    private static long gauge(String name) {
        return PipelineFaultsTest.metric(name, "");
    }

    private static long countInDatabase(String condition) {
        try (ServiceDatabase database = ServiceDatabase.open()) {
            return database.number("SELECT count(*) FROM channel WHERE NOT deleted AND " + condition);
        }
    }

    private static void takeOverFailsTimes(int failures) {
        String state = STARTED;
        for (int failure = 1; failure <= failures; failure++) {
            String next = "failed-" + failure;
            ProviderStub.server()
                    .stubFor(post(urlEqualTo(TAKEOVER))
                            .inScenario("takeover")
                            .whenScenarioStateIs(state)
                            .willReturn(aResponse()
                                    .withStatus(409)
                                    .withHeader("Content-Type", "application/json")
                                    .withBody("{\"error\":{\"code\":409,\"message\":\"opened elsewhere\"}}"))
                            .willSetStateTo(next));
            state = next;
        }
        ProviderStub.server()
                .stubFor(post(urlEqualTo(TAKEOVER))
                        .inScenario("takeover")
                        .whenScenarioStateIs(state)
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"SIM-TEST01\",\"status\":\"AUTH\"}")));
    }

    private List<String> statuses(String id) {
        return StatusEvents.changes(topics, id);
    }

    private List<JsonNode> events(String id) {
        return StatusEvents.of(topics, id);
    }
}
