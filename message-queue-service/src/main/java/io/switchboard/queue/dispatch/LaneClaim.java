package io.switchboard.queue.dispatch;

import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.channel.ChannelLane;
import java.util.List;

/**
 * A run of one channel's messages this replica may send now, in this order: the lane is leased to it under
 * {@code token}, and so is each message (DISPATCHING with that token).
 */
record LaneClaim(ChannelLane lane, AccountSettings settings, String token, List<ClaimedMessage> messages) {

    /**
     * @param failedAttempts attempts at the provider that failed before this one (its retry budget used)
     * @param contactKnown the chat is known to have WhatsApp (or checks are off); otherwise the run checks it first
     * @param template a Cloud API template message's Meta template object (JSON); null for text
     * @param opensConversation sent, it begins a conversation that counts against the number's messaging limit
     */
    record ClaimedMessage(
            String id,
            long seq,
            String chatId,
            String text,
            int failedAttempts,
            boolean contactKnown,
            String template,
            boolean opensConversation) {}
}
