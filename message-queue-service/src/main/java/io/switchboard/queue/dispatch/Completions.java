package io.switchboard.queue.dispatch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.retry.Backoff;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.ServiceWindows;
import io.switchboard.queue.message.Transition;
import io.switchboard.queue.metrics.QueueMetrics;
import io.switchboard.queue.receipt.Receipts;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes finished runs: every message's outcome (only while it still carries the run's token, so a run that outlived
 * its lease changes nothing another replica has taken over), the contact checks, and the lane's pacing, back-off and
 * lease. Many runs go in one transaction, their channels locked in id order first.
 */
@ApplicationScoped
class Completions {

    private final ChannelLanes lanes;
    private final MessageTransitions transitions;
    private final Receipts receipts;
    private final Jdbc jdbc;
    private final DispatchSettings settings;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final Backoff unauthorizedBackoff;
    private final ChannelChecks checks;
    private final ConversationBudgets budgets;

    Completions(
            ChannelLanes lanes,
            MessageTransitions transitions,
            Receipts receipts,
            Jdbc jdbc,
            DispatchSettings settings,
            QueueMetrics metrics,
            Clock clock,
            ChannelChecks checks,
            ConversationBudgets budgets) {
        this.budgets = budgets;
        this.checks = checks;
        this.lanes = lanes;
        this.transitions = transitions;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.unauthorizedBackoff =
                new Backoff(settings.unauthorizedInitialBackoff(), settings.unauthorizedMaxBackoff());
    }

