package io.switchboard.billing.channel;

import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the billed channels from {@code channel.status.v1}; an older version never overwrites a newer one. */
@ApplicationScoped
public class ChannelStatusConsumer implements EventConsumer<ChannelStatusChanged> {

    private static final Subscription<ChannelStatusChanged> SUBSCRIPTION = Subscription
            .of("channel-status", Topics.CHANNEL_STATUS, ChannelStatusChanged.class).versioned();

    private final BilledChannels channels;

    public ChannelStatusConsumer(BilledChannels channels) {
        this.channels = channels;
    }

    @Override
    public Subscription<ChannelStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<ChannelStatusChanged> received) {
        ChannelStatusChanged event = received.payload();
        BilledChannel channel = channels.locked(event.channelId()).orElseGet(BilledChannel::new);
        if (channel.channelId != null && event.version() <= channel.version) {
            return;
        }
        channel.channelId = event.channelId();
        channel.accountId = event.accountId();
        channel.name = event.name();
        channel.status = event.status();
        channel.billable = BilledChannel.billable(event.status());
        channel.version = event.version();
        channel.updatedAt = event.occurredAt();
        channels.persist(channel);
    }
}
