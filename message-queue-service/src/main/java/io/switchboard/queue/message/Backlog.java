package io.switchboard.queue.message;

import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.channel.ChannelView;
import io.switchboard.queue.channel.ChannelViews;
import io.switchboard.queue.dispatch.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts messages by the channel's send policy (SEND: queue now; QUEUE: freeze; REJECT: refuse with the status
 * and the required action) and releases a channel's frozen messages, oldest first, when it can send again.
 */
@ApplicationScoped
public class Backlog {

    private final ChannelViews channels;
    private final OutboundMessages messages;
    private final MessageTransitions transitions;
    private final Dispatcher dispatcher;

    public Backlog(ChannelViews channels, OutboundMessages messages, MessageTransitions transitions,
            Dispatcher dispatcher) {
        this.channels = channels;
        this.messages = messages;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
    }

    @Transactional
    public OutboundMessage accept(String accountId, String channelId, String chatId, String text) {
        ChannelView channel = channels.lockedOfAccount(accountId, channelId);
        if (channel.sendPolicy == SendPolicy.REJECT) {
            throw new ProblemException(Problem.of(409, "channel-cannot-send", "Channel cannot send",
                    "Channel " + channelId + " is " + channel.status + ": " + channel.requiredAction.description())
                    .with("channelId", channelId)
                    .with("status", channel.status)
                    .with("requiredAction", channel.requiredAction)
                    .with("requiredActionText", channel.requiredAction.description()));
        }
        OutboundMessage message = new OutboundMessage();
        message.id = UUID.randomUUID().toString();
        message.accountId = accountId;
        message.channelId = channelId;
        message.chatId = chatId;
        message.text = text;
        if (channel.sendPolicy == SendPolicy.SEND) {
            transitions.accept(message, MessageState.QUEUED, null);
            dispatcher.wakeAfterCommit();
        } else {
            transitions.accept(message, MessageState.FROZEN, heldBecause(channel));
        }
        return message;
    }

    /** Frozen messages of channels that can send again go back in the queue, in acceptance order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Collection<ChannelView> sending) {
        if (sending.isEmpty()) {
            return;
        }
        Map<String, ChannelView> byId = sending.stream().collect(Collectors.toMap(view -> view.channelId, view -> view));
        var frozen = messages.inState(byId.keySet(), MessageState.FROZEN);
        for (OutboundMessage message : frozen) {
            transitions.move(message, MessageState.QUEUED, "channel " + byId.get(message.channelId).status);
        }
        if (!frozen.isEmpty()) {
            dispatcher.wakeAfterCommit();
        }
    }

    static String heldBecause(ChannelView channel) {
        return "channel " + channel.status;
    }
}
