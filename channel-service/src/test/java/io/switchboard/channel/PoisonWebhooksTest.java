package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.webhook;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.platform.events.DeadLetters;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One tenant cannot stall another: an account admin who holds its own channel's webhook secret posts webhooks that
 * can never be applied. They are refused at the door (400) and never reach the topic; one that reached the topic
 * anyway (written before the ingress checked it) is retried a few times and dead-lettered with its error. Another
 * account's channels, on the same partition, reach their statuses within seconds, and readiness stays UP.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class PoisonWebhooksTest {

    private static final String PNG = "iVBORw0KGgo=";
    private TopicRecorder topics;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.dlq(Topics.PROVIDER_EVENTS));
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void badWebhooksOfOneAccountAreRefusedOrDeadLetteredAndAnotherAccountsChannelsOnTheSamePartitionGoOn() {
        String attacker = ChannelApi.createChannel("tenant-mallory");
        String secret = webhookSecret(attacker);
        List<String> victims = channelsOnThePartitionOf(attacker, "tenant-alice", 3);

        // The webhooks of the finding: refused at the door, nothing written.
        webhook(attacker, secret, qr(PNG, 99_999_999_999_999L))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-webhook"))
                .body("detail", containsString("out of range"));
        webhook(attacker, secret, statuses("x".repeat(100_000), "delivered", null))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-webhook"))
                .body("violations", hasItem(containsString("providerMessageId")));
        webhook(
                        attacker,
                        secret,
                        qr("not base64 at all!", Instant.now().plusSeconds(60).getEpochSecond()))
                .statusCode(400)
                .body("detail", containsString("base64 PNG"));
        // A provider's error text of 10,000 characters is text, not an identifier: kept, cut to fit.
        webhook(attacker, secret, statuses("wamid-1", "failed", "e".repeat(10_000)))
                .statusCode(200);

        // An event that reached the topic anyway (an older ingress wrote it): the database refuses its instant.
        String poisonId = UUID.randomUUID().toString();
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publishRaw(Topics.PROVIDER_EVENTS, attacker, poisonId, Streams.PROVIDER_EVENTS.type(), """
                    {"eventId":"%s","deliveryKey":"%s","channelId":"%s","accountId":"tenant-mallory",
                     "providerChannelId":null,"type":"QR","providerEventName":"channel.patch","receivedAt":"%s",
                     "health":null,"qr":{"imageBase64":"%s","expiresAt":"+3170843-11-29T10:13:19Z"},"user":null,
                     "raw":"{}"}""".formatted(
                            poisonId, poisonId, attacker, Instant.now(), PNG));
        }
        for (String victim : victims) {
            health(victim, webhookSecret(victim), "AUTH", 10).statusCode(200);
        }

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertReady();
                    for (String victim : victims) {
                        assertThat(status("tenant-alice", victim))
                                .as("status of %s", victim)
                                .isEqualTo("ACTIVE");
                    }
                });
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), attacker).size() == 1);
        ConsumerRecord<String, String> dead =
                topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), attacker).get(0);
        assertThat(TopicRecorder.header(dead, "ce_id")).contains(poisonId);
        assertThat(TopicRecorder.header(dead, DeadLetters.CAUSE).orElseThrow()).contains("out of range");
        assertThat(TopicRecorder.header(dead, DeadLetters.ATTEMPTS)).contains("5");
        assertThat(TopicRecorder.header(dead, DeadLetters.CONSUMER)).contains("provider-events");
        assertReady();
    }

    /** Channels of {@code account} whose events share a partition of provider.events.v1 with {@code channelId}. */
    private static List<String> channelsOnThePartitionOf(String channelId, String account, int count) {
        List<String> found = new ArrayList<>();
        for (int tries = 0; found.size() < count; tries++) {
            assertThat(tries)
                    .as("channels created to find %d on one partition", count)
                    .isLessThan(200);
            String id = ChannelApi.createChannel(account);
            if (partition(id) == partition(channelId)) {
                found.add(id);
            }
        }
        return found;
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.DEFAULT_PARTITIONS;
    }

    private static void assertReady() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String qr(String image, long expire) {
        return "{\"qr\":{\"base64\":\"" + image + "\",\"expire\":" + expire + ",\"status\":\"active\"},"
                + "\"event\":{\"type\":\"channel\",\"event\":\"patch\"},\"channel_id\":\""
                + ProviderStub.PROVIDER_CHANNEL_ID
                + "\"}";
    }

    private static String statuses(String messageId, String status, String errorText) {
        String error = errorText == null ? "" : ",\"errors\":[{\"code\":131026,\"message\":\"" + errorText + "\"}]";
        return "{\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"" + status
                + "\",\"recipient_id\":\"61412345678\","
                + "\"timestamp\":\"1713774883\"" + error + "}],\"event\":{\"type\":\"statuses\",\"event\":\"post\"},"
                + "\"channel_id\":\"" + ProviderStub.PROVIDER_CHANNEL_ID + "\"}";
    }
}
