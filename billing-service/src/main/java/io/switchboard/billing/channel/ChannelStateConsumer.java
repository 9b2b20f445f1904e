package io.switchboard.billing.channel;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Keeps the billed channels from {@code channel.state.v1}, the compacted latest state of every channel, read from the
 * beginning: a channel whose status events have aged out of {@code channel.status.v1} is still known.
 */
@ApplicationScoped
class ChannelStateConsumer implements EventConsumer<ChannelState> {

    private static final Subscription<ChannelState> SUBSCRIPTION =
            Subscription.of("channel-state", Streams.CHANNEL_STATE).versioned();

    private final ChannelBook book;

    public ChannelStateConsumer(ChannelBook book) {
        this.book = book;
    }

    @Override
    public Subscription<ChannelState> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void applyAll(List<Received<ChannelState>> events) {
        book.apply(events.stream()
                .map(Received::payload)
                .map(state -> new ChannelBook.ChannelFact(
                        state.channelId(),
                        state.accountId(),
                        state.name(),
                        state.status(),
                        state.version(),
                        state.updatedAt()))
                .toList());
    }
}
