package io.switchboard.queue.message;

import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cloud API's 24-hour customer service window of each chat (docs/product/cloud-api-standing.md): it opens when the
 * client writes, and while it is open the business may send free text; outside it only a template.
 */
@ApplicationScoped
public class ServiceWindows {

    /** Meta's customer service window. */
    static final Duration LENGTH = Duration.ofHours(24);

    private final Jdbc jdbc;

    ServiceWindows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** When the client of each (channel, chat) last wrote, by {@link #key}; a chat a client never wrote in is absent. */
    Map<String, Instant> lastInbound(List<String> channelIds, List<String> chatIds) {
        Map<String, Instant> last = new HashMap<>();
        if (channelIds.isEmpty()) {
            return last;
        }
        jdbc.query(
                """
                SELECT w.channel_id, w.chat_id, w.last_inbound_at FROM client_window w
                JOIN unnest(?::varchar[], ?::varchar[]) AS u(channel_id, chat_id)
                  ON w.channel_id = u.channel_id AND w.chat_id = u.chat_id""",
                p -> p.strings(channelIds).strings(chatIds),
                row -> last.put(
                        key(row.getString("channel_id"), row.getString("chat_id")),
                        Jdbc.instant(row, "last_inbound_at")));
        return last;
    }

    static String key(String channelId, String chatId) {
        return channelId + '\n' + chatId;
    }

    /** (channel, chat) pairs in two parallel lists, as the statements' {@code unnest} takes them. */
    public record Chats(List<String> channelIds, List<String> chatIds) {

        public Chats() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        public void add(String channelId, String chatId) {
            channelIds.add(channelId);
            chatIds.add(chatId);
        }
    }
}
