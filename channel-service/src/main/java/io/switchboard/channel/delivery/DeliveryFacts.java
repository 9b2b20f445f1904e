package io.switchboard.channel.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Reads and writes the delivery facts. Every write is one statement per batch, in channel id order (the lock order),
 * and none locks the channel row: receipts and inbound messages stay off the channel's lock.
 */
@ApplicationScoped
public class DeliveryFacts {

    /** What the provider's events of a batch say about one channel. */
    private static final class Seen {
        Instant webhook;
        Instant receipt;
        Instant inbound;
        int inboundCount;
    }

    /** A receipt of a send, the first of which acknowledges it. */
    private record Acknowledged(String channelId, String providerMessageId, Instant at) {}

    /** A send the provider accepted: the queue's SENT. */
    public record Sent(String channelId, String providerMessageId, String chatId, Instant sentAt) {}

    /**
     * A channel whose sends look stalled.
     *
     * @param sends sends past the window without any receipt; 0 for a channel whose webhooks stopped
     * @param chats the distinct chats they went to
     * @param since when the oldest of them was sent, or when the last webhook came
     * @param lastWebhookAt the provider's last webhook for the channel, of any kind; null if none
     * @param inboundSeen the inbound messages the channel had, for a channel whose webhooks stopped
     */
    public record Suspect(
            String channelId, long sends, long chats, Instant since, Instant lastWebhookAt, long inboundSeen) {

        /** What was found, in words. */
        public String what() {
            if (sends == 0) {
                return "no webhook at all came since " + since + " (no receipt, no client's message), from a channel"
                        + " that had " + inboundSeen + " inbound messages";
            }
            return sends + " sends to " + chats + " chats since " + since + " got no receipt, not even the server's"
                    + (lastWebhookAt == null || lastWebhookAt.isBefore(since) ? ", and no webhook came since" : "");
        }
    }

    /** A channel's facts as the API shows them. */
    public record Facts(
            Instant lastWebhookAt,
            Instant lastReceiptAt,
            Instant lastInboundAt,
            long sendsAwaitingReceipt,
            long chatsAwaitingReceipt,
            Instant oldestAwaitingReceiptSince) {}

    private final EntityManager entityManager;
    private final DeliverySettings settings;

    public DeliveryFacts(EntityManager entityManager, DeliverySettings settings) {
        this.entityManager = entityManager;
        this.settings = settings;
    }

    /** Notes the webhooks, receipts and inbound messages of a batch of provider events, in its transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observe(Collection<ProviderEvent> events) {
        if (!watching()) {
            return;
        }
        Map<String, Seen> byChannel = new TreeMap<>();
        // One row per send: the batched upsert is sent as one statement, which may not touch a row twice.
        Map<String, Acknowledged> acknowledging = new TreeMap<>();
        for (ProviderEvent event : events) {
            if (event.channelId() == null || event.receivedAt() == null) {
                continue;
            }
            Instant at = event.receivedAt();
            Seen seen = byChannel.computeIfAbsent(event.channelId(), id -> new Seen());
            seen.webhook = latest(seen.webhook, at);
            if (event.type() == ProviderEventType.MESSAGE_STATUS && event.receipts() != null) {
                for (ProviderEvent.Receipt receipt : event.receipts()) {
                    if (receipt.providerMessageId() != null && acknowledges(receipt)) {
                        seen.receipt = latest(seen.receipt, at);
                        acknowledging.merge(
                                event.channelId() + "\n" + receipt.providerMessageId(),
                                new Acknowledged(event.channelId(), receipt.providerMessageId(), at),
                                (first, later) -> first.at().isAfter(later.at()) ? later : first);
                    }
                }
            } else if (event.type() == ProviderEventType.MESSAGE_RECEIVED) {
                seen.inbound = latest(seen.inbound, at);
                seen.inboundCount++;
            }
        }
        if (byChannel.isEmpty()) {
            return;
        }
        List<Acknowledged> acknowledged = List.copyOf(acknowledging.values()); // in (channel, message) order
        session().doWork(connection -> {
            try (var upsert = connection.prepareStatement("""
                    INSERT INTO channel_delivery
                        (channel_id, last_webhook_at, last_receipt_at, last_inbound_at, inbound_count)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (channel_id) DO UPDATE SET
                        last_webhook_at = GREATEST(channel_delivery.last_webhook_at, EXCLUDED.last_webhook_at),
                        last_receipt_at = GREATEST(channel_delivery.last_receipt_at, EXCLUDED.last_receipt_at),
                        last_inbound_at = GREATEST(channel_delivery.last_inbound_at, EXCLUDED.last_inbound_at),
                        inbound_count = channel_delivery.inbound_count + EXCLUDED.inbound_count,
                        longest_inbound_gap_seconds = GREATEST(channel_delivery.longest_inbound_gap_seconds,
                            COALESCE(EXTRACT(EPOCH FROM EXCLUDED.last_inbound_at - channel_delivery.last_inbound_at), 0))""")) {
                for (Map.Entry<String, Seen> entry : byChannel.entrySet()) {
                    upsert.setString(1, entry.getKey());
                    upsert.setTimestamp(2, timestamp(entry.getValue().webhook));
                    upsert.setTimestamp(3, timestamp(entry.getValue().receipt));
                    upsert.setTimestamp(4, timestamp(entry.getValue().inbound));
                    upsert.setInt(5, entry.getValue().inboundCount);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            if (acknowledged.isEmpty()) {
                return;
            }
            try (var acknowledge = connection.prepareStatement("""
                    INSERT INTO sent_message (channel_id, provider_message_id, acknowledged_at) VALUES (?, ?, ?)
                    ON CONFLICT (channel_id, provider_message_id) DO UPDATE SET
                        acknowledged_at = COALESCE(sent_message.acknowledged_at, EXCLUDED.acknowledged_at)""")) {
                for (Acknowledged row : acknowledged) {
                    acknowledge.setString(1, row.channelId());
                    acknowledge.setString(2, row.providerMessageId());
                    acknowledge.setTimestamp(3, timestamp(row.at()));
                    acknowledge.addBatch();
                }
                acknowledge.executeBatch();
            }
        });
    }

    /** Whether the delivery watchdog is on: off, no facts are kept and no channel is found stalled. */
    public boolean watching() {
        return settings.watch().enabled();
    }

