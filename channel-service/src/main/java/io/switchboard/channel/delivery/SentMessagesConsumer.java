package io.switchboard.channel.delivery;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Follows {@code message.status.v1} for the sends the provider accepted (SENT with its message id), which its
 * receipts then acknowledge. An upsert: a redelivered event changes nothing, so no log of applied events is kept.
 */
@ApplicationScoped
class SentMessagesConsumer implements EventConsumer<MessageStatusChanged> {

    private static final Subscription<MessageStatusChanged> SUBSCRIPTION =
            Subscription.of("sent-messages", Streams.MESSAGE_STATUS).versioned();

    private final DeliveryFacts facts;

    SentMessagesConsumer(DeliveryFacts facts) {
        this.facts = facts;
    }

    @Override
    public Subscription<MessageStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void applyAll(List<Received<MessageStatusChanged>> events) {
        facts.sent(events.stream()
                .map(Received::payload)
                .filter(event -> event.state() == MessageState.SENT && event.providerMessageId() != null)
                .map(event -> new DeliveryFacts.Sent(
                        event.channelId(), event.providerMessageId(), event.chatId(), event.occurredAt()))
                .toList());
    }
}
