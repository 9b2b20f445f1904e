package io.switchboard.billing.channel;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Keeps the billed channels from {@code channel.status.v1}: every change of a channel's effective status. */
@ApplicationScoped
class ChannelStatusConsumer implements EventConsumer<ChannelStatusChanged> {

    private static final Subscription<ChannelStatusChanged> SUBSCRIPTION =
            Subscription.of("channel-status", Streams.CHANNEL_STATUS).versioned();

    private final ChannelBook book;

    public ChannelStatusConsumer(ChannelBook book) {
        this.book = book;
    }

    @Override
    public Subscription<ChannelStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void applyAll(List<Received<ChannelStatusChanged>> events) {
        book.apply(events.stream()
                .map(Received::payload)
                .map(event -> new ChannelBook.ChannelFact(
                        event.channelId(),
                        event.accountId(),
                        event.name(),
                        event.status(),
                        event.version(),
                        event.occurredAt()))
                .toList());
    }
}
