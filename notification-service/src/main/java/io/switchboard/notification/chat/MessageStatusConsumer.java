package io.switchboard.notification.chat;

import io.switchboard.contracts.Topics;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

/** The outbound messages' states, for the system messages of seed 003. */
@ApplicationScoped
public class MessageStatusConsumer implements EventConsumer<MessageStatusChanged> {

    private static final Subscription<MessageStatusChanged> SUBSCRIPTION = Subscription.of("message-status",
            Topics.MESSAGE_STATUS, MessageStatusChanged.class);

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
