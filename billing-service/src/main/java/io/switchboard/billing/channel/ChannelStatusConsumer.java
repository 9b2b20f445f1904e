package io.switchboard.billing.channel;

import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        applyAll(List.of(received));
    }

    /** The batch's channels locked in one statement; each ends at its newest version. */
    @Override
    public void applyAll(List<Received<ChannelStatusChanged>> events) {
        Map<String, BilledChannel> locked = channels.lockedByIds(events.stream().map(e -> e.payload().channelId())
                .collect(Collectors.toSet()));
        List<BilledChannel> created = new ArrayList<>();
        for (Received<ChannelStatusChanged> received : events) {
            ChannelStatusChanged event = received.payload();
            BilledChannel channel = locked.get(event.channelId());
            if (channel != null && event.version() <= channel.version) {
                continue;
            }
            if (channel == null) {
                channel = new BilledChannel();
                channel.channelId = event.channelId();
                locked.put(channel.channelId, channel);
                created.add(channel);
            }
            channel.accountId = event.accountId();
            channel.name = event.name();
            channel.status = event.status();
            channel.billable = BilledChannel.billable(event.status());
            channel.version = event.version();
            channel.updatedAt = event.occurredAt();
        }
        created.forEach(channels::persist); // once complete: an entity is inserted as it was when persisted
    }
}
