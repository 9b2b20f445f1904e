package io.switchboard.queue.dispatch;

import io.switchboard.contracts.message.MessageState;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.SettingsByAccount;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.message.Expiry;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.StoredMessage;
import io.switchboard.queue.message.Transition;
import io.switchboard.queue.metrics.QueueMetrics;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One transaction of the dispatcher: the channels due now (sending, not held, paced time come, not leased), locked
 * without waiting for any (SKIP LOCKED), and for each the next messages in acceptance order:
 * <ul>
 * <li>the leading run of QUEUED ones (and DISPATCHING ones a stopped dispatcher left) becomes DISPATCHING under a new
 * token, up to what the pacing lets the run start within the claim horizon;</li>
 * <li>FROZEN ones behind it are released (QUEUED), a bounded window at a time, so a backlog of any size moves in
 * small transactions and stops at once when the channel does;</li>
 * <li>held ones past their time-to-live end EXPIRED; one to a chat known to have no WhatsApp ends FAILED.</li>
 * </ul>
 * A lane the provider keeps refusing with 401 while it looks ACTIVE is probed with one message, quietly: the first two
 * refusals were told, the probes that meet it again are not.
 */
@ApplicationScoped
class Claims {

    private static final String DUE_LANES =
            "SELECT " + ChannelLane.COLUMNS + ", " + SettingsByAccount.COLUMNS + " " + """
             FROM channel_lane c LEFT JOIN account_settings a ON a.account_id = c.account_id
            WHERE c.has_pending AND c.send_policy = 'SEND' AND NOT c.held AND c.provider_channel_id IS NOT NULL
              AND c.next_send_at <= ? AND (c.lease_until IS NULL OR c.lease_until < ?) AND NOT (c.channel_id = ANY (?))
            ORDER BY c.next_send_at LIMIT ? FOR UPDATE OF c SKIP LOCKED""";

