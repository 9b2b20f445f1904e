package io.switchboard.notification.chat;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

/** The outbound messages' states, for the system messages (docs/product/system-messages.md). */
@ApplicationScoped
class MessageStatusConsumer implements PerEventConsumer<MessageStatusChanged> {

    private static final Subscription<MessageStatusChanged> SUBSCRIPTION =
            Subscription.of("message-status", Streams.MESSAGE_STATUS);

    private final ChatRules rules;

    public MessageStatusConsumer(ChatRules rules) {
        this.rules = rules;
    }

    @Override
    public Subscription<MessageStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<MessageStatusChanged> received) {
        rules.apply(received.payload());
    }
}
