package io.switchboard.contracts.chat;

import java.time.Instant;

/**
 * {@code chat.system-messages.v1}: a system message shown inside a client's chat, keyed by channelId.
 *
 * @param text the full text, prefixed {@code === SYSTEM <brand> ===}
 */
public record ChatSystemMessage(
        String id,
        String channelId,
        String accountId,
        String chatId,
        SystemMessageKind kind,
        String text,
        Instant occurredAt) {}
