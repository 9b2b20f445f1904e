package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static io.switchboard.channel.DeliveryTraffic.inbound;
import static io.switchboard.channel.DeliveryTraffic.receipt;
import static io.switchboard.channel.DeliveryTraffic.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery watchdog (window 2 s, 3 chats, scans every 0.5 s): a session the provider calls healthy whose sends get
 * no receipt at all across several chats is stalled, holds new messages and is restarted once; the first receipt, an
 * inbound message or a person's restart ends it. Clients who are offline (the server's "sent" comes, "delivered" does
 * not), one client, and a health that explains the silence are no stall.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class DeliveryWatchdogTest {

    private static final String SESSION = "/partner/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID;
    private static final String MESSAGES = "/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID + "/messages/text";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
        ProviderStub.server().resetRequests();
        providerHealth("AUTH", 4, 1_000_000);
    }

    @AfterEach
    void stopRecording() {
        topics.close();
        ProviderStub.server().resetMappings();
        ProviderStub.stubChannels();
    }

    @Test
    void aHealthySessionWhoseSendsGetNoReceiptIsStalledHeldRestartedOnceAndResumedByTheFirstReceipt() {
        String id = activeChannel();
        String secret = webhookSecret(id);
        for (int chat = 1; chat <= 3; chat++) {
            sent("acme", id, id + "-m" + chat, "+1415555020" + chat);
        }

        JsonNode stalled = awaitAlert(id, "DELIVERY_STALLED");
        assertThat(stalled.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(stalled.path("sendPolicy").asText()).isEqualTo("QUEUE");
        assertThat(stalled.path("requiredAction").asText()).isEqualTo("CHECK_DELIVERY");
        assertThat(stalled.path("cause").asText()).isEqualTo("WATCHDOG");
        assertThat(stalled.path("detail").asText())
                .startsWith("delivery stalled: 3 sends to 3 chats since")
                .contains("while the provider reports the session AUTH");
        channel(id)
                .body("status", equalTo("ACTIVE"))
                .body("sendPolicy", equalTo("QUEUE"))
                .body("requiredAction", equalTo("CHECK_DELIVERY"))
                .body("deliveryStalledSince", notNullValue());
        assertThat(requests(getRequestedFor(urlEqualTo(SESSION + "/health")))).isEqualTo(1);
        await().atMost(WAIT).until(() -> requests(postRequestedFor(urlEqualTo(SESSION + "/restart"))) == 1);

        // Scans go on: the stalled channel is neither checked, nor restarted, nor told again.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> alerts(id, "DELIVERY_STALLED").size() == 1);
        assertThat(requests(postRequestedFor(urlEqualTo(SESSION + "/restart")))).isEqualTo(1);
        assertThat(requests(getRequestedFor(urlEqualTo(SESSION + "/health")))).isEqualTo(1);

        // "pending" (still on the phone) is what a zombie keeps answering: it ends nothing
        receipt(id, secret, id + "-m1", "pending");
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> alerts(id, "DELIVERY_RESUMED").isEmpty());
        receipt(id, secret, id + "-m2", "sent");
        JsonNode resumed = awaitAlert(id, "DELIVERY_RESUMED");
        assertThat(resumed.path("sendPolicy").asText()).isEqualTo("SEND");
        assertThat(resumed.path("requiredAction").asText()).isEqualTo("NONE");
        assertThat(resumed.path("cause").asText()).isEqualTo("PROVIDER_EVENT");
        channel(id).body("sendPolicy", equalTo("SEND")).body("deliveryStalledSince", nullValue());
    }

    @Test
    void offlineClientsOneClientAndAQuietChannelAreNoStall() {
        String offline = activeChannel(); // every send gets the server's "sent", none is delivered
        String secret = webhookSecret(offline);
        String oneClient = activeChannel(); // three sends, all to one chat whose phone is off
        String quiet = activeChannel(); // no sends at all
        for (int chat = 1; chat <= 4; chat++) {
            sent("acme", offline, offline + "-m" + chat, "+1415555030" + chat);
            receipt(offline, secret, offline + "-m" + chat, "sent");
            sent("acme", oneClient, oneClient + "-m" + chat, "+14155550399");
        }

        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .until(() -> List.of(offline, oneClient, quiet).stream()
                        .allMatch(id -> alerts(id, "DELIVERY_STALLED").isEmpty()));
        assertThat(requests(getRequestedFor(urlEqualTo(SESSION + "/health")))).isZero();
        for (String id : List.of(offline, oneClient, quiet)) {
            channel(id).body("sendPolicy", equalTo("SEND"));
        }
    }

    @Test
    void aHealthThatExplainsTheSilenceMovesTheStatusInsteadAndAnInboundMessageOrARestartEndAStall() {
        providerHealth("QR", 3, 1_000_000);
        String lost = activeChannel();
        for (int chat = 1; chat <= 3; chat++) {
            sent("acme", lost, lost + "-m" + chat, "+1415555040" + chat);
        }
        await().atMost(WAIT).until(() -> "QR_REQUIRED".equals(status("acme", lost)));
        assertThat(alerts(lost, "DELIVERY_STALLED")).isEmpty();

        providerHealth("AUTH", 4, 2_000_000);
        String written = activeChannel();
        String restarted = activeChannel();
        for (String id : List.of(written, restarted)) {
            for (int chat = 1; chat <= 3; chat++) {
                sent("acme", id, id + "-m" + chat, "+1415555041" + chat);
            }
        }
        awaitAlert(written, "DELIVERY_STALLED");
        awaitAlert(restarted, "DELIVERY_STALLED");

        inbound(written, webhookSecret(written), "14155550419");
        assertThat(awaitAlert(written, "DELIVERY_RESUMED").path("sendPolicy").asText())
                .isEqualTo("SEND");
        // the sends the stall left unanswered are not judged again: no new stall after the window
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> alerts(written, "DELIVERY_STALLED").size() == 1);

        given().auth()
                .oauth2(token("acme"))
                .post("/v1/channels/{id}/actions/restart", restarted)
                .then()
                .statusCode(200);
        JsonNode byPerson = awaitAlert(restarted, "DELIVERY_RESUMED");
        assertThat(byPerson.path("cause").asText()).isEqualTo("USER_ACTION");
        assertThat(byPerson.path("status").asText()).isEqualTo("STARTING");
    }

    @Test
    void aProbeToTheAccountsOwnNumberClearsTheDoubtAndFindsOutWhenAStalledChannelDeliversAgain() {
        String account = "probing-" + UUID.randomUUID();
        probeNumber(account, account, "{\"phone\":\"+1 415 555 0499\"}")
                .statusCode(200)
                .body("phone", equalTo("+14155550499"));
        providerSends("probe-1");
        String answered = activeChannel(account);
        for (int chat = 1; chat <= 3; chat++) {
            sent(account, answered, answered + "-m" + chat, "+1415555050" + chat);
        }
        await().atMost(WAIT)
                .until(() -> requests(postRequestedFor(urlEqualTo(MESSAGES))
                                .withRequestBody(matchingJsonPath("$.to", WireMock.equalTo("+14155550499"))))
                        == 1);
        receipt(answered, webhookSecret(answered), "probe-1", "sent");
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> alerts(answered, "DELIVERY_STALLED").isEmpty());
        assertThat(requests(postRequestedFor(urlEqualTo(SESSION + "/restart")))).isZero();

        providerSends("probe-2");
        String zombie = activeChannel(account);
        for (int chat = 1; chat <= 3; chat++) {
            sent(account, zombie, zombie + "-m" + chat, "+1415555051" + chat);
        }
        JsonNode stalled = awaitAlert(zombie, "DELIVERY_STALLED");
        assertThat(stalled.path("detail").asText())
                .contains("a probe to the account's probe number got no receipt within 2 s");
        // probes go on every second while it is stalled; the first one answered ends the stall
        providerSends("probe-3");
        int before = requests(postRequestedFor(urlEqualTo(MESSAGES)));
        await().atMost(WAIT).until(() -> requests(postRequestedFor(urlEqualTo(MESSAGES))) > before);
        receipt(zombie, webhookSecret(zombie), "probe-3", "delivered");
        JsonNode resumed = awaitAlert(zombie, "DELIVERY_RESUMED");
        assertThat(resumed.path("detail").asText()).contains("a receipt came (DELIVERED)");
        assertThat(resumed.path("sendPolicy").asText()).isEqualTo("SEND");
    }

    @Test
    void aChannelWhoseClientsWroteAndWhoseWebhooksAllStoppedIsStalledAgainstItsOwnHabits() {
        String busy = activeChannel(); // three messages in, then nothing at all
        String light = activeChannel(); // two messages in: too few to know its habits
        for (int n = 0; n < 3; n++) {
            inbound(busy, webhookSecret(busy), "1415555060" + n);
        }
        for (int n = 0; n < 2; n++) {
            inbound(light, webhookSecret(light), "1415555061" + n);
        }
        JsonNode stalled = awaitAlert(busy, "DELIVERY_STALLED");
        assertThat(stalled.path("detail").asText())
                .startsWith("delivery stalled: no webhook at all came since")
                .contains("from a channel that had 3 inbound messages")
                .contains("while the provider reports the session AUTH");
        assertThat(alerts(light, "DELIVERY_STALLED")).isEmpty();

        inbound(busy, webhookSecret(busy), "14155550609");
        awaitAlert(busy, "DELIVERY_RESUMED");
        // its longest silence is now the stall itself: the next one must be twice as long
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> alerts(busy, "DELIVERY_STALLED").size() == 1);
        disable(busy); // stays silent: not to be judged again while other tests count the provider's calls
    }

    @Test
    void aProbeNumberIsAValidNumberOfTheCallersOwnAccount() {
        String account = "probe-api-" + UUID.randomUUID();
        probeNumber(account, account, null).statusCode(404);
        probeNumber(account, account, "{\"phone\":\"14155550499\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        probeNumber(account, account, "{\"phone\":\"+1 415 555 0499\"}").statusCode(200);
        probeNumber("someone-else", account, null).statusCode(404);
        probeNumber("someone-else", account, "{\"phone\":\"+14155550498\"}").statusCode(404);
        probeNumber(account, account, null).statusCode(200).body("phone", equalTo("+14155550499"));
        given().auth()
                .oauth2(token(account))
                .delete("/v1/accounts/{id}/delivery-probe", account)
                .then()
                .statusCode(204);
        probeNumber(account, account, null).statusCode(404);
    }

    private static void disable(String id) {
        given().auth()
                .oauth2(token("acme"))
                .post("/v1/channels/{id}/actions/disable", id)
                .then()
                .statusCode(200);
    }

    /** GET with no body, PUT with one, as {@code caller}. */
    private static io.restassured.response.ValidatableResponse probeNumber(String caller, String account, String body) {
        var request = given().auth().oauth2(token(caller));
        return body == null
                ? request.get("/v1/accounts/{id}/delivery-probe", account).then()
                : request.contentType("application/json")
                        .body(body)
                        .put("/v1/accounts/{id}/delivery-probe", account)
                        .then();
    }

    /** The provider accepts every send, answering with this message id. */
    private static void providerSends(String messageId) {
        ProviderStub.server()
                .stubFor(WireMock.post(urlEqualTo(MESSAGES))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"sent\":true,\"message\":{\"id\":\"" + messageId + "\"}}")));
    }

    private String activeChannel() {
        return activeChannel("acme");
    }

    private String activeChannel(String account) {
        String id = createChannel(account);
        health(id, webhookSecret(id), "AUTH", 40).statusCode(200);
        await().atMost(WAIT).until(() -> "ACTIVE".equals(status(account, id)));
        return id;
    }

    private static io.restassured.response.ValidatableResponse channel(String id) {
        return given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200);
    }

    private JsonNode awaitAlert(String id, String alert) {
        await().atMost(WAIT).until(() -> !alerts(id, alert).isEmpty());
        return alerts(id, alert).get(0);
    }

    private List<JsonNode> alerts(String id, String alert) {
        return StatusEvents.of(topics, id).stream()
                .filter(e -> alert.equals(e.path("alert").asText()))
                .toList();
    }

    private static int requests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return ProviderStub.server().countRequestsMatching(pattern.build()).getCount();
    }

    private static void providerHealth(String text, int code, long uptime) {
        ProviderStub.server()
                .stubFor(get(urlEqualTo(SESSION + "/health"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                        {"start_at":1713774883,"uptime":%d,"status":{"code":%d,"text":"%s"},"version":"1.8.3"}""".formatted(uptime, code, text))));
    }
}