    private static final String NEXT_MESSAGES = """
            SELECT m.* FROM unnest(?::varchar[], ?::int4[]) AS l(channel_id, n)
            CROSS JOIN LATERAL (SELECT""" + " " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = l.channel_id
                  AND m.state IN ('QUEUED', 'FROZEN', 'DISPATCHING') ORDER BY m.seq LIMIT l.n) m
            ORDER BY m.channel_id, m.seq""";

    private static final String NEXT_DUE = """
            SELECT min(next_send_at) AS due FROM channel_lane
            WHERE has_pending AND send_policy = 'SEND' AND NOT held AND provider_channel_id IS NOT NULL
              AND (lease_until IS NULL OR lease_until < ?) AND NOT (channel_id = ANY (?))""";

    /** What a pass claimed, and whether it changed anything (then another pass may find more at once). */
    record Claimed(List<LaneClaim> runs, boolean changed) {}

    private final Jdbc jdbc;
    private final SettingsByAccount settings;
    private final MessageTransitions transitions;
    private final DispatchSettings dispatch;
    private final QueueMetrics metrics;
    private final Clock clock;

    Claims(
            Jdbc jdbc,
            SettingsByAccount settings,
            MessageTransitions transitions,
            DispatchSettings dispatch,
            QueueMetrics metrics,
            Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.transitions = transitions;
        this.dispatch = dispatch;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    Claimed claim(String owner, int lanes, Collection<String> inFlight) {
        Instant now = clock.instant();
        Map<String, ChannelLane> due = new LinkedHashMap<>();
        Map<String, AccountSettings> settingsOf = new HashMap<>();
        jdbc.query(DUE_LANES, p -> p.instant(now).instant(now).strings(inFlight).integer(lanes), row -> {
            ChannelLane lane = ChannelLane.read(row);
            due.put(lane.channelId(), lane);
            settingsOf.put(lane.channelId(), settings.effective(settings.own(row)));
            return lane;
        });
        if (due.isEmpty()) {
            return new Claimed(List.of(), false);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        // A lane whose sends the provider refuses with 401 probes with its first message only.
        due.values()
                .forEach(lane -> sizes.put(
                        lane.channelId(),
                        probing(lane)
                                ? 1
                                : Pacer.claimSize(
                                        lane.kind(),
                                        settingsOf.get(lane.channelId()),
                                        lane.backlogThroughSeq() != null,
                                        dispatch)));
        Map<String, List<StoredMessage>> next = new LinkedHashMap<>();
        due.keySet().forEach(id -> next.put(id, new ArrayList<>()));
        jdbc.query(
                        NEXT_MESSAGES,
                        p -> p.strings(sizes.keySet())
                                .ints(sizes.values().stream()
                                        .map(size -> size + dispatch.releaseWindow())
                                        .toList()),
                        StoredMessage::read)
                .forEach(message -> next.get(message.channelId()).add(message));
        Map<String, Boolean> contacts = contacts(next.values(), now);

        List<Transition> moves = new ArrayList<>();
        List<Transition> probes = new ArrayList<>();
        List<LaneClaim> runs = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        int expired = 0;
        int noWhatsApp = 0;
        for (ChannelLane lane : due.values()) {
            List<StoredMessage> messages = next.get(lane.channelId());
            if (messages.isEmpty()) {
                idle.add(lane.channelId());
                finishRelease(lane, now);
                continue;
            }
            String token = UUID.randomUUID().toString();
            List<Transition> told = probing(lane) ? probes : moves;
            List<LaneClaim.ClaimedMessage> claimed = new ArrayList<>();
            boolean blocked = false; // behind a held message: nothing after it may go first
            int released = 0;
            for (StoredMessage message : messages) {
                if (message.state() != MessageState.DISPATCHING
                        && !message.expiresAt().isAfter(now)) {
                    moves.add(Expiry.of(message, lane.status(), true));
                    expired++;
                    continue;
                }
                if (!blocked
                        && message.state() != MessageState.FROZEN
                        && claimed.size() < sizes.get(lane.channelId())) {
                    Boolean hasWhatsApp = contacts.get(contactKey(message.accountId(), message.chatId()));
                    if (Boolean.FALSE.equals(hasWhatsApp)) {
                        moves.add(Transition.of(message, MessageState.FAILED, NoWhatsApp.REASON)
                                .errorCode(NoWhatsApp.CODE));
                        noWhatsApp++;
                        continue;
                    }
                    told.add(Transition.of(
                                    message,
                                    MessageState.DISPATCHING,
                                    message.state() == MessageState.DISPATCHING
                                            ? "dispatched again: the dispatcher that had it stopped"
                                            : null)
                            .dispatching(token));
                    claimed.add(new LaneClaim.ClaimedMessage(
                            message.id(),
                            message.seq(),
                            message.chatId(),
                            message.text(),
                            message.failedAttempts(),
                            hasWhatsApp != null || !dispatch.contactCheck(),
                            message.template()));
                    continue;
                }
                if (message.state() == MessageState.FROZEN) {
                    blocked = true;
                    if (released < dispatch.releaseWindow()) {
                        told.add(Transition.of(message, MessageState.QUEUED, "released: channel " + lane.status()));
                        released++;
                    }
                }
            }
            if (!claimed.isEmpty()) {
                runs.add(new LaneClaim(lane, settingsOf.get(lane.channelId()), token, claimed));
            }
        }
        transitions.apply(moves);
        transitions.applyQuietly(probes);
        lease(owner, runs, now);
        if (!idle.isEmpty()) {
            jdbc.update("""
                    UPDATE channel_lane SET has_pending = false, backlog_through_seq = NULL, release_started_at = NULL
                    WHERE channel_id = ANY (?)""", p -> p.strings(idle));
        }
        metrics.expired(expired);
        metrics.dispatched("NO_WHATSAPP", noWhatsApp);
        return new Claimed(runs, !moves.isEmpty() || !probes.isEmpty() || !idle.isEmpty());
    }

    /**
     * The provider refused the lane's last two sends in a row with 401 while it looked able to send: its next run is a
     * probe, whose steps are not told (see {@link MessageTransitions#applyQuietly}). The retry after a first refusal is
     * told in full: a reconnect is usually over by then, and its story (FROZEN, QUEUED, DISPATCHING, SENT) is short.
     */
    static boolean probing(ChannelLane lane) {
        return lane.unauthorizedStreak() >= 2;
    }

    /** When the earliest lane not in flight here comes due; empty when none waits. */
    @Transactional
    Optional<Instant> nextDue(Collection<String> inFlight) {
        Instant now = clock.instant();
        return jdbc.first(NEXT_DUE, p -> p.instant(now).strings(inFlight), row -> Jdbc.instant(row, "due"))
                .filter(java.util.Objects::nonNull);
    }

    private void lease(String owner, List<LaneClaim> runs, Instant now) {
        if (runs.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                UPDATE channel_lane c SET lease_owner = ?, lease_until = ?, lease_token = u.token
                FROM unnest(?::varchar[], ?::varchar[]) AS u(channel_id, token) WHERE c.channel_id = u.channel_id""",
                p -> p.string(owner)
                        .instant(now.plus(dispatch.lease()))
                        .strings(
                                runs.stream().map(run -> run.lane().channelId()).toList())
                        .strings(runs.stream().map(LaneClaim::token).toList()));
    }

    /** A released backlog is gone (sent, expired or cancelled): how long it took. */
    private void finishRelease(ChannelLane lane, Instant now) {
        if (lane.releaseStartedAt() != null) {
            metrics.released(Duration.between(lane.releaseStartedAt(), now));
        }
    }

    /** Known answers of the contact check for the chats of these messages; a stale "no WhatsApp" is not one. */
    private Map<String, Boolean> contacts(Collection<List<StoredMessage>> messages, Instant now) {
        Map<String, Boolean> known = new HashMap<>();
        if (!dispatch.contactCheck()) {
            return known;
        }
        List<String> accounts = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        messages.forEach(list -> list.forEach(message -> {
            accounts.add(message.accountId());
            chats.add(message.chatId());
        }));
        if (chats.isEmpty()) {
            return known;
        }
        Instant recheckBefore = now.minus(dispatch.noWhatsAppRecheckAfter());
        jdbc.query("""
                SELECT k.account_id, k.chat_id, k.has_whatsapp, k.checked_at FROM chat_contact k
                JOIN (SELECT DISTINCT * FROM unnest(?::varchar[], ?::varchar[])) AS u(account_id, chat_id)
                  ON k.account_id = u.account_id AND k.chat_id = u.chat_id""", p -> p.strings(accounts).strings(chats), row -> {
            boolean has = row.getBoolean("has_whatsapp");
            if (has || Jdbc.instant(row, "checked_at").isAfter(recheckBefore)) {
                known.put(contactKey(row.getString("account_id"), row.getString("chat_id")), has);
            }
            return null;
        });
        return known;
    }

    static String contactKey(String accountId, String chatId) {
        return accountId + '\n' + chatId;
    }
}
