package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ChannelLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(),
                Topics.CHANNEL_STATUS,
                Topics.CHANNEL_STATE,
                Topics.PROVIDER_EVENTS);
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void aNewChannelStartsThenAsksForTheQrThenBecomesActive() {
        String phone = ChannelApi.freshPhone();
        String id = ChannelApi.create("acme", phone, "Sales")
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/channels/"))
                .body("phone", equalTo(phone))
                .body("name", equalTo("Sales"))
                .body("status", equalTo("STARTING"))
                .body("sendPolicy", equalTo("QUEUE"))
                .body("requiredAction", equalTo("WAIT"))
                .body("version", equalTo(1))
                .extract()
                .path("id");

        String secret = webhookSecret(id);
        health(id, secret, "INIT", 1).statusCode(200);
        health(id, secret, "LAUNCH", 2).statusCode(200);
        health(id, secret, "QR", 3).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QR_REQUIRED".equals(status("acme", id)));

        ChannelApi.get("acme", id)
                .body("sendPolicy", equalTo("REJECT"))
                .body("requiredAction", equalTo("SCAN_QR"))
                .body("providerChannelId", equalTo(ProviderStub.PROVIDER_CHANNEL_ID));

        health(id, secret, "AUTH", 4).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));

        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(3))
                .body("items[0].version", equalTo(1))
                .body("items[0].previousStatus", nullValue())
                .body("items[0].status", equalTo("STARTING"))
                .body("items[0].cause", equalTo("USER_ACTION"))
                .body("items[1].version", equalTo(2))
                .body("items[1].previousStatus", equalTo("STARTING"))
                .body("items[1].status", equalTo("QR_REQUIRED"))
                .body("items[1].cause", equalTo("PROVIDER_EVENT"))
                .body("items[2].version", equalTo(3))
                .body("items[2].status", equalTo("ACTIVE"))
                .body("total", equalTo(3))
                .body("uptime24h.ratio", org.hamcrest.Matchers.greaterThan(0f))
                .body("uptime7d.ratio", org.hamcrest.Matchers.lessThan(1f))
                .body(
                        "statusSince",
                        equalTo(given().auth()
                                .oauth2(token("acme"))
                                .get("/v1/channels/{id}/history", id)
                                .then()
                                .extract()
                                .path("items[2].occurredAt")));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history?size=2&page=1", id)
                .then()
                .statusCode(200)
                .body("items.version", equalTo(List.of(3)))
                .body("total", equalTo(3));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history?size=0", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // One channel.status.v1 event per effective change, in order, as CloudEvents keyed by the channel id.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.CHANNEL_STATUS, id).size() == 3);
        List<ConsumerRecord<String, String>> events = topics.on(Topics.CHANNEL_STATUS, id);
        assertThat(events)
                .extracting(r -> json(r).path("status").asText())
                .containsExactly("STARTING", "QR_REQUIRED", "ACTIVE");
        assertThat(events).extracting(r -> json(r).path("version").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode active = json(events.get(2));
        assertThat(active.path("previousStatus").asText()).isEqualTo("QR_REQUIRED");
        assertThat(active.path("sendPolicy").asText()).isEqualTo("SEND");
        assertThat(active.path("requiredAction").asText()).isEqualTo("NONE");
        assertThat(active.path("accountId").asText()).isEqualTo("acme");
        assertThat(TopicRecorder.header(events.get(2), "ce_type")).contains(Streams.CHANNEL_STATUS.type());
        assertThat(TopicRecorder.header(events.get(2), "ce_source")).contains("//switchboard/channel-service");
        assertThat(TopicRecorder.header(events.get(2), "ce_subject")).contains(id);
        assertThat(TopicRecorder.header(events.get(2), "ce_id")).isPresent();

        // The compacted state topic ends with the full current state.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.CHANNEL_STATE, id).stream()
                        .anyMatch(r -> json(r).path("version").asLong() == 3));
        JsonNode state = json(topics.on(Topics.CHANNEL_STATE, id)
                .get(topics.on(Topics.CHANNEL_STATE, id).size() - 1));
        assertThat(state.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(state.path("connectionStatus").asText()).isEqualTo("ACTIVE");
        assertThat(state.path("phone").asText()).isEqualTo(phone);

        // Every webhook went through provider.events.v1 first.
        assertThat(topics.on(Topics.PROVIDER_EVENTS, id)).hasSize(4);
    }

    @Test
    void aRepeatedWebhookIsAppliedOnceAndAnOlderHealthDoesNotMoveTheStatusBack() {
        String id = createChannel("acme");
        String secret = webhookSecret(id);
        health(id, secret, "QR", 10).statusCode(200);
        health(id, secret, "QR", 10).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QR_REQUIRED".equals(status("acme", id)));

        health(id, secret, "AUTH", 20).statusCode(200);
        health(id, secret, "LAUNCH", 15).statusCode(200); // overtaken: sent before AUTH, arrived after
        health(id, secret, "AUTH", 20).statusCode(200); // redelivered
        health(id, secret, "QR", 30).statusCode(200); // a later change, to know the ones before were processed
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.CHANNEL_STATUS, id).size() == 4);

        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of("STARTING", "QR_REQUIRED", "ACTIVE", "QR_REQUIRED")));
        assertThat(topics.on(Topics.CHANNEL_STATUS, id))
                .extracting(r -> json(r).path("status").asText())
                .containsExactly("STARTING", "QR_REQUIRED", "ACTIVE", "QR_REQUIRED");
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
