package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.queue.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A row of {@code outbound_message}: a message accepted for a channel, sent in acceptance order ({@code seq}), ending
 * in one end state.
 *
 * @param attempts attempts at the provider
 * @param failedAttempts those of them that failed (an error or no answer): the retry budget used
 * @param history the message's state changes, a JSON array of {@code {state, reason, heldBy, errorCode, at}}
 * @param template a template message's Meta template object (name, language, components); null for text
 */
public record StoredMessage(
        String id,
        long seq,
        String accountId,
        String channelId,
        String chatId,
        String text,
        MessageState state,
        String reason,
        ChannelStatus heldBy,
        String providerMessageId,
        String errorCode,
        int attempts,
        int failedAttempts,
        String idempotencyKey,
        String requestHash,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        FirstContact firstContact,
        String dispatchToken,
        String history,
        String template) {

    /** Every column; {@code SELECT COLUMNS FROM outbound_message m}. */
    public static final String COLUMNS = """
            m.id, m.seq, m.account_id, m.channel_id, m.chat_id, m.text, m.state, m.reason, m.held_by,
            m.provider_message_id, m.error_code, m.attempts, m.failed_attempts, m.idempotency_key, m.request_hash, m.expires_at,
            m.created_at, m.updated_at, m.first_contact, m.dispatch_token, m.history, m.template""";

    public static StoredMessage read(ResultSet row) throws SQLException {
        String heldBy = row.getString("held_by");
        String firstContact = row.getString("first_contact");
        return new StoredMessage(
                row.getString("id"),
                row.getLong("seq"),
                row.getString("account_id"),
                row.getString("channel_id"),
                row.getString("chat_id"),
                row.getString("text"),
                MessageState.valueOf(row.getString("state")),
                row.getString("reason"),
                heldBy == null ? null : ChannelStatus.valueOf(heldBy),
                row.getString("provider_message_id"),
                row.getString("error_code"),
                row.getInt("attempts"),
                row.getInt("failed_attempts"),
                row.getString("idempotency_key"),
                row.getString("request_hash"),
                Jdbc.instant(row, "expires_at"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"),
                firstContact == null ? null : FirstContact.valueOf(firstContact),
                row.getString("dispatch_token"),
                row.getString("history"),
                row.getString("template"));
    }

    /** Still to be sent: held or on its way. */
    public boolean pending() {
        return state == MessageState.QUEUED || state == MessageState.FROZEN || state == MessageState.DISPATCHING;
    }
}
