package io.switchboard.notification.chat;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.chat.ChatSystemMessage;
import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.platform.outbox.Outbox;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes system messages: a row (for the API) and a {@code chat.system-messages.v1} event (through the outbox) in the
 * caller's transaction, once per dedupe key, however often the cause is seen.
 */
@ApplicationScoped
class SystemMessages implements PanacheRepositoryBase<SystemMessage, UUID> {

    private final SystemMessageTexts texts;
    private final Outbox outbox;

    public SystemMessages(SystemMessageTexts texts, Outbox outbox) {
        this.texts = texts;
        this.outbox = outbox;
    }

    /** A chat the system messages are written into. */
    public record Chat(String accountId, String channelId, String chatId) {}

    /**
     * Writes the message unless one with this key was written already.
     *
     * @param dedupeKey what the message tells, e.g. {@code <messageId>:NOT_DELIVERED}
     * @return whether it was written now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean write(Chat chat, SystemMessageKind kind, Object number, String time, Instant at, String dedupeKey) {
        UUID id = UUID.randomUUID();
        String text = texts.text(kind, number, time);
        int written = getEntityManager()
                .createNativeQuery("""
                INSERT INTO system_message (id, account_id, channel_id, chat_id, kind, text, occurred_at, dedupe_key)
                VALUES (:id, :account, :channel, :chat, :kind, :text, :at, :key)
                ON CONFLICT (dedupe_key) DO NOTHING""")
                .setParameter("id", id)
                .setParameter("account", chat.accountId())
                .setParameter("channel", chat.channelId())
                .setParameter("chat", chat.chatId())
                .setParameter("kind", kind.name())
                .setParameter("text", text)
                .setParameter("at", at)
                .setParameter("key", dedupeKey)
                .executeUpdate();
        if (written == 0) {
            return false;
        }
        outbox.publish(
                Streams.CHAT_SYSTEM_MESSAGES,
                new ChatSystemMessage(
                        id.toString(), chat.channelId(), chat.accountId(), chat.chatId(), kind, text, at));
        return true;
    }

    /** The account's messages in one channel (and chat), oldest first. */
    public List<SystemMessage> page(String accountId, String channelId, String chatId, int page, int size) {
        Sort order = Sort.ascending("occurredAt", "id");
        var query = chatId == null
                ? find("accountId = ?1 and channelId = ?2", order, accountId, channelId)
                : find("accountId = ?1 and channelId = ?2 and chatId = ?3", order, accountId, channelId, chatId);
        return Paging.withNext(query, page, size);
    }
}
