package io.switchboard.notification.channel;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Records every channel status change once, and hands it to {@link ChannelNotices} for the curators. */
@ApplicationScoped
class ChannelStatusConsumer implements PerEventConsumer<ChannelStatusChanged> {

    private static final Subscription<ChannelStatusChanged> SUBSCRIPTION =
            Subscription.of("channel-status", Streams.CHANNEL_STATUS);

    private final ObservedChannelStatuses observed;
    private final ChannelNotices notices;
    private final Clock clock;

    public ChannelStatusConsumer(ObservedChannelStatuses observed, ChannelNotices notices, Clock clock) {
        this.observed = observed;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public Subscription<ChannelStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<ChannelStatusChanged> received) {
        ChannelStatusChanged event = received.payload();
        ObservedChannelStatus row = new ObservedChannelStatus();
        row.eventId = received.event().id();
        row.channelId = event.channelId();
        row.accountId = event.accountId();
        row.previousStatus = event.previousStatus();
        row.status = event.status();
        row.requiredAction = event.requiredAction();
        row.version = event.version();
        row.occurredAt = event.occurredAt();
        row.receivedAt = clock.instant();
        observed.persist(row);
        notices.apply(event);
    }
}