    /** Writes the runs in one transaction. */
    void write(List<RunResult> runs) {
        Map<SendOutcome.Kind, Integer> counted = new EnumMap<>(SendOutcome.Kind.class);
        List<String> failures = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            counted.clear();
            failures.clear();
            Map<String, ChannelLane> locked = lanes.lockAll(
                    runs.stream().map(run -> run.claim().lane().channelId()).toList());
            List<Transition> moves = new ArrayList<>();
            List<Transition> probes = new ArrayList<>();
            List<String> sentProviderIds = new ArrayList<>();
            for (RunResult run : runs) {
                for (SendOutcome outcome : run.outcomes()) {
                    (quiet(run, outcome) ? probes : moves).add(transition(run, outcome));
                    counted.merge(outcome.kind(), 1, Integer::sum);
                    if (outcome.kind() == SendOutcome.Kind.SENT && outcome.providerMessageId() != null) {
                        sentProviderIds.add(outcome.providerMessageId());
                    }
                }
            }
            List<String> moved = transitions.apply(moves);
            transitions.applyQuietly(probes);
            moves.stream()
                    .filter(move -> move.next() == MessageState.FAILED && moved.contains(move.messageId()))
                    .forEach(move -> failures.add(move.errorCode()));
            saveContacts(runs);
            savePaces(runs);
            conversationsBegun(runs);
            for (RunResult run : runs) {
                ChannelLane lane = locked.get(run.claim().lane().channelId());
                if (lane != null && run.claim().token().equals(lane.leaseToken())) {
                    updateLane(lane, run);
                }
            }
            receipts.applyWaiting(sentProviderIds);
        });
        counted.forEach((kind, count) -> metrics.dispatched(kind.name(), count));
        failures.forEach(metrics::failed);
    }

    /**
     * A run whose outcomes cannot be written (a write that keeps failing for a reason that does not pass), in the
     * plainest terms: a message the provider took ends UNKNOWN (its answer could not be recorded; it is never sent
     * again), any other goes back to QUEUED and is tried again; the lane is released. So the run holds up no other.
     */
    void writeUnrecorded(RunResult run) {
        QuarkusTransaction.requiringNew().run(() -> {
            ChannelLane lane = lanes.lockAll(List.of(run.claim().lane().channelId()))
                    .get(run.claim().lane().channelId());
            List<Transition> moves = run.outcomes().stream()
                    .map(outcome -> outcome.kind() == SendOutcome.Kind.SENT
                            ? new Transition(
                                    outcome.message().id(),
                                    MessageState.DISPATCHING,
                                    run.claim().token(),
                                    MessageState.UNKNOWN,
                                    "sent, but the provider's answer could not be recorded",
                                    null,
                                    null,
                                    outcome.providerMessageId(),
                                    null,
                                    Transition.Attempt.ANSWERED,
                                    null)
                            : new Transition(
                                    outcome.message().id(),
                                    MessageState.DISPATCHING,
                                    run.claim().token(),
                                    MessageState.QUEUED,
                                    "not sent: its outcome could not be recorded; it goes again",
                                    null,
                                    null,
                                    null,
                                    null,
                                    Transition.Attempt.NONE,
                                    null))
                    .toList();
            transitions.apply(moves);
            if (lane != null && run.claim().token().equals(lane.leaseToken())) {
                updateLane(lane, run);
            }
        });
    }

    /** A probe that met the 401 again (or did not get to send) ends where it started, FROZEN: nothing to tell. */
    private static boolean quiet(RunResult run, SendOutcome outcome) {
        return Claims.probing(run.claim().lane())
                && (outcome.kind() == SendOutcome.Kind.FROZEN || outcome.kind() == SendOutcome.Kind.NOT_SENT);
    }

    private Transition transition(RunResult run, SendOutcome outcome) {
        LaneClaim.ClaimedMessage message = outcome.message();
        Transition base = new Transition(
                message.id(),
                MessageState.DISPATCHING,
                run.claim().token(),
                MessageState.DISPATCHING,
                outcome.reason(),
                null,
                null,
                null,
                null,
                Transition.Attempt.NONE,
                outcome.firstContact());
        return switch (outcome.kind()) {
            case SENT ->
                retarget(base, MessageState.SENT)
                        .providerMessageId(outcome.providerMessageId())
                        .countingAttempt();
            case FROZEN ->
                retarget(base, MessageState.FROZEN)
                        .heldBy(run.claim().lane().status())
                        .countingAttempt();
            case RATE_LIMITED -> retarget(base, MessageState.QUEUED).countingAttempt();
            // Only errors and silences use up the budget: a rate limit or a reconnect is no fault of the message.
            case RETRY ->
                message.failedAttempts() + 1 >= settings.maxAttempts()
                        ? retarget(base, MessageState.FAILED)
                                .errorCode(outcome.errorCode())
                                .countingFailure()
                        : retarget(base, MessageState.QUEUED).countingFailure();
            case FAILED, NO_WHATSAPP ->
                retarget(base, MessageState.FAILED)
                        .errorCode(outcome.errorCode())
                        .countingAttempt();
            case NOT_SENT -> retarget(base, MessageState.QUEUED);
        };
    }

    private static Transition retarget(Transition transition, MessageState next) {
        return new Transition(
                transition.messageId(),
                transition.expected(),
                transition.expectedToken(),
                next,
                next == MessageState.FAILED
                                && transition.reason() != null
                                && transition.reason().startsWith("provider error")
                        ? transition.reason() + " (last of the attempts)"
                        : transition.reason(),
                transition.heldBy(),
                transition.errorCode(),
                transition.providerMessageId(),
                null,
                transition.attempt(),
                transition.firstContact());
    }

    private void updateLane(ChannelLane lane, RunResult run) {
        Instant now = clock.instant();
        int streak = lane.unauthorizedStreak();
        if (run.answeredOtherThan401()) {
            streak = 0;
        }
        Instant next = run.nextSendAt();
        if (run.unauthorized()) {
            streak++;
            next = now.plus(unauthorizedBackoff.after(streak));
            if (streak == settings.unauthorizedAlertAfter() && lane.status() == ChannelStatus.ACTIVE) {
                checks.sendsUnauthorized(lane, streak);
            }
        }
        boolean backlogDone = lane.backlogThroughSeq() != null && run.lastDoneSeq() >= lane.backlogThroughSeq();
        if (backlogDone && lane.releaseStartedAt() != null) {
            metrics.released(Duration.between(lane.releaseStartedAt(), now));
        }
        int newStreak = streak;
        Instant nextSendAt = next;
        jdbc.update(
                """
                UPDATE channel_lane SET lease_owner = NULL, lease_token = NULL, lease_until = NULL, has_pending = true,
                    next_send_at = ?, unauthorized_streak = ?, waits_for_chats = false,
                    backlog_through_seq = CASE WHEN ? THEN NULL ELSE backlog_through_seq END,
                    release_started_at = CASE WHEN ? THEN NULL ELSE release_started_at END
                WHERE channel_id = ?""",
                p -> p.instant(nextSendAt)
                        .integer(newStreak)
                        .bool(backlogDone)
                        .bool(backlogDone)
                        .string(lane.channelId()));
    }

    /** The conversations the runs' sends began, which count against their numbers' messaging limits. */
    private void conversationsBegun(List<RunResult> runs) {
        ServiceWindows.Chats begun = new ServiceWindows.Chats();
        runs.forEach(run -> run.outcomes().stream()
                .filter(outcome -> outcome.kind() == SendOutcome.Kind.SENT
                        && outcome.message().opensConversation())
                .forEach(outcome -> begun.add(
                        run.claim().lane().channelId(), outcome.message().chatId())));
        budgets.begun(begun.channelIds(), begun.chatIds(), clock.instant());
    }

    /** When each chat a Cloud API run sent to may be sent to next: Meta's pair rate, kept per chat. */
    private void savePaces(List<RunResult> runs) {
        if (settings.cloudApiPairGap().isZero()) {
            return;
        }
        List<String> channels = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        List<String> nextAt = new ArrayList<>();
        for (RunResult run : runs) {
            run.calledChats().forEach((chat, at) -> {
                channels.add(run.claim().lane().channelId());
                chats.add(chat);
                nextAt.add(at.plus(settings.cloudApiPairGap()).toString());
            });
        }
        if (chats.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO chat_pace (channel_id, chat_id, next_send_at)
                SELECT DISTINCT ON (u.channel_id, u.chat_id) u.channel_id, u.chat_id, u.at::timestamptz
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS u(channel_id, chat_id, at)
                ORDER BY u.channel_id, u.chat_id, u.at::timestamptz DESC
                ON CONFLICT (channel_id, chat_id) DO UPDATE SET
                    next_send_at = GREATEST(chat_pace.next_send_at, excluded.next_send_at)""", p -> p.strings(channels).strings(chats).strings(nextAt));
    }

    private void saveContacts(List<RunResult> runs) {
        List<String> accounts = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        List<Boolean> has = new ArrayList<>();
        for (RunResult run : runs) {
            run.contacts().forEach((chat, whatsApp) -> {
                accounts.add(run.claim().lane().accountId());
                chats.add(chat);
                has.add(whatsApp);
            });
        }
        if (chats.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.update(
                """
                INSERT INTO chat_contact (account_id, chat_id, has_whatsapp, checked_at)
                SELECT DISTINCT ON (u.account_id, u.chat_id) u.account_id, u.chat_id, u.has::boolean, ?
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS u(account_id, chat_id, has)
                ON CONFLICT (account_id, chat_id) DO UPDATE SET has_whatsapp = excluded.has_whatsapp,
                    checked_at = excluded.checked_at""",
                p -> p.instant(now)
                        .strings(accounts)
                        .strings(chats)
                        .strings(has.stream().map(String::valueOf).toList()));
    }
}
