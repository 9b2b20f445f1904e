package io.switchboard.queue.message;

import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The one place a message changes state: the row and its {@code message.status.v1} event commit together. */
@ApplicationScoped
public class MessageTransitions {

    private final OutboundMessages messages;
    private final Outbox outbox;

    public MessageTransitions(OutboundMessages messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    /** Stores a just-accepted message in its first state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(OutboundMessage message, MessageState state, String reason) {
        message.state = state;
        message.reason = reason;
        message.createdAt = Instant.now();
        message.updatedAt = message.createdAt;
        messages.persist(message);
        publish(message, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void move(OutboundMessage message, MessageState next, String reason) {
        MessageState previous = message.state;
        message.state = next;
        message.reason = reason;
        message.updatedAt = Instant.now();
        publish(message, previous);
    }

    private void publish(OutboundMessage message, MessageState previous) {
        outbox.publish(Topics.MESSAGE_STATUS, message.channelId, EventTypes.MESSAGE_STATUS_CHANGED, message.id,
                new MessageStatusChanged(message.id, message.channelId, message.accountId, message.chatId, previous,
                        message.state, message.reason, message.providerMessageId, message.errorCode, message.updatedAt));
    }
}
