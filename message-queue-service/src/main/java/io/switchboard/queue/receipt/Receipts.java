package io.switchboard.queue.receipt;

import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.provider.ReceiptStatus;
import io.switchboard.queue.channel.ChannelLanes;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.StoredMessage;
import io.switchboard.queue.message.Transition;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves sent messages by their receipts: DELIVERED, READ (a played voice message too), FAILED with the provider's code,
 * UNKNOWN. Never backwards and idempotent: a late "delivered" after "read" and a receipt seen twice change nothing; a
 * READ may come without a DELIVERED (the Cloud API skips it). A receipt that comes before its message's send is
 * recorded waits for it ({@code unmatched_receipt}).
 */
@ApplicationScoped
public class Receipts {

    /** A receipt for a message of a channel. */
    public record Receipt(
            String channelId, String providerMessageId, ReceiptStatus status, String errorCode, String errorText) {}

    private final Jdbc jdbc;
    private final ChannelLanes lanes;
    private final MessageTransitions transitions;
    private final Clock clock;

    public Receipts(Jdbc jdbc, ChannelLanes lanes, MessageTransitions transitions, Clock clock) {
        this.jdbc = jdbc;
        this.lanes = lanes;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Applies the receipts; their channels are locked first (in id order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Receipt> receipts) {
        List<Receipt> relevant =
                receipts.stream().filter(receipt -> rank(receipt.status()) >= 0).toList();
        if (relevant.isEmpty()) {
            return;
        }
        Set<String> known = lanes.lockAll(
                        relevant.stream().map(Receipt::channelId).toList())
                .keySet();
        List<Receipt> ours = relevant.stream()
                .filter(receipt -> known.contains(receipt.channelId()))
                .toList();
        Map<String, StoredMessage> messages = byProviderId(ours);
        List<Receipt> waiting = ours.stream()
                .filter(receipt -> !messages.containsKey(key(receipt.channelId(), receipt.providerMessageId())))
                .toList();
        keepForLater(waiting);
        move(messages, ours);
    }

    /** Receipts that came before these messages' sends were recorded (the caller holds their channels' locks). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyWaiting(Collection<String> sentProviderIds) {
        if (sentProviderIds.isEmpty()) {
            return;
        }
        List<Receipt> waiting = jdbc.query(
                """
                DELETE FROM unmatched_receipt WHERE provider_message_id = ANY (?)
                RETURNING channel_id, provider_message_id, status, error_code, error_text""",
                p -> p.strings(sentProviderIds),
                row -> new Receipt(
                        row.getString("channel_id"),
                        row.getString("provider_message_id"),
                        ReceiptStatus.valueOf(row.getString("status")),
                        row.getString("error_code"),
                        row.getString("error_text")));
        if (!waiting.isEmpty()) {
            move(byProviderId(waiting), waiting);
        }
    }

    /** Steps each message forward, one state per round, so that DELIVERED and READ each get their event. */
    private void move(Map<String, StoredMessage> messages, List<Receipt> receipts) {
        Map<String, List<Receipt>> byMessage = new HashMap<>();
        for (Receipt receipt : receipts) {
            String key = key(receipt.channelId(), receipt.providerMessageId());
            if (messages.containsKey(key)) {
                byMessage.computeIfAbsent(key, k -> new ArrayList<>()).add(receipt);
            }
        }
        byMessage.values().forEach(list -> list.sort(Comparator.comparingInt(r -> rank(r.status()))));
        Map<String, MessageState> state = new HashMap<>();
        messages.forEach((key, message) -> state.put(key, message.state()));
        for (int round = 0; round < 3; round++) {
            List<Transition> step = new ArrayList<>();
            Map<String, MessageState> after = new HashMap<>();
            for (Map.Entry<String, List<Receipt>> entry : byMessage.entrySet()) {
                MessageState current = state.get(entry.getKey());
                for (Receipt receipt : entry.getValue()) {
                    MessageState next = next(current, receipt.status());
                    if (next != null) {
                        StoredMessage message = messages.get(entry.getKey());
                        Transition transition = new Transition(
                                message.id(),
                                current,
                                null,
                                next,
                                reason(receipt),
                                null,
                                next == MessageState.FAILED
                                        ? (receipt.errorCode() == null ? "RECEIPT_FAILED" : receipt.errorCode())
                                        : null,
                                null,
                                null,
                                Transition.Attempt.NONE,
                                null);
                        step.add(transition);
                        after.put(entry.getKey(), next);
                        break;
                    }
                }
            }
            if (step.isEmpty()) {
                return;
            }
            transitions.apply(step);
            state.putAll(after);
        }
    }

    private Map<String, StoredMessage> byProviderId(List<Receipt> receipts) {
        Map<String, StoredMessage> found = new HashMap<>();
        if (receipts.isEmpty()) {
            return found;
        }
        Set<String> ids = new HashSet<>();
        Set<String> channels = new HashSet<>();
        receipts.forEach(receipt -> {
            ids.add(receipt.providerMessageId());
            channels.add(receipt.channelId());
        });
        jdbc.query(
                        "SELECT " + StoredMessage.COLUMNS
                                + " FROM outbound_message m WHERE m.provider_message_id = ANY (?) AND m.channel_id = ANY (?)",
                        p -> p.strings(ids).strings(channels),
                        StoredMessage::read)
                .forEach(message -> found.put(key(message.channelId(), message.providerMessageId()), message));
        return found;
    }

    private void keepForLater(List<Receipt> waiting) {
        if (waiting.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                INSERT INTO unmatched_receipt (provider_message_id, status, channel_id, error_code, error_text, received_at)
                SELECT u.id, u.status, u.channel_id, u.error_code, left(u.error_text, 500), ?
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                    AS u(id, status, channel_id, error_code, error_text)
                ON CONFLICT (provider_message_id, status) DO NOTHING""",
                p -> p.instant(clock.instant())
                        .strings(
                                waiting.stream().map(Receipt::providerMessageId).toList())
                        .strings(waiting.stream().map(r -> r.status().name()).toList())
                        .strings(waiting.stream().map(Receipt::channelId).toList())
                        .strings(waiting.stream().map(Receipt::errorCode).toList())
                        .strings(waiting.stream().map(Receipt::errorText).toList()));
    }

    /** The state a receipt moves a message to from {@code current}, or null: receipts never move one backwards. */
    static MessageState next(MessageState current, ReceiptStatus receipt) {
        return switch (receipt) {
            case DELIVERED -> current == MessageState.SENT ? MessageState.DELIVERED : null;
            case READ, PLAYED ->
                current == MessageState.SENT || current == MessageState.DELIVERED ? MessageState.READ : null;
            case FAILED -> current == MessageState.SENT ? MessageState.FAILED : null;
            case UNKNOWN -> current == MessageState.SENT ? MessageState.UNKNOWN : null;
            default -> null;
        };
    }

    /** The order receipts of one message are applied in; -1 for those that move nothing. */
    static int rank(ReceiptStatus status) {
        return switch (status) {
            case FAILED, UNKNOWN -> 0;
            case DELIVERED -> 1;
            case READ, PLAYED -> 2;
            default -> -1;
        };
    }

    private static String reason(Receipt receipt) {
        return switch (receipt.status()) {
            case FAILED ->
                "provider receipt: failed" + (receipt.errorText() == null ? "" : " (" + receipt.errorText() + ")");
            case UNKNOWN -> "provider receipt: the status cannot be obtained";
            case PLAYED -> "provider receipt: played";
            default -> null;
        };
    }

    private static String key(String channelId, String providerMessageId) {
        return channelId + '\n' + providerMessageId;
    }
}
