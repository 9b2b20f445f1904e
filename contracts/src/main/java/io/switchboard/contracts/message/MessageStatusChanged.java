package io.switchboard.contracts.message;

import java.time.Instant;

/**
 * {@code message.status.v1}: one state change of an outbound message, keyed by channelId.
 *
 * @param previousState null when the message was just accepted
 * @param reason why it is in this state (e.g. the channel status that froze it), may be null
 * @param providerMessageId the provider's id once sent, else null
 * @param errorCode the provider's error code when FAILED, else null
 */
public record MessageStatusChanged(
        String messageId,
        String channelId,
        String accountId,
        String chatId,
        MessageState previousState,
        MessageState state,
        String reason,
        String providerMessageId,
        String errorCode,
        Instant occurredAt) {
}
