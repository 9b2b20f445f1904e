package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stored messages ({@code outbound_message}). */
@ApplicationScoped
class Messages {

    private static final String INSERT = """
            INSERT INTO outbound_message (id, account_id, channel_id, chat_id, text, state, reason, held_by,
                idempotency_key, request_hash, expires_at, created_at, updated_at, attempts, history, template)
            SELECT u.id, u.account_id, u.channel_id, u.chat_id, u.text, u.state, u.reason, u.held_by, u.idempotency_key,
                u.request_hash, u.expires_at::timestamptz, ?::timestamptz, ?::timestamptz, 0,
                jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('state', u.state, 'reason', u.reason,
                    'heldBy', u.held_by, 'at', ?::varchar))), u.template::jsonb
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[],
                        ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[])
                WITH ORDINALITY AS u(id, account_id, channel_id, chat_id, text, state, reason, held_by, idempotency_key,
                                     request_hash, expires_at, template, n)
            ORDER BY u.n
            ON CONFLICT (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id, seq""";

    /** A message to store: its first state and why. */
    public record NewMessage(
            String id,
            String accountId,
            String channelId,
            String chatId,
            String text,
            MessageState state,
            String reason,
            ChannelStatus heldBy,
            String idempotencyKey,
            String requestHash,
            Instant expiresAt,
            String template) {}

    private final Jdbc jdbc;

    public Messages(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the messages (of any channels) in one statement, in the given order (their acceptance order); a message
     * whose idempotency key another transaction has just stored is left out. Answers the seq of each message stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> insertAll(List<NewMessage> messages, Instant at) {
        Map<String, Long> stored = new HashMap<>();
        if (messages.isEmpty()) {
            return stored;
        }
        String now = at.toString();
        jdbc.query(
                INSERT,
                p -> p.string(now)
                        .string(now)
                        .string(now)
                        .strings(messages.stream().map(NewMessage::id).toList())
                        .strings(messages.stream().map(NewMessage::accountId).toList())
                        .strings(messages.stream().map(NewMessage::channelId).toList())
                        .strings(messages.stream().map(NewMessage::chatId).toList())
                        .strings(messages.stream().map(NewMessage::text).toList())
                        .strings(messages.stream().map(m -> m.state().name()).toList())
                        .strings(messages.stream().map(NewMessage::reason).toList())
                        .strings(messages.stream()
                                .map(m -> m.heldBy() == null ? null : m.heldBy().name())
                                .toList())
                        .strings(messages.stream()
                                .map(NewMessage::idempotencyKey)
                                .toList())
                        .strings(messages.stream().map(NewMessage::requestHash).toList())
                        .strings(messages.stream()
                                .map(m -> m.expiresAt().toString())
                                .toList())
                        .strings(messages.stream().map(NewMessage::template).toList()),
                row -> stored.put(row.getString("id"), row.getLong("seq")));
        return stored;
    }

    /** The account's messages stored under these idempotency keys, by key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, StoredMessage> byIdempotencyKeys(String accountId, Collection<String> keys) {
        Map<String, StoredMessage> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.query(
                        "SELECT " + StoredMessage.COLUMNS
                                + " FROM outbound_message m WHERE m.account_id = ? AND m.idempotency_key = ANY (?)",
                        p -> p.string(accountId).strings(keys),
                        StoredMessage::read)
                .forEach(message -> found.put(message.idempotencyKey(), message));
        return found;
    }

    /** The account's message, or 404: unknown and another account's messages look the same. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredMessage ofAccount(String accountId, String messageId) {
        return jdbc.first(
                        "SELECT " + StoredMessage.COLUMNS
                                + " FROM outbound_message m WHERE m.id = ? AND m.account_id = ?",
                        p -> p.string(messageId).string(accountId),
                        StoredMessage::read)
                .orElseThrow(() -> ProblemException.notFound("Message", messageId));
    }

    /** A page of the channel's messages not yet sent, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredMessage> pendingPage(String channelId, int page, int size) {
        return jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = ? AND m.state IN ('QUEUED', 'FROZEN', 'DISPATCHING')
                ORDER BY m.seq LIMIT ? OFFSET ?""",
                p -> p.string(channelId).integer(size).longValue((long) page * size),
                StoredMessage::read);
    }

    /** How many of the channel's messages wait in each pending state, and since when the oldest of each does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<MessageState, PendingCount> pendingCounts(String channelId) {
        Map<MessageState, PendingCount> counts = new EnumMap<>(MessageState.class);
        jdbc.query(
                """
                SELECT state, count(*) AS n, min(created_at) AS oldest FROM outbound_message
                WHERE channel_id = ? AND state IN ('QUEUED', 'FROZEN', 'DISPATCHING') GROUP BY state""",
                p -> p.string(channelId),
                row -> counts.put(
                        MessageState.valueOf(row.getString("state")),
                        new PendingCount(row.getLong("n"), Jdbc.instant(row, "oldest"))));
        return counts;
    }

    public record PendingCount(long count, Instant oldestCreatedAt) {}

    /** A page of the channel's messages, oldest first, optionally of one state and one chat; one more than asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredMessage> page(String channelId, MessageState state, String chatId, int page, int size) {
        String filter = (state == null ? "" : " AND m.state = ?") + (chatId == null ? "" : " AND m.chat_id = ?");
        return jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " FROM outbound_message m WHERE m.channel_id = ?" + filter
                        + " ORDER BY m.seq LIMIT ? OFFSET ?",
                p -> {
                    p.string(channelId);
                    if (state != null) {
                        p.string(state.name());
                    }
                    if (chatId != null) {
                        p.string(chatId);
                    }
                    p.integer(size + 1).longValue((long) page * size);
                },
                StoredMessage::read);
    }

    /** The channel's held messages (QUEUED or FROZEN) up to {@code throughSeq}, oldest first, at most {@code limit}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredMessage> held(String channelId, long throughSeq, int limit) {
        return jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = ? AND m.state IN ('QUEUED', 'FROZEN') AND m.seq <= ?
                ORDER BY m.seq LIMIT ?""",
                p -> p.string(channelId).longValue(throughSeq).integer(limit),
                StoredMessage::read);
    }

    /** The message, for a change under its channel's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredMessage one(String messageId) {
        return jdbc.first(
                        "SELECT " + StoredMessage.COLUMNS + " FROM outbound_message m WHERE m.id = ?",
                        p -> p.string(messageId),
                        StoredMessage::read)
                .orElseThrow(() -> ProblemException.notFound("Message", messageId));
    }
}