    /** Records sends the provider accepted; a send already acknowledged keeps its acknowledgement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(List<Sent> sends) {
        if (sends.isEmpty() || !watching()) {
            return;
        }
        // One row per send (a redelivered SENT may share the batch): the batch is sent as one statement.
        Map<String, Sent> latest = new TreeMap<>();
        sends.forEach(send -> latest.put(send.channelId() + "\n" + send.providerMessageId(), send));
        List<Sent> ordered = List.copyOf(latest.values()); // in (channel, message) order
        session().doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO sent_message (channel_id, provider_message_id, chat_id, sent_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (channel_id, provider_message_id) DO UPDATE SET
                        chat_id = EXCLUDED.chat_id, sent_at = EXCLUDED.sent_at""")) {
                for (Sent send : ordered) {
                    insert.setString(1, send.channelId());
                    insert.setString(2, send.providerMessageId());
                    insert.setString(3, send.chatId());
                    insert.setTimestamp(4, timestamp(send.sentAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The channel's facts now: one row of the channel's times, one aggregate of its unacknowledged sends. */
    @Transactional
    public Facts of(String channelId) {
        return session().doReturningWork(connection -> {
            try (var read = connection.prepareStatement("""
                    SELECT d.last_webhook_at, d.last_receipt_at, d.last_inbound_at,
                           w.sends, w.chats, w.oldest
                    FROM (SELECT count(*) AS sends, count(DISTINCT chat_id) AS chats, min(sent_at) AS oldest
                          FROM sent_message
                          WHERE channel_id = ? AND acknowledged_at IS NULL AND sent_at IS NOT NULL) w
                    LEFT JOIN channel_delivery d ON d.channel_id = ?""")) {
                read.setString(1, channelId);
                read.setString(2, channelId);
                try (var rows = read.executeQuery()) {
                    rows.next();
                    return new Facts(
                            instant(rows.getTimestamp(1)),
                            instant(rows.getTimestamp(2)),
                            instant(rows.getTimestamp(3)),
                            rows.getLong(4),
                            rows.getLong(5),
                            instant(rows.getTimestamp(6)));
                }
            }
        });
    }

