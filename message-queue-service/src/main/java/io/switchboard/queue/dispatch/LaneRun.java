package io.switchboard.queue.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.platform.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * One channel's run: its claimed messages sent one after the other, in order, each after the pacing gap. A wait is a
 * timer, not a sleeping thread: a sender thread is busy only while a call is in flight, so a slow channel holds up
 * nothing but itself. The first answer that says "not now" (401, 429, a provider error) ends the run; the messages
 * after it go back to QUEUED untried.
 */
final class LaneRun {

    private static final Logger LOG = Logger.getLogger(LaneRun.class);

    /**
     * What a run needs from the dispatcher.
     *
     * @param hold asks the database whether the lane is still the run's and the channel can still send, moving its
     *        lease on ({@link LaneHolds#hold})
     * @param callBudget the longest a message's calls can take (a contact check and a send): no call starts with less
     *        lease left
     */
    record Context(
            ProviderClient provider,
            DispatchSettings settings,
            Clock clock,
            ScheduledExecutorService timer,
            Executor senders,
            Predicate<String> stopped,
            BooleanSupplier closing,
            Consumer<RunResult> done,
            Backoff retryBackoff,
            LaneHold hold,
            Duration callBudget) {}

    /** Keeps a lane leased to a run's token until a time; false when it is no longer the run's or cannot send. */
    @FunctionalInterface
    interface LaneHold {
        boolean hold(String channelId, String token, Instant until);
    }

    private final LaneClaim claim;
    private final Context context;
    private final Instant startedAt;
    private final List<SendOutcome> outcomes = new ArrayList<>();
    private final Map<String, Boolean> contacts = new LinkedHashMap<>();
    private final Set<String> announcedChats = new HashSet<>();
    private final Map<String, Instant> calledChats = new HashMap<>();
    private int index;
    private Instant nextAt;
    private Instant stoppedUntil;
    private Duration retryAfter;
    /** Until when the lane is leased to this run, as far as it knows, and when it last asked. */
    private Instant leaseUntil;

    private Instant heldAt;

    LaneRun(LaneClaim claim, Context context) {
        this.claim = claim;
        this.context = context;
        this.startedAt = context.clock().instant();
        this.nextAt = startedAt;
        this.leaseUntil =
                startedAt.plus(context.settings().lease()); // a little after the claim's: the budget covers it
        this.heldAt = startedAt;
    }

    void start() {
        context.senders().execute(this::step);
    }

