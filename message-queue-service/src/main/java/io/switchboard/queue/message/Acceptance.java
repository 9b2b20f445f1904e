package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.account.QueueDefaults;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import io.switchboard.queue.metrics.QueueMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accepts messages by the channel's send policy (the account's override, else the catalogue's): SEND queues them
 * (unless the channel's backlog is held for a person), QUEUE freezes them, REJECT refuses them with the status and the
 * required action. A repeated idempotency key answers the first message, whatever the channel's status is now. A Cloud
 * API channel's free text to a chat whose client has not written within 24 hours is refused ({@code
 * outside-service-window}): Meta would refuse it.
 */
@ApplicationScoped
class Acceptance {

    private final ChannelLanes lanes;
    private final Messages messages;
    private final MessageTransitions transitions;
    private final DispatchWakeups dispatcher;
    private final QueueDefaults defaults;
    private final QueueMetrics metrics;
    private final ServiceWindows windows;
    private final TemplateStatuses templates;
    private final Clock clock;

    public Acceptance(
            ChannelLanes lanes,
            Messages messages,
            MessageTransitions transitions,
            DispatchWakeups dispatcher,
            QueueDefaults defaults,
            QueueMetrics metrics,
            ServiceWindows windows,
            TemplateStatuses templates,
            Clock clock) {
        this.lanes = lanes;
        this.messages = messages;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.defaults = defaults;
        this.metrics = metrics;
        this.windows = windows;
        this.templates = templates;
        this.clock = clock;
    }

    /** What became of one message of a request. */
    public sealed interface Outcome permits Accepted, Refused {}

    /** @param repeated an idempotent repeat: the message the key first stored */
    public record Accepted(StoredMessage message, boolean repeated) implements Outcome {}

    public record Refused(Problem problem) implements Outcome {}

    /** A valid request item, its chat id already in E.164: text, or (Cloud API channels) a template. */
    public record Item(String chatId, String text, String idempotencyKey, Long ttlSeconds, MessageTemplate template) {}

    /** One request: its items go to one channel of one account. */
    public record Request(String accountId, String channelId, List<Item> items) {}

    /**
     * What became of a request: an outcome per item, or {@code refused} (404) for a channel of another account or
     * unknown to the queue, which changed nothing.
     */
    public record Result(List<Outcome> outcomes, Problem refused) {}

    /**
     * Accepts the items in one transaction, in their order; refused ones change nothing.
     *
     * @throws ProblemException 404 for a channel of another account or unknown to the queue
     */
    @Transactional
    public List<Outcome> accept(String accountId, String channelId, List<Item> items) {
        Result result =
                acceptAll(List.of(new Request(accountId, channelId, items))).get(0);
        if (result.refused() != null) {
            throw new ProblemException(result.refused());
        }
        return result.outcomes();
    }

    /**
     * Accepts many requests in one transaction (a group commit), in their order: one lock statement for all their
     * channels (in id order, the one lock order), one insert, one commit. A result per request.
     */
    @Transactional
    public List<Result> acceptAll(List<Request> requests) {
        Map<String, ChannelLanes.LaneWithSettings> locked = lanes.lockAllWithSettings(
                requests.stream().map(Request::channelId).collect(Collectors.toSet()));
        Map<String, Map<String, StoredMessage>> earlier = new HashMap<>();
        requests.stream().collect(Collectors.groupingBy(Request::accountId)).forEach((accountId, ofAccount) -> {
            List<String> keys = ofAccount.stream()
                    .flatMap(request -> request.items().stream())
                    .map(Item::idempotencyKey)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            earlier.put(accountId, messages.byIdempotencyKeys(accountId, keys));
        });
        Instant now = clock.instant();
        AcceptDecisions decisions = new AcceptDecisions(
                earlier, defaults.maxTtl(), now, serviceWindows(requests, locked), templates(requests));
        List<List<AcceptDecisions.Slot>> slots = new ArrayList<>(requests.size()); // null for a refused request
        for (Request request : requests) {
            ChannelLanes.LaneWithSettings lane = locked.get(request.channelId());
            boolean ofTheAccount = lane != null && lane.lane().accountId().equals(request.accountId());
            slots.add(ofTheAccount ? decisions.decide(request, lane) : null);
        }

        Map<String, StoredMessage> stored = store(decisions.fresh(), now, locked);
        List<Result> results = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            results.add(
                    slots.get(r) == null
                            ? new Result(
                                    List.of(),
                                    ProblemException.notFound(
                                                    "Channel", requests.get(r).channelId())
                                            .problem())
                            : new Result(
                                    slots.get(r).stream()
                                            .map(slot -> slot.resolve(stored))
                                            .toList(),
                                    null));
        }
        return results;
    }

    /** What Meta last said of the templates the group names (one read for the whole group). */
    private Map<String, TemplateStatuses.Known> templates(List<Request> requests) {
        List<String> channelIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        requests.forEach(request -> request.items().stream()
                .filter(item -> item.template() != null)
                .forEach(item -> {
                    channelIds.add(request.channelId());
                    names.add(item.template().name());
                    languages.add(item.template().language());
                }));
        return templates.of(channelIds, names, languages);
    }

    /** When the clients of the Cloud API channels' chats last wrote (one read for the whole group). */
    private Map<String, Instant> serviceWindows(
            List<Request> requests, Map<String, ChannelLanes.LaneWithSettings> locked) {
        ServiceWindows.Chats chats = new ServiceWindows.Chats();
        for (Request request : requests) {
            ChannelLanes.LaneWithSettings lane = locked.get(request.channelId());
            if (lane != null && lane.lane().kind() == ChannelKind.CLOUD_API) {
                request.items().forEach(item -> chats.add(request.channelId(), item.chatId()));
            }
        }
        return windows.lastInbound(chats.channelIds(), chats.chatIds());
    }

    /**
     * Inserts the new messages with their events, marks their channels pending and wakes the dispatcher after the
     * commit; the messages stored, by id (a key another request stored a moment ago is not).
     */
    private Map<String, StoredMessage> store(
            List<Messages.NewMessage> fresh, Instant now, Map<String, ChannelLanes.LaneWithSettings> locked) {
        Map<String, Long> seqs = messages.insertAll(fresh, now);
        Map<String, StoredMessage> stored = new HashMap<>();
        Set<String> queuedOn = new HashSet<>();
        for (Messages.NewMessage message : fresh) {
            Long seq = seqs.get(message.id());
            if (seq == null) {
                continue;
            }
            StoredMessage row = new StoredMessage(
                    message.id(),
                    seq,
                    message.accountId(),
                    message.channelId(),
                    message.chatId(),
                    message.text(),
                    message.state(),
                    message.reason(),
                    message.heldBy(),
                    null,
                    null,
                    0,
                    0,
                    message.idempotencyKey(),
                    message.requestHash(),
                    message.expiresAt(),
                    now,
                    now,
                    null,
                    null,
                    null,
                    message.template());
            transitions.accepted(row);
            metrics.accepted(message.state());
            stored.put(message.id(), row);
            if (message.state() == MessageState.QUEUED) {
                queuedOn.add(message.channelId());
            }
        }
        for (String channelId : queuedOn) {
            ChannelLane lane = locked.get(channelId).lane();
            // A Cloud API lane may be put off by its chats' pair rate: a message to another chat makes it due now.
            if (!lane.hasPending() || lane.kind() == ChannelKind.CLOUD_API) {
                lanes.markPending(channelId);
            }
        }
        if (!queuedOn.isEmpty()) {
            dispatcher.wakeAfterCommit();
        }
        return stored;
    }
}
