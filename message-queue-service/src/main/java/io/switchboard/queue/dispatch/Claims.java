package io.switchboard.queue.dispatch;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.SettingsByAccount;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.message.Expiry;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.ServiceWindows;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * A Cloud API lane keeps Meta's pair rate per chat: a chat sent to less than {@code cloud-api-pair-gap} ago is passed
 * over (all its messages, so each chat keeps its order) and the channel's other chats go on; a run takes one message
 * per chat. A lane left with only such chats is looked at again when the first comes due.
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

    private static final String NEXT_MESSAGES =
            """
            SELECT m.* FROM unnest(?::varchar[], ?::int4[], ?::bool[], ?::bool[]) AS l(channel_id, n, paced, budget_full)
            CROSS JOIN LATERAL (SELECT""" + " " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = l.channel_id
                  AND m.state IN ('QUEUED', 'FROZEN', 'DISPATCHING')
                  AND NOT (l.paced AND EXISTS (SELECT 1 FROM chat_pace p
                      WHERE p.channel_id = m.channel_id AND p.chat_id = m.chat_id AND p.next_send_at > ?))
                  AND NOT (l.budget_full AND""" + " " + ConversationBudgets.BEGINS_CONVERSATION + """
            )
                 ORDER BY m.seq LIMIT l.n) m
            ORDER BY m.channel_id, m.seq""";

    /**
     * Messages of channels at their messaging limit that would begin a conversation and are not told why they wait
     * yet (the claim does not see them: they are passed over, so that replies behind them go).
     */
    private static final String UNTOLD_HELD_FOR_BUDGET =
            """
            SELECT m.* FROM unnest(?::varchar[], ?::varchar[]) AS l(channel_id, reason)
            CROSS JOIN LATERAL (SELECT""" + " " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = l.channel_id AND m.state = 'QUEUED'
                  AND m.reason IS DISTINCT FROM l.reason AND""" + " " + ConversationBudgets.BEGINS_CONVERSATION + """

                 ORDER BY m.seq LIMIT ?) m""";

    /** When the first chat of each channel that waits only for its pair rate comes due. */
    private static final String PACED_CHATS_DUE = """
            SELECT p.channel_id, min(p.next_send_at) AS due FROM chat_pace p
            WHERE p.channel_id = ANY (?) AND p.next_send_at > ?
              AND EXISTS (SELECT 1 FROM outbound_message m WHERE m.channel_id = p.channel_id AND m.chat_id = p.chat_id
                          AND m.state IN ('QUEUED', 'FROZEN', 'DISPATCHING'))
            GROUP BY p.channel_id""";

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
    private final ConversationBudgets budgets;
    private final ChannelChecks checks;
    private final Clock clock;

    Claims(
            Jdbc jdbc,
            SettingsByAccount settings,
            MessageTransitions transitions,
            DispatchSettings dispatch,
            QueueMetrics metrics,
            ConversationBudgets budgets,
            ChannelChecks checks,
            Clock clock) {
        this.budgets = budgets;
        this.checks = checks;
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
        Map<String, ConversationBudgets.Budget> budgetOf = budgets.of(
                due.values().stream()
                        .filter(lane -> lane.kind() == ChannelKind.CLOUD_API)
                        .map(ChannelLane::channelId)
                        .toList(),
                now);
        Map<String, List<StoredMessage>> next = new LinkedHashMap<>();
        due.keySet().forEach(id -> next.put(id, new ArrayList<>()));
        jdbc.query(
                        NEXT_MESSAGES,
                        p -> p.strings(sizes.keySet())
                                .ints(sizes.values().stream()
                                        .map(size -> size + dispatch.releaseWindow())
                                        .toList())
                                .strings(due.values().stream()
                                        .map(lane -> String.valueOf(paced(lane)))
                                        .toList())
                                .strings(due.keySet().stream()
                                        .map(id -> String.valueOf(budgetOf.containsKey(id)
                                                && budgetOf.get(id).full()))
                                        .toList())
                                .instant(now)
                                .instant(now.minus(ConversationBudgets.DAY))
                                .instant(now.minus(ConversationBudgets.DAY)),
                        StoredMessage::read)
                .forEach(message -> next.get(message.channelId()).add(message));
        Map<String, Boolean> contacts = contacts(next.values(), now);
        Set<String> openChats = openChats(next, budgetOf, now);

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
                continue;
            }
            String token = UUID.randomUUID().toString();
            List<Transition> told = probing(lane) ? probes : moves;
            List<LaneClaim.ClaimedMessage> claimed = new ArrayList<>();
            boolean blocked = false; // behind a held message: nothing after it may go first
            int released = 0;
            // The pair rate: one message per chat per run; the chat's next one goes after the gap, others meanwhile.
            Set<String> chatsInRun = paced(lane) ? new HashSet<>() : null;
            ConversationBudgets.Budget budget = budgetOf.get(lane.channelId());
            Set<String> begun = new HashSet<>(); // chats this run begins a conversation with
            Set<String> heldForBudget = new HashSet<>();
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
                    if ((chatsInRun != null && chatsInRun.contains(message.chatId()))
                            || heldForBudget.contains(message.chatId())) {
                        continue;
                    }
                    boolean opens = budget != null
                            && !openChats.contains(ConversationBudgets.key(lane.channelId(), message.chatId()))
                            && !begun.contains(message.chatId());
                    if (opens && budget.used() + begun.size() >= budget.limit()) {
                        heldForBudget.add(message.chatId());
                        String reason = heldForBudget(budget);
                        if (!reason.equals(message.reason()) || message.state() != MessageState.QUEUED) {
                            moves.add(Transition.of(message, MessageState.QUEUED, reason));
                        }
                        continue;
                    }
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
                    if (chatsInRun != null) {
                        chatsInRun.add(message.chatId());
                    }
                    if (opens) {
                        begun.add(message.chatId());
                    }
                    claimed.add(new LaneClaim.ClaimedMessage(
                            message.id(),
                            message.seq(),
                            message.chatId(),
                            message.text(),
                            message.failedAttempts(),
                            hasWhatsApp != null || !dispatch.contactCheck(),
                            message.template(),
                            opens));
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
            if (budget != null) {
                tellBudget(lane, budget, budget.used() + begun.size(), now);
            }
        }
        moves.addAll(untoldHeldForBudget(budgetOf, now));
        transitions.apply(moves);
        transitions.applyQuietly(probes);
        lease(owner, runs, now);
        Map<String, Instant> paced = waitingUntil(idle, due, budgetOf, now);
        idle.removeAll(paced.keySet());
        idle.forEach(id -> finishRelease(due.get(id), now));
        if (!paced.isEmpty()) {
            jdbc.update(
                    """
                    UPDATE channel_lane c SET next_send_at = u.due::timestamptz, waits_for_chats = true
                    FROM unnest(?::varchar[], ?::varchar[]) AS u(channel_id, due) WHERE c.channel_id = u.channel_id""",
                    p -> p.strings(paced.keySet())
                            .strings(paced.values().stream()
                                    .map(Instant::toString)
                                    .toList()));
        }
        if (!idle.isEmpty()) {
            jdbc.update("""
                    UPDATE channel_lane SET has_pending = false, backlog_through_seq = NULL, release_started_at = NULL,
                        waits_for_chats = false
                    WHERE channel_id = ANY (?)""", p -> p.strings(idle));
        }
        metrics.expired(expired);
        metrics.dispatched("NO_WHATSAPP", noWhatsApp);
        return new Claimed(runs, !moves.isEmpty() || !probes.isEmpty() || !idle.isEmpty());
    }

    /** A Cloud API lane keeps Meta's pair rate per chat (unless it is set to zero). */
    private boolean paced(ChannelLane lane) {
        return lane.kind() == ChannelKind.CLOUD_API
                && !dispatch.cloudApiPairGap().isZero();
    }

    /**
     * Of the lanes that found nothing to send, those whose pending messages may only wait: for their chats' pair rate,
     * or for the messaging limit to free a conversation. When the first of them comes due: the lane is looked at again
     * then (or when a new message arrives), not left idle.
     */
    private Map<String, Instant> waitingUntil(
            List<String> idle,
            Map<String, ChannelLane> due,
            Map<String, ConversationBudgets.Budget> budgetOf,
            Instant now) {
        Map<String, Instant> first = new LinkedHashMap<>();
        idle.stream()
                .map(budgetOf::get)
                .filter(b -> b != null && b.full())
                .forEach(budget -> first.put(
                        budget.channelId(),
                        budget.freesAt() != null ? budget.freesAt() : now.plus(ConversationBudgets.DAY)));
        List<String> paced = idle.stream().filter(id -> paced(due.get(id))).toList();
        if (!paced.isEmpty()) {
            jdbc.query(PACED_CHATS_DUE, p -> p.strings(paced).instant(now), row -> {
                first.merge(row.getString("channel_id"), Jdbc.instant(row, "due"), (a, b) -> a.isBefore(b) ? a : b);
                return null;
            });
        }
        return first;
    }

    /** Why they wait, for the messages of full budgets not told yet (a release window's worth per pass). */
    private List<Transition> untoldHeldForBudget(Map<String, ConversationBudgets.Budget> budgetOf, Instant now) {
        List<ConversationBudgets.Budget> full = budgetOf.values().stream()
                .filter(ConversationBudgets.Budget::full)
                .toList();
        if (full.isEmpty()) {
            return List.of();
        }
        Map<String, String> reasons = new HashMap<>();
        full.forEach(budget -> reasons.put(budget.channelId(), heldForBudget(budget)));
        return jdbc
                .query(
                        UNTOLD_HELD_FOR_BUDGET,
                        p -> p.strings(reasons.keySet())
                                .strings(reasons.values())
                                .instant(now.minus(ConversationBudgets.DAY))
                                .instant(now.minus(ConversationBudgets.DAY))
                                .integer(dispatch.releaseWindow()),
                        StoredMessage::read)
                .stream()
                .map(message -> Transition.of(message, MessageState.QUEUED, reasons.get(message.channelId())))
                .toList();
    }

    /** Why a message that would begin a conversation waits. */
    static String heldForBudget(ConversationBudgets.Budget budget) {
        return budget.limit() == 0
                ? "held: Meta restricts business-initiated messaging of this number; a message that begins a"
                        + " conversation waits until the restriction ends"
                : "held: the number's messaging limit is reached (" + budget.limit()
                        + " clients a conversation was begun with in 24 hours); it goes when the oldest of those is 24"
                        + " hours old";
    }

    /**
     * Curators are told, once a day at most, when less than a fifth of the limit is left and when it is reached (then
     * new conversations wait). A limit of zero is Meta's restriction, already told as such.
     */
    private void tellBudget(ChannelLane lane, ConversationBudgets.Budget budget, int used, Instant now) {
        if (budget.limit() == 0) {
            return;
        }
        Instant dayAgo = now.minus(ConversationBudgets.DAY);
        if (used >= budget.limit()) {
            if (budget.reachedToldAt() == null || budget.reachedToldAt().isBefore(dayAgo)) {
                checks.messagingLimit(lane, true, used, budget.limit());
                budgets.told(lane.channelId(), true, now);
            }
        } else if ((budget.limit() - used) * 5 < budget.limit()
                && (budget.nearToldAt() == null || budget.nearToldAt().isBefore(dayAgo))) {
            checks.messagingLimit(lane, false, used, budget.limit());
            budgets.told(lane.channelId(), false, now);
        }
    }

    /** Of the chats of lanes with a messaging limit, those a message may go to without beginning a conversation. */
    private Set<String> openChats(
            Map<String, List<StoredMessage>> next, Map<String, ConversationBudgets.Budget> budgetOf, Instant now) {
        ServiceWindows.Chats pairs = new ServiceWindows.Chats();
        budgetOf.keySet()
                .forEach(id -> next.getOrDefault(id, List.of()).forEach(message -> pairs.add(id, message.chatId())));
        return budgets.open(pairs.channelIds(), pairs.chatIds(), now);
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