    private void step() {
        try {
            while (index < claim.messages().size()) {
                if (context.stopped().test(claim.lane().channelId())) {
                    rest(SendOutcome.Kind.NOT_SENT, "not sent: the channel stopped sending");
                    break;
                }
                if (context.closing().getAsBoolean()) {
                    rest(SendOutcome.Kind.NOT_SENT, "not sent yet: the dispatcher that had it is shutting down");
                    break;
                }
                if (Duration.between(startedAt, context.clock().instant())
                                .compareTo(context.settings().lease().dividedBy(2))
                        > 0) {
                    rest(SendOutcome.Kind.NOT_SENT, "not sent yet: the run took too long");
                    break;
                }
                Duration wait = Duration.between(context.clock().instant(), nextAt);
                if (!wait.isNegative() && !wait.isZero()) {
                    try {
                        context.timer()
                                .schedule(
                                        () -> context.senders().execute(this::step),
                                        wait.toNanos(),
                                        TimeUnit.NANOSECONDS);
                        return;
                    } catch (RejectedExecutionException e) {
                        rest(SendOutcome.Kind.NOT_SENT, "not sent yet: the dispatcher that had it is shutting down");
                        break;
                    }
                }
                if (!stillHeld()) {
                    rest(
                            SendOutcome.Kind.NOT_SENT,
                            "not sent: the channel stopped sending, or another dispatcher has it now");
                    break;
                }
                if (!sendNext()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Run of channel %s failed", claim.lane().channelId());
            rest(SendOutcome.Kind.NOT_SENT, "not sent: the dispatcher failed; the message goes again");
        }
        finish();
    }

    /**
     * Whether the run may make the next message's calls: asked of the database every {@code hold-interval}, and
     * whenever less lease is left than the calls may take (then the lease is moved on), so that a stop made through
     * another replica reaches this run, and no call outlives the lease (after which another replica would send again).
     */
    private boolean stillHeld() {
        Instant now = context.clock().instant();
        boolean due = Duration.between(heldAt, now).compareTo(context.settings().holdInterval()) >= 0
                || Duration.between(now, leaseUntil).compareTo(context.callBudget()) < 0;
        if (!due) {
            return true;
        }
        Instant until = now.plus(context.settings().lease());
        if (!context.hold().hold(claim.lane().channelId(), claim.token(), until)) {
            return false;
        }
        leaseUntil = until;
        heldAt = now;
        return true;
    }

    /** Sends the next message; false when its answer ends the run. */
    private boolean sendNext() {
        LaneClaim.ClaimedMessage message = claim.messages().get(index);
        boolean cloud = claim.lane().kind() == ChannelKind.CLOUD_API;
        // The Cloud API has no contact check: the send itself tells (131026).
        if (!cloud && !message.contactKnown() && !contacts.containsKey(message.chatId()) && !checkContacts()) {
            return false;
        }
        boolean untold = !message.contactKnown() && !contacts.containsKey(message.chatId());
        boolean hasWhatsApp = message.contactKnown() || contacts.getOrDefault(message.chatId(), Boolean.TRUE);
        FirstContact first = !message.contactKnown() && !untold && announcedChats.add(message.chatId())
                ? (hasWhatsApp ? FirstContact.WHATSAPP : FirstContact.NO_WHATSAPP)
                : null;
        index++;
        if (!hasWhatsApp) {
            outcomes.add(new SendOutcome(
                    message, SendOutcome.Kind.NO_WHATSAPP, NoWhatsApp.REASON, NoWhatsApp.CODE, null, first));
            return true;
        }
        ProviderAnswer answer = cloud
                ? message.template() != null
                        ? context.provider()
                                .sendCloudTemplate(
                                        claim.lane().providerChannelId(),
                                        message.id(),
                                        message.chatId(),
                                        message.template())
                        : context.provider()
                                .sendCloudText(
                                        claim.lane().providerChannelId(),
                                        message.id(),
                                        message.chatId(),
                                        message.text())
                : context.provider()
                        .sendText(claim.lane().providerChannelId(), message.id(), message.chatId(), message.text());
        if (cloud) {
            // Meta counts the pair rate from the message's arrival: from the answer is never too soon.
            calledChats.put(message.chatId(), context.clock().instant());
        }
        SendOutcome outcome = cloud ? CloudAnswers.outcome(message, answer) : outcome(message, answer);
        if (untold && (outcome.kind() == SendOutcome.Kind.SENT || outcome.kind() == SendOutcome.Kind.NO_WHATSAPP)) {
            boolean reached = outcome.kind() == SendOutcome.Kind.SENT;
            contacts.put(message.chatId(), reached);
            announcedChats.add(message.chatId());
            first = reached ? FirstContact.WHATSAPP : FirstContact.NO_WHATSAPP;
        }
        outcome = outcome.withFirstContact(first);
        outcomes.add(outcome);
        if (outcome.kind() != SendOutcome.Kind.SENT
                && outcome.kind() != SendOutcome.Kind.FAILED
                && outcome.kind() != SendOutcome.Kind.NO_WHATSAPP) {
            stopAfter(answer, message);
            return false;
        }
        boolean backlog = claim.lane().backlogThroughSeq() != null
                && message.seq() < claim.lane().backlogThroughSeq();
        nextAt = context.clock().instant().plus(Pacer.gap(claim.lane().kind(), claim.settings(), backlog));
        return true;
    }

    /** The contact check of every unchecked chat of the run, in one call; false when it could not be made. */
    private boolean checkContacts() {
        LaneClaim.ClaimedMessage message = claim.messages().get(index);
        List<String> chats = claim.messages().stream()
                .skip(index)
                .filter(m -> !m.contactKnown())
                .map(LaneClaim.ClaimedMessage::chatId)
                .distinct()
                .toList();
        ProviderAnswer answer = context.provider().checkContacts(claim.lane().providerChannelId(), chats);
        if (!answer.ok()) {
            SendOutcome outcome = outcome(message, answer);
            index++;
            outcomes.add(
                    outcome.kind() == SendOutcome.Kind.FAILED
                            ? new SendOutcome(
                                    message,
                                    SendOutcome.Kind.RETRY,
                                    "contact check refused: " + answer.errorText(),
                                    "CONTACT_CHECK_REFUSED",
                                    null,
                                    null)
                            : outcome);
            stopAfter(answer, message);
            return false;
        }
        Map<String, Boolean> found = new HashMap<>();
        for (JsonNode contact : answer.body() == null
                ? List.<JsonNode>of()
                : iterable(answer.body().path("contacts"))) {
            found.put(
                    contact.path("input").asText(),
                    "valid".equalsIgnoreCase(contact.path("status").asText()));
        }
        // A chat the provider did not answer for is taken as reachable: the send tells.
        chats.forEach(chat -> contacts.put(chat, found.getOrDefault(chat, Boolean.TRUE)));
        return true;
    }

    /** What a Whapi-style answer means; shared with the Cloud API for the answers both give alike. */
    static SendOutcome outcome(LaneClaim.ClaimedMessage message, ProviderAnswer answer) {
        if (answer.ok()) {
            JsonNode id =
                    answer.body() == null ? null : answer.body().path("message").path("id");
            return new SendOutcome(
                    message,
                    SendOutcome.Kind.SENT,
                    null,
                    null,
                    id == null || id.isMissingNode() || id.isNull() ? null : id.asText(),
                    null);
        }
        int status = answer.status();
        if (status == 401) {
            return SendOutcome.of(
                    message, SendOutcome.Kind.FROZEN, "provider asked for channel authorization (reconnecting)");
        }
        if (status == 429) {
            return SendOutcome.of(message, SendOutcome.Kind.RATE_LIMITED, "provider rate limit (HTTP 429); will retry");
        }
        if (status == 0 || status >= 500 || status == 408) {
            return new SendOutcome(
                    message,
                    SendOutcome.Kind.RETRY,
                    "provider error: " + answer.errorText(),
                    "PROVIDER_UNAVAILABLE",
                    null,
                    null);
        }
        return new SendOutcome(
                message,
                SendOutcome.Kind.FAILED,
                "provider refused the message: " + answer.errorText(),
                answer.errorCode(),
                null,
                null);
    }

    /** The run ends at this answer: the rest go back untried, and the channel waits as the answer says. */
    private void stopAfter(ProviderAnswer answer, LaneClaim.ClaimedMessage message) {
        rest(SendOutcome.Kind.NOT_SENT, "not sent yet: an earlier message of the channel goes first");
        retryAfter = answer.retryAfter();
        Duration backoff = answer.status() == 429
                ? context.retryBackoff().after(1)
                : answer.status() == 401
                        ? Duration.ZERO // the writer knows the streak
                        : context.retryBackoff().after(message.failedAttempts() + 1);
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter;
        }
        stoppedUntil = context.clock().instant().plus(backoff);
    }

    private void rest(SendOutcome.Kind kind, String reason) {
        while (index < claim.messages().size()) {
            outcomes.add(SendOutcome.of(claim.messages().get(index++), kind, reason));
        }
    }

    private void finish() {
        context.done()
                .accept(new RunResult(
                        claim,
                        List.copyOf(outcomes),
                        Map.copyOf(contacts),
                        stoppedUntil != null ? stoppedUntil : nextAt,
                        retryAfter,
                        Map.copyOf(calledChats)));
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
