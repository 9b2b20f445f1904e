package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.Problem;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What becomes of each item of a group of requests, decided in memory before anything is stored: refused now, a repeat
 * of a message stored earlier, or a new message (QUEUED or FROZEN by the channel's send policy). Knows no database: the
 * caller reads the channels and the earlier messages of the keys, and stores {@link #fresh()}.
 */
final class AcceptDecisions {

    /** An item's answer: known now, or once the new messages are stored. */
    sealed interface Slot {

        /** The outcome, given the messages the insert stored (by id). */
        Acceptance.Outcome resolve(Map<String, StoredMessage> stored);
    }

    record Decided(Acceptance.Outcome outcome) implements Slot {

        @Override
        public Acceptance.Outcome resolve(Map<String, StoredMessage> stored) {
            return outcome;
        }
    }

    /** @param repeated a repeat, within the group, of the item that made {@code message} */
    record Awaiting(Messages.NewMessage message, boolean repeated) implements Slot {

        @Override
        public Acceptance.Outcome resolve(Map<String, StoredMessage> stored) {
            StoredMessage row = stored.get(message.id());
            // Not stored: another request stored the key a moment ago (on another channel of the account).
            return row != null
                    ? new Acceptance.Accepted(row, repeated)
                    : new Acceptance.Refused(keyReused(message.idempotencyKey()));
        }
    }

    private final Map<String, Map<String, StoredMessage>> earlierByAccount;
    private final Duration maxTtl;
    private final Instant now;
    private final Map<String, Instant> lastInbound;
    private final Map<String, TemplateStatuses.Known> templates;
    private final Map<String, Messages.NewMessage> freshByKey = new HashMap<>(); // by account and key
    private final List<Messages.NewMessage> fresh = new ArrayList<>();

    /**
     * @param earlierByAccount per account, the stored messages of the group's idempotency keys
     * @param maxTtl the longest time to live a message may ask for
     * @param lastInbound when the client of each Cloud API channel's chat last wrote ({@link ServiceWindows#key})
     */
    AcceptDecisions(
            Map<String, Map<String, StoredMessage>> earlierByAccount,
            Duration maxTtl,
            Instant now,
            Map<String, Instant> lastInbound) {
        this(earlierByAccount, maxTtl, now, lastInbound, Map.of());
    }

    /** @param templates what Meta last said of the templates the group names ({@link TemplateStatuses#key}) */
    AcceptDecisions(
            Map<String, Map<String, StoredMessage>> earlierByAccount,
            Duration maxTtl,
            Instant now,
            Map<String, Instant> lastInbound,
            Map<String, TemplateStatuses.Known> templates) {
        this.templates = templates;
        this.earlierByAccount = earlierByAccount;
        this.maxTtl = maxTtl;
        this.now = now;
        this.lastInbound = lastInbound;
    }

    /** The new messages to store, in the order of their items. */
    List<Messages.NewMessage> fresh() {
        return fresh;
    }

    /** Decides each item of a request to a locked channel of its account. */
    List<Slot> decide(Acceptance.Request request, ChannelLanes.LaneWithSettings locked) {
        ChannelLane lane = locked.lane();
        AccountSettings settings = locked.settings();
        SendPolicy policy = settings.policyFor(lane.status(), lane.sendPolicy());
        Map<String, StoredMessage> earlier = earlierByAccount.getOrDefault(request.accountId(), Map.of());
        List<Slot> slots = new ArrayList<>(request.items().size());
        for (Acceptance.Item item : request.items()) {
            slots.add(decide(request, item, lane, settings, policy, earlier));
        }
        return slots;
    }

    private Slot decide(
            Acceptance.Request request,
            Acceptance.Item item,
            ChannelLane lane,
            AccountSettings settings,
            SendPolicy policy,
            Map<String, StoredMessage> earlier) {
        String key = item.idempotencyKey();
        String hash = requestHash(request.channelId(), item);
        if (key != null && earlier.containsKey(key)) {
            StoredMessage first = earlier.get(key);
            return new Decided(
                    first.requestHash().equals(hash)
                            ? new Acceptance.Accepted(first, true)
                            : new Acceptance.Refused(keyReused(key)));
        }
        String accountKey = key == null ? null : request.accountId() + '\n' + key;
        if (key != null && freshByKey.containsKey(accountKey)) {
            // The same key twice in one request (or group): the second is a repeat of the first.
            Messages.NewMessage first = freshByKey.get(accountKey);
            return first.requestHash().equals(hash)
                    ? new Awaiting(first, true)
                    : new Decided(new Acceptance.Refused(keyReused(key)));
        }
        if (policy == SendPolicy.REJECT) {
            return new Decided(new Acceptance.Refused(cannotSend(lane, request.channelId())));
        }
        if (item.template() != null && lane.kind() != ChannelKind.CLOUD_API) {
            return new Decided(new Acceptance.Refused(Problem.invalidField(
                    "template", "is for Cloud API channels only: a WhatsApp Web channel sends text")));
        }
        if (item.template() != null) {
            TemplateStatuses.Known known = templates.get(TemplateStatuses.key(
                    request.channelId(), item.template().name(), item.template().language()));
            if (known != null && !known.sendable()) {
                return new Decided(new Acceptance.Refused(templateNotSendable(request.channelId(), item, known)));
            }
        }
        if (lane.kind() == ChannelKind.CLOUD_API && item.template() == null) {
            Instant wrote = lastInbound.get(ServiceWindows.key(request.channelId(), item.chatId()));
            if (wrote == null || !wrote.plus(ServiceWindows.LENGTH).isAfter(now)) {
                return new Decided(
                        new Acceptance.Refused(outsideServiceWindow(request.channelId(), item.chatId(), wrote)));
            }
        }
        Duration ttl = item.ttlSeconds() != null ? Duration.ofSeconds(item.ttlSeconds()) : settings.defaultTtl();
        if (ttl.compareTo(maxTtl) > 0) {
            return new Decided(
                    new Acceptance.Refused(Problem.invalidField("ttlSeconds", "is at most " + maxTtl.toSeconds())));
        }
        boolean queued = policy == SendPolicy.SEND && !lane.held();
        ChannelStatus heldBy = queued || lane.held() ? null : lane.status();
        String reason =
                queued ? null : lane.held() ? Held.FOR_RELEASE : Held.byChannel(lane.status(), lane.requiredAction());
        Messages.NewMessage message = new Messages.NewMessage(
                UUID.randomUUID().toString(),
                request.accountId(),
                request.channelId(),
                item.chatId(),
                item.template() == null ? item.text() : item.template().summary(),
                queued ? MessageState.QUEUED : MessageState.FROZEN,
                reason,
                heldBy,
                key,
                hash,
                now.plus(ttl),
                item.template() == null ? null : item.template().metaJson());
        fresh.add(message);
        if (key != null) {
            freshByKey.put(accountKey, message);
        }
        return new Awaiting(message, false);
    }

    /**
     * 409 {@code channel-cannot-send}: names the channel's status ({@code channelStatus}: the problem's {@code status}
     * is the HTTP status, as RFC 9457 has it) and what a person must do.
     */
    static Problem cannotSend(ChannelLane lane, String channelId) {
        return Problem.of(
                        409,
                        "channel-cannot-send",
                        "Channel cannot send",
                        "Channel " + channelId + " is " + lane.status() + ": "
                                + lane.requiredAction().description())
                .with("channelId", channelId)
                .with("channelStatus", lane.status())
                .with("requiredAction", lane.requiredAction())
                .with("requiredActionText", lane.requiredAction().description());
    }

    /**
     * 409 {@code outside-service-window}: the client has not written to this Cloud API number within 24 hours, and
     * WhatsApp lets a business send free text only within that window.
     */
    static Problem outsideServiceWindow(String channelId, String chatId, Instant lastInbound) {
        Problem problem = Problem.of(
                        409,
                        "outside-service-window",
                        "Outside the customer service window",
                        "The client " + chatId + " has not written to this WhatsApp Cloud API number within 24 hours"
                                + (lastInbound == null ? " (never)" : " (last at " + lastInbound + ")")
                                + ": WhatsApp lets a business send free text only within 24 hours of the client's"
                                + " last message. Wait for the client to write, or send an approved template.")
                .with("channelId", channelId)
                .with("chatId", chatId);
        return lastInbound == null ? problem : problem.with("windowClosedAt", lastInbound.plus(ServiceWindows.LENGTH));
    }

    /** 409 {@code template-not-sendable}: Meta said the template is paused, disabled, rejected, ... */
    static Problem templateNotSendable(String channelId, Acceptance.Item item, TemplateStatuses.Known known) {
        return Problem.of(
                        409,
                        "template-not-sendable",
                        "Template not sendable",
                        "Meta reports the template " + item.template().name() + " ("
                                + item.template().language()
                                + ") " + known.status()
                                + (known.reason() == null ? "" : " (" + known.reason() + ")")
                                + ": WhatsApp refuses its messages. Send another approved template, or fix this one"
                                + " in WhatsApp Manager.")
                .with("channelId", channelId)
                .with("template", item.template().name())
                .with("language", item.template().language())
                .with("templateStatus", known.status());
    }

    static Problem keyReused(String key) {
        return Problem.of(
                        409,
                        "idempotency-key-reused",
                        "Idempotency key already used",
                        "Idempotency key '" + key + "' was used for another message; use a new key for a new message")
                .with("idempotencyKey", key);
    }

    /** What makes two requests the same: the channel and everything the message is made of. */
    static String requestHash(String channelId, Acceptance.Item item) {
        String canonical = channelId
                + '\n'
                + item.chatId()
                + '\n'
                + (item.ttlSeconds() == null ? "" : item.ttlSeconds())
                + '\n'
                + (item.template() == null
                        ? item.text()
                        : "template:" + item.template().metaJson());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
