package io.switchboard.channel;

import static io.switchboard.channel.ChannelApi.webhook;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import java.time.Instant;
import java.util.UUID;

/** A channel's sends and receipts as the delivery facts learn them: the queue's SENT events, the provider's webhooks. */
final class DeliveryTraffic {

    private DeliveryTraffic() {}

    /** message-queue-service's SENT of a message the provider accepted, on {@code message.status.v1}. */
    static void sent(String account, String channel, String providerMessageId, String chatId) {
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.MESSAGE_STATUS,
                    channel,
                    Streams.MESSAGE_STATUS.type(),
                    new MessageStatusChanged(
                            UUID.randomUUID().toString(),
                            channel,
                            account,
                            chatId,
                            MessageState.DISPATCHING,
                            MessageState.SENT,
                            null,
                            providerMessageId,
                            null,
                            Instant.now(),
                            null,
                            null));
        }
    }

    /** The provider's receipt webhook ({@code statuses.post}) of one message. */
    static void receipt(String channel, String secret, String providerMessageId, String status) {
        webhook(channel, secret, """
                {"statuses":[{"id":"%s","code":2,"status":"%s","recipient_id":"14155550101","timestamp":"1713891930"}],
                 "event":{"type":"statuses","event":"post"},"channel_id":"SIM-XYZ"}""".formatted(providerMessageId, status)).statusCode(200);
    }

    /** A client's message to the channel ({@code messages.post}). */
    static void inbound(String channel, String secret, String from) {
        webhook(channel, secret, """
                {"messages":[{"id":"in-%s","from_me":false,"type":"text","chat_id":"%s@s.whatsapp.net",
                  "timestamp":1713891930,"source":"mobile","text":{"body":"hi"},"from":"%s"}],
                 "event":{"type":"messages","event":"post"},"channel_id":"SIM-XYZ"}""".formatted(UUID.randomUUID(), from, from)).statusCode(200);
    }
}
