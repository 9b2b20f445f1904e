package io.switchboard.contracts.message;

import io.switchboard.contracts.channel.ChannelStatus;
import java.time.Instant;

/**
 * {@code message.status.v1}: one state change of an outbound message, keyed by channelId.
 *
 * @param previousState null when the message was just accepted
 * @param reason why it is in this state (e.g. the channel status that froze it), may be null
 * @param providerMessageId the provider's id once sent, else null
 * @param errorCode the provider's error code when FAILED (or NO_WHATSAPP_ACCOUNT, PROVIDER_UNAVAILABLE), else null
 * @param heldBy the channel status that holds it (FROZEN) or held it (EXPIRED, and a message re-frozen by the
 *        provider's 401), else null
 * @param firstContact on the event that follows the contact check of a chat the business began: what the check said;
 *        else null
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
        Instant occurredAt,
        ChannelStatus heldBy,
        FirstContact firstContact) {}
