package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.QueueDefaults;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import io.switchboard.queue.dispatch.Dispatcher;
import io.switchboard.queue.metrics.QueueMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts messages by the channel's send policy (the account's override, else the catalogue's): SEND queues them
 * (unless the channel's backlog is held for a person), QUEUE freezes them, REJECT refuses them with the status and the
 * required action. A repeated idempotency key answers the first message, whatever the channel's status is now.
 */
@ApplicationScoped
public class Acceptance {

    private final ChannelLanes lanes;
    private final Messages messages;
    private final MessageTransitions transitions;
    private final Dispatcher dispatcher;
    private final QueueDefaults defaults;
    private final QueueMetrics metrics;
    private final Clock clock;

    public Acceptance(ChannelLanes lanes, Messages messages, MessageTransitions transitions, Dispatcher dispatcher,
            QueueDefaults defaults, QueueMetrics metrics, Clock clock) {
        this.lanes = lanes;
        this.messages = messages;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.defaults = defaults;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What became of one message of a request. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /** @param repeated an idempotent repeat: the message the key first stored */
    public record Accepted(StoredMessage message, boolean repeated) implements Outcome {
    }

    public record Refused(Problem problem) implements Outcome {
    }

    /** A valid request item, its chat id already in E.164. */
    public record Item(String chatId, String text, String idempotencyKey, Long ttlSeconds) {
    }

    /** One request: its items go to one channel of one account. */
    public record Request(String accountId, String channelId, List<Item> items) {
    }

    /**
     * What became of a request: an outcome per item, or {@code refused} (404) for a channel of another account or
     * unknown to the queue, which changed nothing.
     */
    public record Result(List<Outcome> outcomes, Problem refused) {
    }

    /**
     * Accepts the items in one transaction, in their order; refused ones change nothing.
     *
     * @throws ProblemException 404 for a channel of another account or unknown to the queue
     */
    @Transactional
    public List<Outcome> accept(String accountId, String channelId, List<Item> items) {
        Result result = acceptAll(List.of(new Request(accountId, channelId, items))).get(0);
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
            List<String> keys = ofAccount.stream().flatMap(request -> request.items().stream())
                    .map(Item::idempotencyKey).filter(Objects::nonNull).distinct().toList();
            earlier.put(accountId, messages.byIdempotencyKeys(accountId, keys));
        });
        Instant now = clock.instant();
        Outcome[][] outcomes = new Outcome[requests.size()][];
        Problem[] refused = new Problem[requests.size()];
        List<Messages.NewMessage> fresh = new ArrayList<>();
        List<Answer> answers = new ArrayList<>(); // answered once the new messages are stored
        Map<String, Messages.NewMessage> freshByKey = new HashMap<>(); // by account and key
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            ChannelLanes.LaneWithSettings lane = locked.get(request.channelId());
            if (lane == null || !lane.lane().accountId().equals(request.accountId())) {
                refused[r] = ProblemException.notFound("Channel", request.channelId()).problem();
                continue;
            }
            outcomes[r] = new Outcome[request.items().size()];
            decide(request, r, lane, earlier.get(request.accountId()), freshByKey, now, outcomes[r], fresh, answers);
        }

        Map<String, Long> seqs = messages.insertAll(fresh, now);
        Map<String, StoredMessage> stored = new HashMap<>();
        Set<String> queuedOn = new HashSet<>();
        for (Messages.NewMessage message : fresh) {
            Long seq = seqs.get(message.id());
            if (seq == null) {
                continue; // another request stored this key a moment ago (on another channel of the account)
            }
            StoredMessage row = new StoredMessage(message.id(), seq, message.accountId(), message.channelId(),
                    message.chatId(), message.text(), message.state(), message.reason(), message.heldBy(), null, null, 0, 0,
                    message.idempotencyKey(), message.requestHash(), message.expiresAt(), now, now, null, null, null);
            transitions.accepted(row);
            metrics.accepted(message.state());
            stored.put(message.id(), row);
            if (message.state() == MessageState.QUEUED) {
                queuedOn.add(message.channelId());
            }
        }
        for (Answer answer : answers) {
            StoredMessage row = stored.get(answer.message().id());
            outcomes[answer.request()][answer.index()] = row != null ? new Accepted(row, answer.repeated())
                    : new Refused(keyReused(answer.message().idempotencyKey()));
        }
        for (String channelId : queuedOn) {
            if (!locked.get(channelId).lane().hasPending()) {
                lanes.markPending(channelId);
            }
        }
        if (!queuedOn.isEmpty()) {
            dispatcher.wakeAfterCommit();
        }
        List<Result> results = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            results.add(refused[r] != null ? new Result(List.of(), refused[r]) : new Result(List.of(outcomes[r]), null));
        }
        return results;
    }

    /** Decides each item of a request: refused now, a repeat of a stored message, or a new message to store. */
    private void decide(Request request, int r, ChannelLanes.LaneWithSettings locked, Map<String, StoredMessage> earlier,
            Map<String, Messages.NewMessage> freshByKey, Instant now, Outcome[] outcomes, List<Messages.NewMessage> fresh,
            List<Answer> answers) {
        ChannelLane lane = locked.lane();
        AccountSettings settings = locked.settings();
        SendPolicy policy = settings.policyFor(lane.status(), lane.sendPolicy());
        for (int i = 0; i < request.items().size(); i++) {
            Item item = request.items().get(i);
            String key = item.idempotencyKey();
            String hash = requestHash(request.channelId(), item);
            if (key != null && earlier.containsKey(key)) {
                outcomes[i] = earlier.get(key).requestHash().equals(hash) ? new Accepted(earlier.get(key), true)
                        : new Refused(keyReused(key));
                continue;
            }
            String accountKey = key == null ? null : request.accountId() + '\n' + key;
            if (key != null && freshByKey.containsKey(accountKey)) {
                // The same key twice in one request (or group): the second is a repeat of the first.
                Messages.NewMessage first = freshByKey.get(accountKey);
                if (first.requestHash().equals(hash)) {
                    answers.add(new Answer(r, i, first, true));
                } else {
                    outcomes[i] = new Refused(keyReused(key));
                }
                continue;
            }
            if (policy == SendPolicy.REJECT) {
                outcomes[i] = new Refused(cannotSend(lane, request.channelId()));
                continue;
            }
            Duration ttl = item.ttlSeconds() != null ? Duration.ofSeconds(item.ttlSeconds()) : settings.defaultTtl();
            if (ttl.compareTo(defaults.maxTtl()) > 0) {
                outcomes[i] = new Refused(Problem.invalidField("ttlSeconds", "is at most " + defaults.maxTtl().toSeconds()));
                continue;
            }
            boolean queued = policy == SendPolicy.SEND && !lane.held();
            ChannelStatus heldBy = queued || lane.held() ? null : lane.status();
            String reason = queued ? null : lane.held() ? Held.FOR_RELEASE : Held.byStatus(lane.status());
            Messages.NewMessage message = new Messages.NewMessage(UUID.randomUUID().toString(), request.accountId(),
                    request.channelId(), item.chatId(), item.text(), queued ? MessageState.QUEUED : MessageState.FROZEN,
                    reason, heldBy, key, hash, now.plus(ttl));
            fresh.add(message);
            answers.add(new Answer(r, i, message, false));
            if (key != null) {
                freshByKey.put(accountKey, message);
            }
        }
    }

    private record Answer(int request, int index, Messages.NewMessage message, boolean repeated) {
    }

    /**
     * 409 {@code channel-cannot-send}: names the channel's status ({@code channelStatus}: the problem's {@code status} is
     * the HTTP status, as RFC 9457 has it) and what a person must do.
     */
    static Problem cannotSend(ChannelLane lane, String channelId) {
        return Problem.of(409, "channel-cannot-send", "Channel cannot send",
                "Channel " + channelId + " is " + lane.status() + ": " + lane.requiredAction().description())
                .with("channelId", channelId)
                .with("channelStatus", lane.status())
                .with("requiredAction", lane.requiredAction())
                .with("requiredActionText", lane.requiredAction().description());
    }

    private static Problem keyReused(String key) {
        return Problem.of(409, "idempotency-key-reused", "Idempotency key already used",
                "Idempotency key '" + key + "' was used for another message; use a new key for a new message")
                .with("idempotencyKey", key);
    }

    /** What makes two requests the same: the channel and everything the message is made of. */
    static String requestHash(String channelId, Item item) {
        String canonical = channelId + '\n' + item.chatId() + '\n' + (item.ttlSeconds() == null ? "" : item.ttlSeconds())
                + '\n' + item.text();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
