package io.switchboard.queue.dispatch;

import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meta's messaging limit of Cloud API numbers, counted here: how many clients a number may begin a conversation with
 * in a rolling 24 hours (docs/product/cloud-api-standing.md). A message to a chat outside its customer service window
 * begins one, unless the channel began one with that chat within 24 hours; at the limit such messages wait (QUEUED,
 * with a reason) until the oldest conversation counted is 24 hours old, while replies go on.
 */
@ApplicationScoped
class ConversationBudgets {

    /** How long a conversation counts, and a client's message opens the service window. */
    static final Duration DAY = Duration.ofHours(24);

    /**
     * A message {@code m} to a chat whose client has not written within 24 hours and with which the channel began no
     * conversation within 24 hours: sending it begins one. Two parameters, both "24 hours ago".
     */
    static final String BEGINS_CONVERSATION = """
            NOT EXISTS (SELECT 1 FROM client_window w
                WHERE w.channel_id = m.channel_id AND w.chat_id = m.chat_id AND w.last_inbound_at > ?)
            AND NOT EXISTS (SELECT 1 FROM business_conversation b
                WHERE b.channel_id = m.channel_id AND b.chat_id = m.chat_id AND b.opened_at > ?)""";

    private final Jdbc jdbc;

    ConversationBudgets(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One channel's budget now.
     *
     * @param limit conversations per 24 hours (0 while Meta restricts business-initiated messaging)
     * @param used conversations begun within the last 24 hours
     * @param firstOpenedAt when the oldest of them began (it stops counting 24 hours later); null when none
     */
    record Budget(
            String channelId, int limit, int used, Instant firstOpenedAt, Instant nearToldAt, Instant reachedToldAt) {

        boolean full() {
            return used >= limit;
        }

        /** When the next conversation may begin, if it is full now. */
        Instant freesAt() {
            return firstOpenedAt == null ? null : firstOpenedAt.plus(DAY);
        }
    }

    /** The budgets of these channels that have a messaging limit, by channel id. */
    Map<String, Budget> of(Collection<String> channelIds, Instant now) {
        Map<String, Budget> budgets = new HashMap<>();
        if (channelIds.isEmpty()) {
            return budgets;
        }
        jdbc.query(
                """
                SELECT c.channel_id, c.messaging_limit, c.limit_near_told_at, c.limit_reached_told_at,
                       count(b.chat_id) AS used, min(b.opened_at) AS first_opened
                FROM channel_lane c
                LEFT JOIN business_conversation b ON b.channel_id = c.channel_id AND b.opened_at > ?
                WHERE c.channel_id = ANY (?) AND c.messaging_limit IS NOT NULL
                GROUP BY c.channel_id""",
                p -> p.instant(now.minus(DAY)).strings(channelIds),
                row -> budgets.put(
                        row.getString("channel_id"),
                        new Budget(
                                row.getString("channel_id"),
                                row.getInt("messaging_limit"),
                                row.getInt("used"),
                                Jdbc.instant(row, "first_opened"),
                                Jdbc.instant(row, "limit_near_told_at"),
                                Jdbc.instant(row, "limit_reached_told_at"))));
        return budgets;
    }

    /**
     * Of these (channel, chat) pairs, keyed by {@link Claims#contactKey}-like {@code channel \n chat}, those a message
     * may go to without beginning a conversation: the client wrote within 24 hours, or the channel began one with it.
     */
    Set<String> open(List<String> channelIds, List<String> chatIds, Instant now) {
        Set<String> open = new HashSet<>();
        if (channelIds.isEmpty()) {
            return open;
        }
        jdbc.query(
                """
                SELECT DISTINCT u.channel_id, u.chat_id FROM unnest(?::varchar[], ?::varchar[]) AS u(channel_id, chat_id)
                WHERE EXISTS (SELECT 1 FROM client_window w WHERE w.channel_id = u.channel_id AND w.chat_id = u.chat_id
                                AND w.last_inbound_at > ?)
                   OR EXISTS (SELECT 1 FROM business_conversation b WHERE b.channel_id = u.channel_id
                                AND b.chat_id = u.chat_id AND b.opened_at > ?)""",
                p -> p.strings(channelIds)
                        .strings(chatIds)
                        .instant(now.minus(DAY))
                        .instant(now.minus(DAY)),
                row -> open.add(key(row.getString("channel_id"), row.getString("chat_id"))));
        return open;
    }

    /** The conversations these sends began (channel and chat in parallel lists), counted from now. */
    void begun(List<String> channelIds, List<String> chatIds, Instant now) {
        if (channelIds.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                INSERT INTO business_conversation (channel_id, chat_id, opened_at)
                SELECT DISTINCT u.channel_id, u.chat_id, ?::timestamptz
                FROM unnest(?::varchar[], ?::varchar[]) AS u(channel_id, chat_id)
                ON CONFLICT (channel_id, chat_id) DO UPDATE SET opened_at = excluded.opened_at
                WHERE business_conversation.opened_at <= ?""", p -> p.instant(now).strings(channelIds).strings(chatIds).instant(now.minus(DAY)));
    }

    /** Curators were told that the limit is near (or reached) now. */
    void told(String channelId, boolean reached, Instant now) {
        jdbc.update(
                reached
                        ? "UPDATE channel_lane SET limit_reached_told_at = ? WHERE channel_id = ?"
                        : "UPDATE channel_lane SET limit_near_told_at = ? WHERE channel_id = ?",
                p -> p.instant(now).string(channelId));
    }

    static String key(String channelId, String chatId) {
        return channelId + '\n' + chatId;
    }
}
