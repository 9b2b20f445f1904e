package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel rules (docs/product/channel-rules.md): rename, switch off and on, delete; one number, one channel; the
 * number never changes.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ChannelActionsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS, Topics.CHANNEL_STATE);
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void aRenameReachesConsumersAndTheNumberNeverChanges() {
        String id = createChannel("acme");
        patch("acme", id, "{\"name\":\"Support\"}").statusCode(200).body("name", equalTo("Support"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.CHANNEL_STATE, id).stream()
                        .anyMatch(r -> "Support".equals(json(r).path("name").asText())));

        patch("acme", id, "{\"phone\":\"+16502539998\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("title", equalTo("The number of a channel never changes"));
        patch("acme", id, "{\"name\":\"x\",\"phone\":\"+16502539998\"}")
                .statusCode(400)
                .contentType(PROBLEM);
        patch("acme", id, "{\"enabled\":false}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("enabled"));
        patch("acme", id, "{\"name\":\"  \"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("name"));
        patch("acme", id, "{\"name\":").statusCode(400).contentType(PROBLEM);
        patch("globex", id, "{\"name\":\"Mine now\"}").statusCode(404).contentType(PROBLEM);
        ChannelApi.get("acme", id).statusCode(200).body("name", equalTo("Support"));
    }

    @Test
    void aDisabledChannelRefusesToSendAndReturnsToItsLiveStatusWhenEnabled() {
        String id = createChannel("acme");
        health(id, webhookSecret(id), "QR", 3).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QR_REQUIRED".equals(status("acme", id)));

        action("acme", id, "disable")
                .statusCode(200)
                .body("status", equalTo("DISABLED"))
                .body("sendPolicy", equalTo("REJECT"))
                .body("requiredAction", equalTo("ENABLE_CHANNEL"));
        // The provider keeps reporting: the connection status moves underneath, the effective status stays DISABLED.
        health(id, webhookSecret(id), "AUTH", 4).statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        "ACTIVE".equals(ChannelApi.get("acme", id).extract().path("connectionStatus")));
        assertThat(status("acme", id)).isEqualTo("DISABLED");

        action("acme", id, "enable").statusCode(200).body("status", equalTo("ACTIVE"));
        action("acme", id, "enable").statusCode(200).body("status", equalTo("ACTIVE")); // nothing to do
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(id).size() == 4);
        assertThat(statuses(id)).containsExactly("STARTING", "QR_REQUIRED", "DISABLED", "ACTIVE");
        action("globex", id, "disable").statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aDeletedChannelKeepsItsHistoryChangesNoMoreAndFreesItsNumber() {
        String phone = ChannelApi.freshPhone();
        String id = ChannelApi.create("acme", phone, "Old")
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token("globex"))
                .delete("/v1/channels/{id}", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token("acme"))
                .delete("/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DELETED"));
        action("acme", id, "enable")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("channel-deleted"));
        patch("acme", id, "{\"name\":\"Again\"}").statusCode(409).contentType(PROBLEM);
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of("STARTING", "DELETED")));

        String successor = ChannelApi.create("acme", phone, "New")
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(successor).isNotEqualTo(id);
        ChannelApi.create("acme", phone, "Third").statusCode(409).body("existingChannelId", equalTo(successor));
    }

    @Test
    void operatorsRestartOrLogOutTheSession() {
        String id = ChannelApi.createChannel("acme");
        String secret = webhookSecret(id);
        health(id, secret, "AUTH", 4).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));
        String session = "/partner/v1/channels/" + ProviderStub.PROVIDER_CHANNEL_ID;
        int restarts = calls(session + "/restart");
        int logouts = calls(session + "/logout");

        action("acme", id, "restart").statusCode(200).body("status", equalTo("STARTING"));
        assertThat(calls(session + "/restart")).isEqualTo(restarts + 1);
        health(id, secret, "AUTH", 10).statusCode(200); // same session start in this test's webhooks: uptime grows
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));

        action("acme", id, "logout")
                .statusCode(200)
                .body("status", equalTo("QR_REQUIRED"))
                .body("requiredAction", equalTo("SCAN_QR"));
        assertThat(calls(session + "/logout")).isEqualTo(logouts + 1);
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .body("items[-1].status", equalTo("QR_REQUIRED"))
                .body("items[-1].cause", equalTo("USER_ACTION"))
                .body("items[-1].detail", startsWith("logged out by an operator"));
        action("globex", id, "logout").statusCode(404).contentType(PROBLEM);

        // The provider refuses: a 502 problem, and the channel stays as it was.
        ProviderStub.server()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(session + "/restart"))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(500)));
        try {
            action("acme", id, "restart")
                    .statusCode(502)
                    .contentType(PROBLEM)
                    .body("type", containsString("provider-refused"));
            assertThat(status("acme", id)).isEqualTo("QR_REQUIRED");
        } finally {
            ProviderStub.server().resetMappings();
            ProviderStub.stubChannels();
        }
    }

    private static int calls(String url) {
        return ProviderStub.server()
                .countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(url))
                        .build())
                .getCount();
    }

    @Test
    void theListIsPagedAndFilteredByEffectiveStatus() {
        String account = "lister-" + UUID.randomUUID();
        String a = createChannel(account);
        String b = createChannel(account);
        String c = createChannel(account);
        action(account, b, "disable").statusCode(200);
        given().auth()
                .oauth2(token(account))
                .delete("/v1/channels/{id}", c)
                .then()
                .statusCode(200);

        list(account, "").statusCode(200).body("total", equalTo(2)).body("items.id", equalTo(List.of(b, a)));
        list(account, "?status=DISABLED").statusCode(200).body("items.id", equalTo(List.of(b)));
        list(account, "?status=starting").statusCode(200).body("items.id", equalTo(List.of(a)));
        list(account, "?status=DELETED").statusCode(200).body("items.id", equalTo(List.of(c)));
        list(account, "?size=1&page=1")
                .statusCode(200)
                .body("items.id", equalTo(List.of(a)))
                .body("total", equalTo(2));
        list(account, "?status=SLEEPY").statusCode(400).contentType(PROBLEM).body("field", equalTo("status"));
        list(account, "?size=0").statusCode(400).contentType(PROBLEM);
        list(account, "?size=500").statusCode(400).contentType(PROBLEM);
        list("acme", "").statusCode(200).body("items.id", not(hasItem(a)));
    }

    private List<String> statuses(String id) {
        return topics.on(Topics.CHANNEL_STATUS, id).stream()
                .map(r -> json(r).path("status").asText())
                .toList();
    }

    private static ValidatableResponse patch(String account, String id, String body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/channels/{id}", id)
                .then();
    }

    private static ValidatableResponse action(String account, String id, String action) {
        return given().auth()
                .oauth2(token(account))
                .post("/v1/channels/{id}/actions/{action}", id, action)
                .then();
    }

    private static ValidatableResponse list(String account, String query) {
        return given().auth().oauth2(token(account)).get("/v1/channels" + query).then();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
