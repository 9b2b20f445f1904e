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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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

    /**
     * Accepts the items in one transaction, in their order; refused ones change nothing.
     *
     * @throws ProblemException 404 for a channel of another account or unknown to the queue
     */
    @Transactional
    public List<Outcome> accept(String accountId, String channelId, List<Item> items) {
        ChannelLanes.LaneWithSettings locked = lanes.lockedOfAccount(accountId, channelId);
        ChannelLane lane = locked.lane();
        AccountSettings settings = locked.settings();
        SendPolicy policy = settings.policyFor(lane.status(), lane.sendPolicy());

        Map<String, StoredMessage> earlier = messages.byIdempotencyKeys(accountId, items.stream()
                .map(Item::idempotencyKey).filter(Objects::nonNull).distinct().toList());
        Instant now = clock.instant();
        Outcome[] outcomes = new Outcome[items.size()];
        List<Messages.NewMessage> fresh = new ArrayList<>();
        List<Answer> answers = new ArrayList<>(); // answered once the new messages are stored
        Map<String, Messages.NewMessage> freshByKey = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String key = item.idempotencyKey();
            String hash = requestHash(channelId, item);
            if (key != null && earlier.containsKey(key)) {
                outcomes[i] = earlier.get(key).requestHash().equals(hash) ? new Accepted(earlier.get(key), true)
                        : new Refused(keyReused(key));
                continue;
            }
            if (key != null && freshByKey.containsKey(key)) {
                // The same key twice in one request: the second is a repeat of the first.
                Messages.NewMessage first = freshByKey.get(key);
                if (first.requestHash().equals(hash)) {
                    answers.add(new Answer(i, first, true));
                } else {
                    outcomes[i] = new Refused(keyReused(key));
                }
                continue;
            }
            if (policy == SendPolicy.REJECT) {
                outcomes[i] = new Refused(cannotSend(lane, channelId));
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
            Messages.NewMessage message = new Messages.NewMessage(UUID.randomUUID().toString(), item.chatId(), item.text(),
                    queued ? MessageState.QUEUED : MessageState.FROZEN, reason, heldBy, key, hash, now.plus(ttl));
            fresh.add(message);
            answers.add(new Answer(i, message, false));
            if (key != null) {
                freshByKey.put(key, message);
            }
        }

        Map<String, Long> seqs = messages.insertAll(accountId, channelId, fresh, now);
        Map<String, StoredMessage> stored = new HashMap<>();
        boolean queuedAny = false;
        for (Messages.NewMessage message : fresh) {
            Long seq = seqs.get(message.id());
            if (seq == null) {
                continue; // another request stored this key a moment ago (on another channel of the account)
            }
            StoredMessage row = new StoredMessage(message.id(), seq, accountId, channelId, message.chatId(), message.text(),
                    message.state(), message.reason(), message.heldBy(), null, null, 0, message.idempotencyKey(),
                    message.requestHash(), message.expiresAt(), now, now, null, null, null);
            transitions.accepted(row);
            metrics.accepted(message.state());
            stored.put(message.id(), row);
            queuedAny |= message.state() == MessageState.QUEUED;
        }
        for (Answer answer : answers) {
            StoredMessage row = stored.get(answer.message().id());
            outcomes[answer.index()] = row != null ? new Accepted(row, answer.repeated())
                    : new Refused(keyReused(answer.message().idempotencyKey()));
        }
        if (queuedAny) {
            if (!lane.hasPending()) {
                lanes.markPending(channelId);
            }
            dispatcher.wakeAfterCommit();
        }
        return List.of(outcomes);
    }

    private record Answer(int index, Messages.NewMessage message, boolean repeated) {
    }

    /** 409 {@code channel-cannot-send}: names the status and what a person must do. */
    static Problem cannotSend(ChannelLane lane, String channelId) {
        return Problem.of(409, "channel-cannot-send", "Channel cannot send",
                "Channel " + channelId + " is " + lane.status() + ": " + lane.requiredAction().description())
                .with("channelId", channelId)
                .with("status", lane.status())
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
