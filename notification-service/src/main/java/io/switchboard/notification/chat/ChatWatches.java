package io.switchboard.notification.chat;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.timer.TimerTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ChatWatches implements PanacheRepositoryBase<ChatWatch, String> {

    /** The chat's watch, locked; made (and locked) for a chat seen for the first time. */
    public ChatWatch locked(MessageStatusChanged event) {
        String key = ChatWatch.key(event.channelId(), event.chatId());
        getEntityManager()
                .createNativeQuery("""
                INSERT INTO chat_watch (chat_key, account_id, channel_id, chat_id) VALUES (:key, :account, :channel, :chat)
                ON CONFLICT (chat_key) DO NOTHING""")
                .setParameter("key", key)
                .setParameter("account", event.accountId())
                .setParameter("channel", event.channelId())
                .setParameter("chat", event.chatId())
                .executeUpdate();
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Watches with a timer due, locked; one held by the consumer or another replica is skipped. */
    /** The watches' timer table. */
    public static final TimerTable TIMERS = new TimerTable("chat_watch", "chat_key");

    /** The watch, locked, if it is due and no other transaction holds it. */
    public java.util.Optional<ChatWatch> claimIfDue(String key, Instant now) {
        return TIMERS.claimIfDue(getEntityManager(), ChatWatch.class, key, now);
    }

    public List<ChatWatch> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<ChatWatch> due = getEntityManager()
                .createNativeQuery("""
                SELECT * FROM chat_watch WHERE due_at <= :now ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""", ChatWatch.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return due;
    }
}
