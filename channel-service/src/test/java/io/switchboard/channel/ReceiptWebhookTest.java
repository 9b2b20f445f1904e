package io.switchboard.channel;

import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.webhook;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The provider's {@code statuses} webhooks become typed receipts on {@code provider.events.v1} for the queue. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ReceiptWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStatusesWebhookIsNormalisedIntoReceiptsAndChangesNoChannel() throws Exception {
        try (TopicRecorder topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.PROVIDER_EVENTS, Topics.CHANNEL_STATUS)) {
            String channel = createChannel("acme");
            String secret = webhookSecret(channel);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.CHANNEL_STATUS, channel).size() == 1);
            webhook(channel, secret, """
                    {"statuses":[
                      {"id":"PsqXn5SAD5v7HRA-wHqB9tMeHSQ","code":3,"status":"delivered","recipient_id":"14155550199","timestamp":"1713891930"},
                      {"id":"PsobWy36679._7w-wKmB9tMeGQ","code":4,"status":"read","recipient_id":"14155550199","timestamp":1713891931},
                      {"id":"Pso-failed","status":"failed","recipient_id":"14155550199","errors":[{"code":131026,"title":"Message undeliverable"}]},
                      {"id":"Pso-odd","status":"sparkling"},
                      {"status":"read"}],
                     "event":{"type":"statuses","event":"post"},"channel_id":"SIM-XYZ"}""").statusCode(200).body("type", equalTo("MESSAGE_STATUS"));
            webhook(channel, secret, "{\"statuses\":[],\"event\":{\"type\":\"statuses\",\"event\":\"post\"}}")
                    .statusCode(200)
                    .body("type", equalTo("UNKNOWN"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.PROVIDER_EVENTS, channel).size() == 2);
            JsonNode event = JSON.readTree(
                    topics.on(Topics.PROVIDER_EVENTS, channel).get(0).value());
            assertThat(event.path("type").asText()).isEqualTo("MESSAGE_STATUS");
            JsonNode receipts = event.path("receipts");
            assertThat(receipts).hasSize(4);
            assertThat(receipts.get(0).path("providerMessageId").asText()).isEqualTo("PsqXn5SAD5v7HRA-wHqB9tMeHSQ");
            assertThat(receipts.get(0).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(receipts.get(0).path("occurredAt").asText()).isEqualTo("2024-04-23T17:05:30Z");
            assertThat(receipts.get(1).path("status").asText()).isEqualTo("READ");
            assertThat(receipts.get(2).path("status").asText()).isEqualTo("FAILED");
            assertThat(receipts.get(2).path("errorCode").asText()).isEqualTo("131026");
            assertThat(receipts.get(2).path("errorText").asText()).isEqualTo("Message undeliverable");
            assertThat(receipts.get(3).path("status").asText()).isEqualTo("UNKNOWN");
            // Only the channel's creation is a status change; receipts change no channel.
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> topics.on(Topics.CHANNEL_STATUS, channel).size() == 1);
        }
    }

    @Test
    void aMessagesWebhookIsNormalisedIntoTheChatsClientsWroteIn() throws Exception {
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.PROVIDER_EVENTS)) {
            String channel = createChannel("acme");
            String secret = webhookSecret(channel);
            webhook(channel, secret, """
                    {"messages":[
                      {"id":"in-1","from_me":false,"type":"text","chat_id":"14155550199@s.whatsapp.net","timestamp":1713891930,
                       "source":"mobile","text":{"body":"Where is my order?"},"from":"14155550199","from_name":"Ann"},
                      {"id":"echo-1","from_me":true,"type":"text","chat_id":"14155550199@s.whatsapp.net","from":"61371989950"},
                      {"id":"group-1","from_me":false,"type":"text","chat_id":"120363044@g.us","from":"14155550198"}],
                     "event":{"type":"messages","event":"post"},"channel_id":"SIM-XYZ"}""").statusCode(200).body("type", equalTo("MESSAGE_RECEIVED"));
            // Only the business's own message echoed: nothing a client wrote.
            webhook(channel, secret, """
                    {"messages":[{"id":"echo-2","from_me":true,"type":"text","chat_id":"14155550199@s.whatsapp.net",
                     "from":"61371989950"}],"event":{"type":"messages","event":"post"}}""").statusCode(200).body("type", equalTo("UNKNOWN"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.PROVIDER_EVENTS, channel).size() == 2);
            JsonNode event = JSON.readTree(
                    topics.on(Topics.PROVIDER_EVENTS, channel).get(0).value());
            assertThat(event.path("inbound")).hasSize(1);
            JsonNode inbound = event.path("inbound").get(0);
            assertThat(inbound.path("providerMessageId").asText()).isEqualTo("in-1");
            assertThat(inbound.path("chatId").asText()).isEqualTo("14155550199@s.whatsapp.net");
            assertThat(inbound.path("from").asText()).isEqualTo("+14155550199");
            assertThat(inbound.path("messageType").asText()).isEqualTo("text");
            assertThat(inbound.path("sentAt").asText()).isEqualTo("2024-04-23T17:05:30Z");
            // The typed part says who wrote where; what was written stays only in raw, the body as received.
            assertThat(inbound.toString()).doesNotContain("Where is my order");
        }
    }

    @Test
    void aCallsWebhookIsNormalisedIntoTheCallsClientsMade() throws Exception {
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.PROVIDER_EVENTS)) {
            String channel = createChannel("acme");
            String secret = webhookSecret(channel);
            webhook(channel, secret, """
                    {"calls":[
                      {"id":"call-1","from":"14155550199","chat_id":"14155550199@s.whatsapp.net","status":"offer",
                       "video":false,"timestamp":1713891930},
                      {"id":"call-2","from":"+1 415 555 0198","status":"offer","video":true},
                      {"id":"","from":"14155550197"},
                      {"id":"call-3","from_me":true,"from":"61371989950"}],
                     "event":{"type":"calls","event":"post"},"channel_id":"SIM-XYZ"}""").statusCode(200).body("type", equalTo("CALL"));
            webhook(channel, secret, """
                    {"calls":[{"id":"call-4","from":"not a number"}],"event":{"type":"calls","event":"post"}}""").statusCode(200).body("type", equalTo("UNKNOWN"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.PROVIDER_EVENTS, channel).size() == 2);
            JsonNode calls = JSON.readTree(
                            topics.on(Topics.PROVIDER_EVENTS, channel).get(0).value())
                    .path("calls");
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).path("callId").asText()).isEqualTo("call-1");
            assertThat(calls.get(0).path("from").asText()).isEqualTo("+14155550199");
            assertThat(calls.get(0).path("chatId").asText()).isEqualTo("14155550199@s.whatsapp.net");
            assertThat(calls.get(0).path("video").asBoolean()).isFalse();
            assertThat(calls.get(0).path("at").asText()).isEqualTo("2024-04-23T17:05:30Z");
            assertThat(calls.get(1).path("from").asText()).isEqualTo("+14155550198");
            assertThat(calls.get(1).path("chatId").asText()).isEqualTo("14155550198@s.whatsapp.net");
            assertThat(calls.get(1).path("video").asBoolean()).isTrue();
            assertThat(calls.get(1).path("at").isNull()).isTrue();
        }
    }
}
