package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import java.time.Instant;

/**
 * A message as the API shows it.
 *
 * @param heldBy the channel status that holds it (or held it, once EXPIRED)
 * @param attempts how often it was handed to the provider
 */
record MessageView(
        String id,
        String channelId,
        String chatId,
        String text,
        MessageState state,
        String reason,
        ChannelStatus heldBy,
        String providerMessageId,
        String errorCode,
        int attempts,
        String idempotencyKey,
        FirstContact firstContact,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public static MessageView of(StoredMessage message) {
        return new MessageView(
                message.id(),
                message.channelId(),
                message.chatId(),
                message.text(),
                message.state(),
                message.reason(),
                message.heldBy(),
                message.providerMessageId(),
                message.errorCode(),
                message.attempts(),
                message.idempotencyKey(),
                message.firstContact(),
                message.expiresAt(),
                message.createdAt(),
                message.updatedAt());
    }
}
