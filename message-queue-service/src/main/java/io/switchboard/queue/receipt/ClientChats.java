package io.switchboard.queue.receipt;

import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Chats a client wrote in: the number has WhatsApp and the chat is not one the business begins, so the business's first
 * message to it needs no contact check and announces no first contact (the chat-start system messages of
 * docs/product/system-messages.md are for chats the business starts). Kept in {@code chat_contact}, the table the
 * contact check fills; and, per channel, when the client last wrote ({@code client_window}): a Cloud API number may
 * send free text to the chat for 24 hours after.
 */
@ApplicationScoped
class ClientChats {

    private static final Logger LOG = Logger.getLogger(ClientChats.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public ClientChats(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the writers of these inbound messages, each per the account of the channel it came to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wroteIn(List<ProviderEvent> events) {
        List<String> accounts = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<Instant> wroteAt = new ArrayList<>();
        for (ProviderEvent event : events) {
            for (ProviderEvent.InboundMessage message : event.inbound()) {
                try {
                    chats.add(PhoneNumbers.e164("from", message.from()));
                    accounts.add(event.accountId());
                    channels.add(event.channelId());
                    // the window opens when the client wrote; never later than when it was received
                    wroteAt.add(
                            message.sentAt() == null || message.sentAt().isAfter(event.receivedAt())
                                    ? event.receivedAt()
                                    : message.sentAt());
                } catch (ProblemException e) {
                    LOG.debugf(
                            "Inbound message %s of channel %s: %s is not a phone number; ignored",
                            message.providerMessageId(), event.channelId(), message.from());
                }
            }
        }
        if (chats.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO chat_contact (account_id, chat_id, has_whatsapp, checked_at)
                SELECT DISTINCT u.account_id, u.chat_id, true, ? FROM unnest(?::varchar[], ?::varchar[]) AS u(account_id, chat_id)
                ON CONFLICT (account_id, chat_id) DO UPDATE SET has_whatsapp = true, checked_at = excluded.checked_at""", p -> p.instant(now).strings(accounts).strings(chats));
        // One row per (channel, chat) in the statement: an upsert may not touch a row twice.
        jdbc.update("""
                INSERT INTO client_window (channel_id, chat_id, last_inbound_at)
                SELECT u.channel_id, u.chat_id, max(u.at)
                FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[]) AS u(channel_id, chat_id, at)
                GROUP BY u.channel_id, u.chat_id
                ON CONFLICT (channel_id, chat_id) DO UPDATE
                    SET last_inbound_at = GREATEST(client_window.last_inbound_at, excluded.last_inbound_at)""", p -> p.strings(channels).strings(chats).instants(wroteAt));
    }
}
