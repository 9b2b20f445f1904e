package io.switchboard.channel;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.channel.billing.AccountBillings;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel statuses and provider webhooks (docs/product/channel-statuses.md, docs/product/provider-webhooks.md):
 * session, QR, phone and billing events move the effective status; state can be rebuilt.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ProviderAndBillingEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG =
            Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    private TopicRecorder topics;

    @Inject
    AccountBillings billings;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS, Topics.PROVIDER_EVENTS);
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void sessionQrAndPhoneEventsFollowTheSeeds() {
        String id = createChannel("acme");
        String secret = webhookSecret(id);
        health(id, secret, "QR", 3).statusCode(200);
        long expires = Instant.now().plusSeconds(60).getEpochSecond();
        webhook(id, secret, qr(PNG, expires)).statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().auth()
                                .oauth2(token("acme"))
                                .get("/v1/channels/{id}/qr", id)
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        given().auth()
                .oauth2(token("acme"))
                .accept("application/json")
                .get("/v1/channels/{id}/qr", id)
                .then()
                .body("imageBase64", equalTo(PNG))
                .body("expired", equalTo(false));
        byte[] png = given().auth()
                .oauth2(token("acme"))
                .accept("image/png")
                .get("/v1/channels/{id}/qr", id)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertThat(png).startsWith((byte) 0x89, (byte) 'P');
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/qr", id)
                .then()
                .statusCode(404);

        // The QR expires: announced, still QR_REQUIRED, with the reason.
        webhook(id, secret, qr(PNG, Instant.now().minusSeconds(1).getEpochSecond()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("QR expired")));
        assertThat(status("acme", id)).isEqualTo("QR_REQUIRED");

        // Scanned: AUTH, then the session event names the WhatsApp account.
        health(id, secret, "AUTH", 4).statusCode(200);
        webhook(id, secret, user("post", "61371989950")).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/qr", id)
                .then()
                .statusCode(404);

        // Phone off: PHONE_UNAVAILABLE (messages are queued); back online, then AUTH: ACTIVE.
        webhook(id, secret, phone("offline")).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PHONE_UNAVAILABLE".equals(status("acme", id)));
        ChannelApi.get("acme", id).body("sendPolicy", equalTo("QUEUE")).body("requiredAction", equalTo("CHECK_PHONE"));
        webhook(id, secret, phone("online")).statusCode(200);
        health(id, secret, "AUTH", 40).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", id)));

        // Opened in WhatsApp Web elsewhere: the service takes the number back itself, STARTING meanwhile
        // (the attempts and their failure are WatchdogTest's).
        webhook(id, secret, "{\"event\":{\"type\":\"channel\",\"event\":\"conflict\"},\"channel_id\":\"SIM-TEST01\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "STARTING".equals(status("acme", id)));
        // The event reaches the topic through the outbox, a moment after the state is visible.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(id))
                        .last()
                        .satisfies(e -> assertThat(e.path("detail").asText())
                                .startsWith(
                                        "the number was opened in WhatsApp Web elsewhere: taking the number back")));

        // Logged out from the phone: the QR again.
        health(id, secret, "AUTH", 50).statusCode(200);
        webhook(id, secret, user("delete", "61371989950")).statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("logged out")));
        assertThat(status("acme", id)).isEqualTo("QR_REQUIRED");

        // An event type nobody knows is kept on the topic and changes nothing.
        int before = events(id).size();
        webhook(id, secret, "{\"event\":{\"type\":\"labels\",\"event\":\"post\"},\"channel_id\":\"SIM-TEST01\"}")
                .statusCode(200)
                .body("type", equalTo("UNKNOWN"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.PROVIDER_EVENTS, id).stream()
                        .anyMatch(r -> "UNKNOWN".equals(json(r).path("type").asText())));
        assertThat(events(id)).hasSize(before);
    }

    @Test
    void anUnpaidAccountStopsEveryChannelAndAPaymentReturnsEachToItsLiveStatus() {
        String account = "billing-" + UUID.randomUUID();
        String active = createChannel(account);
        String waiting = createChannel(account);
        String off = createChannel(account);
        health(active, webhookSecret(active), "AUTH", 4).statusCode(200);
        health(waiting, webhookSecret(waiting), "QR", 3).statusCode(200);
        given().auth()
                .oauth2(token(account))
                .post("/v1/channels/{id}/actions/disable", off)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        "ACTIVE".equals(status(account, active)) && "QR_REQUIRED".equals(status(account, waiting)));

        billing(account, BillingAccountState.NOT_PAID, "0.00", 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "NOT_PAID".equals(status(account, active)) && "NOT_PAID".equals(status(account, waiting)));
        assertThat(status(account, off)).isEqualTo("DISABLED"); // DISABLED wins over NOT_PAID
        ChannelApi.get(account, active)
                .body("sendPolicy", equalTo("QUEUE"))
                .body("requiredAction", equalTo("TOP_UP_BALANCE"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(active))
                        .last()
                        .satisfies(e -> assertThat(e.path("cause").asText()).isEqualTo("BILLING")));

        // A channel created while the account is unpaid starts NOT_PAID.
        String late = createChannel(account);
        assertThat(status(account, late)).isEqualTo("NOT_PAID");

        // The payment returns each channel to its own live status.
        billing(account, BillingAccountState.PAID, "10.00", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status(account, active)));
        assertThat(status(account, waiting)).isEqualTo("QR_REQUIRED");
        assertThat(status(account, late)).isEqualTo("STARTING");
        assertThat(status(account, off)).isEqualTo("DISABLED");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(active))
                        .extracting(e -> e.path("status").asText())
                        .containsExactly("STARTING", "ACTIVE", "NOT_PAID", "ACTIVE"));

        // An older billing event arriving late changes nothing (the newer one after it shows it was processed).
        billing(account, BillingAccountState.NOT_PAID, "0.00", 1);
        billing(account, BillingAccountState.LOW_BALANCE, "1.00", 3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> billings.findByIdOptional(account)
                                .map(b -> b.version == 3)
                                .orElse(false)));
        assertThat(status(account, active)).isEqualTo("ACTIVE");
        assertThat(events(active)).hasSize(4);
    }

    @Test
    void everyChannelsStateCanBeRebuiltFromTheStateTopicAlone() {
        String account = "rebuild-" + UUID.randomUUID();
        String a = createChannel(account);
        String b = createChannel(account);
        health(a, webhookSecret(a), "AUTH", 4).statusCode(200);
        given().auth()
                .oauth2(token(account))
                .contentType("application/json")
                .body("{\"name\":\"Renamed\"}")
                .patch("/v1/channels/{id}", b)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status(account, a)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JsonNode> rebuilt = readWholeStateTopic();
            for (String id : List.of(a, b)) {
                JsonNode live =
                        JSON.readTree(ChannelApi.get(account, id).extract().asString());
                JsonNode state = rebuilt.get(id);
                assertThat(state).as("state of " + id).isNotNull();
                assertThat(state.path("version").asLong())
                        .isEqualTo(live.path("version").asLong());
                assertThat(state.path("status").asText())
                        .isEqualTo(live.path("status").asText());
                assertThat(state.path("name").asText())
                        .isEqualTo(live.path("name").asText());
                assertThat(state.path("phone").asText())
                        .isEqualTo(live.path("phone").asText());
                assertThat(state.path("sendPolicy").asText())
                        .isEqualTo(live.path("sendPolicy").asText());
            }
        });
    }

    /** A new consumer reading channel.state.v1 from the beginning, keeping the last state of each key. */
    private static Map<String, JsonNode> readWholeStateTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHANNEL_STATE).stream()
                    .map(p -> new TopicPartition(Topics.CHANNEL_STATE, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<String, JsonNode> state = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    state.put(record.key(), json(record));
                }
            }
            return state;
        }
    }

    private static void billing(String account, BillingAccountState state, String balance, long version) {
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.BILLING_ACCOUNT,
                    account,
                    Streams.BILLING_ACCOUNT.type(),
                    new BillingAccountChanged(account, state, balance, "USD", null, version, Instant.now(), "UTC"));
        }
    }

    private List<JsonNode> events(String channelId) {
        return topics.on(Topics.CHANNEL_STATUS, channelId).stream()
                .map(ProviderAndBillingEventsTest::json)
                .toList();
    }

    private static String qr(String image, long expire) {
        return "{\"qr\":{\"base64\":\"" + image + "\",\"expire\":" + expire + ",\"status\":\"active\"},"
                + "\"event\":{\"type\":\"channel\",\"event\":\"patch\"},\"channel_id\":\"SIM-TEST01\"}";
    }

    private static String user(String event, String userId) {
        return "{\"user\":{\"id\":\"" + userId + "\",\"name\":\"Jonathan\"},\"event\":{\"type\":\"users\",\"event\":\""
                + event + "\"},\"channel_id\":\"SIM-TEST01\",\"timestamp\":" + System.nanoTime() + "}";
    }

    private static String phone(String event) {
        return "{\"event\":{\"type\":\"phone\",\"event\":\"" + event
                + "\"},\"channel_id\":\"SIM-TEST01\",\"timestamp\":" + System.nanoTime() + "}";
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
