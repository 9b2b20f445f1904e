package io.switchboard.queue.message;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a person does to a queue: cancel one message, clear a channel's held messages, release a backlog held for them
 * (release mode HOLD). Large queues are cleared in chunks, one transaction each, under the channel's lock.
 */
@ApplicationScoped
class MessageControl {

    /** Messages per transaction when a queue is cleared. */
    static final int CHUNK = 1_000;

    private final ChannelLanes lanes;
    private final Messages messages;
    private final MessageTransitions transitions;
    private final DispatchWakeups dispatcher;
    private final Clock clock;

    public MessageControl(
            ChannelLanes lanes,
            Messages messages,
            MessageTransitions transitions,
            DispatchWakeups dispatcher,
            Clock clock) {
        this.lanes = lanes;
        this.messages = messages;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Cancels a message not yet handed to the provider; 409 once it has been (or has ended). */
    public StoredMessage cancel(String accountId, String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String channelId = messages.ofAccount(accountId, messageId).channelId();
            lanes.lock(channelId);
            StoredMessage message = messages.one(messageId);
            if (message.state() != MessageState.QUEUED && message.state() != MessageState.FROZEN) {
                throw new ProblemException(Problem.of(
                                409,
                                "message-not-cancellable",
                                "Message cannot be cancelled",
                                "Message " + messageId + " is " + message.state()
                                        + (message.state() == MessageState.DISPATCHING
                                                ? ": it is being handed to the provider"
                                                : ": it is no longer waiting to be sent"))
                        .with("messageId", messageId)
                        .with("state", message.state()));
            }
            transitions.apply(List.of(Transition.of(message, MessageState.CANCELLED, "cancelled by a user")));
            return messages.one(messageId);
        });
    }

    /**
     * Cancels every message the channel holds (QUEUED or FROZEN, not one already handed to the provider), in chunks;
     * a backlog held for release is held no longer. Messages accepted meanwhile are not touched.
     *
     * @return how many were cancelled
     */
    public long clear(String accountId, String channelId) {
        Optional<Long> through = QuarkusTransaction.requiringNew().call(() -> {
            lanes.lockedOfAccount(accountId, channelId);
            return lanes.lastPendingSeq(channelId);
        });
        long cancelled = 0;
        if (through.isPresent()) {
            int moved;
            do {
                moved = QuarkusTransaction.requiringNew().call(() -> {
                    lanes.lock(channelId);
                    List<Transition> cancel = messages.held(channelId, through.get(), CHUNK).stream()
                            .map(message -> Transition.of(message, MessageState.CANCELLED, "queue cleared by a user"))
                            .toList();
                    return transitions.apply(cancel).size();
                });
                cancelled += moved;
            } while (moved > 0);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> lanes.lock(channelId)
                        .filter(ChannelLane::held)
                        .ifPresent(lane -> lanes.startRelease(channelId, null, clock.instant())));
        return cancelled;
    }

    /**
     * Releases a backlog held for a person: sent now, paced. 409 while the channel cannot send.
     *
     * @return whether a held backlog was released (false: nothing was held)
     */
    public boolean release(String accountId, String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ChannelLane lane = lanes.lockedOfAccount(accountId, channelId).lane();
            if (lane.sendPolicy() != SendPolicy.SEND) {
                throw new ProblemException(AcceptDecisions.cannotSend(lane, channelId));
            }
            if (!lane.held()) {
                return false;
            }
            lanes.startRelease(channelId, lanes.lastPendingSeq(channelId).orElse(null), clock.instant());
            dispatcher.wakeAfterCommit();
            return true;
        });
    }
}