    /**
     * Channels whose sends look stalled at {@code now}: sends older than the window that no receipt acknowledged, with
     * no receipt of the channel at all since they were sent, to enough distinct chats; WhatsApp Web channels only (a
     * Cloud API number's receipts are not followed yet), not stalled already, sent after the last stall ended.
     *
     * @param channelId one channel to judge (checked or not), or null for all not checked within the window
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Suspect> suspects(Instant now, String channelId, int limit) {
        Map<String, Suspect> suspects = new TreeMap<>();
        unanswered(now, channelId, limit).forEach(suspect -> suspects.put(suspect.channelId(), suspect));
        silent(now, channelId, limit).forEach(suspect -> suspects.putIfAbsent(suspect.channelId(), suspect));
        return suspects.values().stream().limit(limit).toList();
    }

    /** Channels whose sends got no receipt at all: see {@link #suspects}. */
    private List<Suspect> unanswered(Instant now, String channelId, int limit) {
        DeliverySettings.Watch watch = settings.watch();
        Instant sentBefore = now.minus(watch.window());
        return session().doReturningWork(connection -> {
            try (var read = connection.prepareStatement("""
                    SELECT s.channel_id, count(*), count(DISTINCT s.chat_id), min(s.sent_at), max(d.last_webhook_at)
                    FROM sent_message s
                    JOIN channel c ON c.id = s.channel_id
                    LEFT JOIN channel_delivery d ON d.channel_id = s.channel_id
                    WHERE s.acknowledged_at IS NULL AND s.sent_at < ?
                      AND (CAST(? AS VARCHAR) IS NULL OR s.channel_id = ?)
                      AND (d.last_receipt_at IS NULL OR d.last_receipt_at < s.sent_at)
                      AND (d.watch_from IS NULL OR d.watch_from < s.sent_at)
                      AND (CAST(? AS VARCHAR) IS NOT NULL OR d.checked_at IS NULL OR d.checked_at < ?)
                      AND c.kind = 'WEB_SESSION' AND c.delivery_stalled_since IS NULL AND NOT c.deleted
                    GROUP BY s.channel_id
                    HAVING count(DISTINCT s.chat_id) >= ?
                    ORDER BY s.channel_id
                    LIMIT ?""")) {
                read.setTimestamp(1, timestamp(sentBefore));
                read.setString(2, channelId);
                read.setString(3, channelId);
                read.setString(4, channelId);
                read.setTimestamp(5, timestamp(sentBefore));
                read.setInt(6, watch.minChats());
                read.setInt(7, limit);
                List<Suspect> suspects = new ArrayList<>();
                try (var rows = read.executeQuery()) {
                    while (rows.next()) {
                        suspects.add(new Suspect(
                                rows.getString(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                instant(rows.getTimestamp(4)),
                                instant(rows.getTimestamp(5)),
                                0));
                    }
                }
                return suspects;
            }
        });
    }

    /**
     * Channels that had inbound traffic (at least {@code silence-min-inbound} messages) and whose webhooks all stopped,
     * receipts and inbound messages included, for longer than {@code silence-factor} times the longest silence
     * between their inbound messages so far, and at least {@code min-silence}: a channel quiet at night is quiet
     * every night, so its nights set its own measure.
     */
    private List<Suspect> silent(Instant now, String channelId, int limit) {
        DeliverySettings.Watch watch = settings.watch();
        return session().doReturningWork(connection -> {
            try (var read = connection.prepareStatement("""
                    SELECT d.channel_id, d.last_webhook_at, d.inbound_count
                    FROM channel_delivery d
                    JOIN channel c ON c.id = d.channel_id
                    WHERE d.inbound_count >= ?
                      AND (CAST(? AS VARCHAR) IS NULL OR d.channel_id = ?)
                      AND GREATEST(d.last_webhook_at, d.watch_from) < CAST(? AS TIMESTAMPTZ) - make_interval(secs =>
                          GREATEST(CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION) * d.longest_inbound_gap_seconds))
                      AND (CAST(? AS VARCHAR) IS NOT NULL OR d.checked_at IS NULL OR d.checked_at < ?)
                      AND c.kind = 'WEB_SESSION' AND c.delivery_stalled_since IS NULL AND NOT c.deleted
                    ORDER BY d.channel_id
                    LIMIT ?""")) {
                read.setLong(1, watch.silenceMinInbound());
                read.setString(2, channelId);
                read.setString(3, channelId);
                read.setTimestamp(4, timestamp(now));
                read.setDouble(5, watch.minSilence().toMillis() / 1000.0);
                read.setDouble(6, watch.silenceFactor());
                read.setString(7, channelId);
                read.setTimestamp(8, timestamp(now.minus(watch.window())));
                read.setInt(9, limit);
                List<Suspect> suspects = new ArrayList<>();
                try (var rows = read.executeQuery()) {
                    while (rows.next()) {
                        Instant last = instant(rows.getTimestamp(2));
                        suspects.add(new Suspect(rows.getString(1), 0, 0, last, last, rows.getLong(3)));
                    }
                }
                return suspects;
            }
        });
    }

    /** Notes that the provider was asked about the channel: it is not suspected again within the window. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checked(String channelId, Instant at) {
        entityManager
                .createNativeQuery("""
                        INSERT INTO channel_delivery (channel_id, checked_at) VALUES (:channel, :at)
                        ON CONFLICT (channel_id) DO UPDATE SET checked_at = EXCLUDED.checked_at""")
                .setParameter("channel", channelId)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** A stall ended: the sends made before {@code at} are not judged again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void watchFrom(String channelId, Instant at) {
        entityManager
                .createNativeQuery("""
                        INSERT INTO channel_delivery (channel_id, watch_from) VALUES (:channel, :at)
                        ON CONFLICT (channel_id) DO UPDATE SET watch_from = EXCLUDED.watch_from""")
                .setParameter("channel", channelId)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** Forgets sends older than {@code switchboard.delivery.keep-sends}, on any replica (a delete is idempotent). */
    @Scheduled(every = "${switchboard.delivery.prune-every:10m}", delayed = "1m")
    void prune() {
        Instant before = Instant.now().minus(settings.keepSends());
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery(
                                "DELETE FROM sent_message WHERE COALESCE(sent_at, acknowledged_at) < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }

    /**
     * Whether a receipt tells that WhatsApp's server had the message. PENDING (still on the phone: the acks a "zombie"
     * session keeps giving) and a status not understood do not.
     */
    public static boolean acknowledges(ProviderEvent.Receipt receipt) {
        return receipt.status() != ReceiptStatus.PENDING && receipt.status() != ReceiptStatus.UNKNOWN;
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
    }
}
