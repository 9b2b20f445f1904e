package io.switchboard.queue.message;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.outbox.Outbox;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place messages change state: in one statement for any number of messages, each row, its history entry and
 * its {@code message.status.v1} event in the caller's transaction. The caller holds the lock of every channel whose
 * messages it moves (the one lock order, and the order of each channel's events in the outbox).
 */
@ApplicationScoped
public class MessageTransitions {

    private static final String UPDATE = """
            UPDATE outbound_message m SET state = u.next, reason = u.reason, held_by = u.held_by,
                error_code = COALESCE(u.error_code, m.error_code),
                provider_message_id = COALESCE(u.provider_message_id, m.provider_message_id),
                dispatch_token = u.dispatch_token,
                attempts = m.attempts + (u.attempt > 0)::int,
                failed_attempts = m.failed_attempts + (u.attempt = 2)::int,
                first_contact = COALESCE(u.first_contact, m.first_contact),
                updated_at = u.at::timestamptz,
                history = %s
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                        ?::varchar[], ?::varchar[], ?::int4[], ?::varchar[], ?::varchar[])
                AS u(id, expected, expected_token, next, reason, held_by, error_code, provider_message_id, dispatch_token,
                     attempt, first_contact, at)
            WHERE m.id = u.id AND m.state = u.expected AND (u.expected_token IS NULL OR m.dispatch_token = u.expected_token)
            RETURNING m.id, m.channel_id, m.account_id, m.chat_id, m.provider_message_id, m.error_code""";

    private static final String RECORDED = UPDATE.formatted("""
            m.history || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('state', u.next,
                    'reason', u.reason, 'heldBy', u.held_by, 'errorCode', u.error_code,
                    'providerMessageId', u.provider_message_id, 'at', u.at)))""");

    private static final String QUIET = UPDATE.formatted("m.history");

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public MessageTransitions(Jdbc jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies the transitions that still hold; answers the ids of the messages that moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> apply(List<Transition> transitions) {
        return apply(transitions, true);
    }

    /**
     * Applies transitions that are not told: no history entry, no event. Only for the probes of a channel whose sends
     * the provider keeps refusing with 401 while it looks ACTIVE: the message was told FROZEN at the first refusal, and
     * each probe (released, dispatched, refused again) would otherwise add three entries and three events every
     * back-off, for as long as the message lives.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> applyQuietly(List<Transition> transitions) {
        return apply(transitions, false);
    }

    private List<String> apply(List<Transition> transitions, boolean told) {
        if (transitions.isEmpty()) {
            return List.of();
        }
        Instant at = clock.instant();
        Map<String, Transition> byId = new LinkedHashMap<>();
        transitions.forEach(transition -> byId.put(transition.messageId(), transition));
        List<Moved> moved = jdbc.query(
                told ? RECORDED : QUIET,
                p -> p.strings(column(byId, Transition::messageId))
                        .strings(column(byId, t -> t.expected().name()))
                        .strings(column(byId, Transition::expectedToken))
                        .strings(column(byId, t -> t.next().name()))
                        .strings(column(byId, Transition::reason))
                        .strings(column(byId, t -> name(t.heldBy())))
                        .strings(column(byId, Transition::errorCode))
                        .strings(column(byId, Transition::providerMessageId))
                        .strings(column(byId, Transition::dispatchToken))
                        .ints(byId.values().stream()
                                .map(t -> t.attempt().ordinal())
                                .toList())
                        .strings(column(byId, t -> name(t.firstContact())))
                        .strings(byId.values().stream().map(t -> at.toString()).toList()),
                row -> new Moved(
                        row.getString("id"),
                        row.getString("channel_id"),
                        row.getString("account_id"),
                        row.getString("chat_id"),
                        row.getString("provider_message_id"),
                        row.getString("error_code")));
        // Events in the order the caller gave (acceptance order within a channel), whatever order the rows came back.
        Map<String, Moved> movedById = new LinkedHashMap<>();
        moved.forEach(row -> movedById.put(row.id(), row));
        List<String> ids = new ArrayList<>();
        for (Transition transition : byId.values()) {
            Moved row = movedById.get(transition.messageId());
            if (row != null) {
                ids.add(row.id());
            }
            if (row != null && told) {
                publish(
                        row.id(),
                        row.channelId(),
                        row.accountId(),
                        row.chatId(),
                        transition.expected(),
                        transition.next(),
                        transition.reason(),
                        row.providerMessageId(),
                        row.errorCode(),
                        at,
                        transition.heldBy(),
                        transition.firstContact());
            }
        }
        return ids;
    }

    /** The event of a message just accepted (its first state). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(StoredMessage message) {
        publish(
                message.id(),
                message.channelId(),
                message.accountId(),
                message.chatId(),
                null,
                message.state(),
                message.reason(),
                null,
                null,
                message.createdAt(),
                message.heldBy(),
                null);
    }

    private void publish(
            String messageId,
            String channelId,
            String accountId,
            String chatId,
            MessageState previous,
            MessageState state,
            String reason,
            String providerMessageId,
            String errorCode,
            Instant at,
            ChannelStatus heldBy,
            FirstContact firstContact) {
        outbox.publish(
                Streams.MESSAGE_STATUS,
                new MessageStatusChanged(
                        messageId,
                        channelId,
                        accountId,
                        chatId,
                        previous,
                        state,
                        reason,
                        providerMessageId,
                        state == MessageState.FAILED ? errorCode : null,
                        at,
                        heldBy,
                        firstContact));
    }

    private static List<String> column(Map<String, Transition> byId, Function<Transition, String> value) {
        return byId.values().stream().map(value).toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private record Moved(
            String id, String channelId, String accountId, String chatId, String providerMessageId, String errorCode) {}
}
