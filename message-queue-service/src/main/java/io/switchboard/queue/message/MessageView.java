package io.switchboard.queue.message;

import io.switchboard.contracts.message.MessageState;
import java.time.Instant;

/** A message as the API shows it. */
public record MessageView(String id, String channelId, String chatId, String text, MessageState state, String reason,
        String providerMessageId, String errorCode, Instant createdAt, Instant updatedAt) {

    public static MessageView of(OutboundMessage message) {
        return new MessageView(message.id, message.channelId, message.chatId, message.text, message.state,
                message.reason, message.providerMessageId, message.errorCode, message.createdAt, message.updatedAt);
    }
}
