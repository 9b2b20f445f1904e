package io.switchboard.queue.channel;

import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import io.switchboard.queue.message.Backlog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the channel views from {@code channel.status.v1}: a newer version replaces an older one, an older one is
 * ignored. A channel whose policy becomes SEND gets its frozen backlog released.
 */
@ApplicationScoped
public class ChannelStatusConsumer implements EventConsumer<ChannelStatusChanged> {

    private static final Subscription<ChannelStatusChanged> SUBSCRIPTION = Subscription
            .of("channel-status", Topics.CHANNEL_STATUS, ChannelStatusChanged.class).versioned();

    private final ChannelViews views;
    private final Backlog backlog;

    public ChannelStatusConsumer(ChannelViews views, Backlog backlog) {
        this.views = views;
        this.backlog = backlog;
    }

    @Override
    public Subscription<ChannelStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<ChannelStatusChanged> received) {
        ChannelStatusChanged event = received.payload();
        ChannelView view = views.locked(event.channelId()).orElseGet(() -> {
            ChannelView created = new ChannelView();
            created.channelId = event.channelId();
            created.version = Long.MIN_VALUE;
            return created;
        });
        if (event.version() <= view.version) {
            return;
        }
        view.accountId = event.accountId();
        view.status = event.status();
        view.sendPolicy = event.sendPolicy();
        view.requiredAction = event.requiredAction();
        if (event.providerChannelId() != null) {
            view.providerChannelId = event.providerChannelId();
        }
        view.version = event.version();
        view.updatedAt = event.occurredAt();
        views.persist(view);
        if (view.sendPolicy == SendPolicy.SEND) {
            backlog.release(view);
        }
    }
}
