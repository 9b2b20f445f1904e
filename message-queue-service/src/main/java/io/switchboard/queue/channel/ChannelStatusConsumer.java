package io.switchboard.queue.channel;

import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import io.switchboard.queue.message.Backlog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        applyAll(List.of(received));
    }

    /** The batch's channels locked in one statement; each ends at its newest version; then one release. */
    @Override
    public void applyAll(List<Received<ChannelStatusChanged>> events) {
        Map<String, ChannelView> locked = views.lockedByIds(events.stream().map(e -> e.payload().channelId())
                .collect(Collectors.toSet()));
        Map<String, ChannelView> changed = new LinkedHashMap<>();
        for (Received<ChannelStatusChanged> received : events) {
            ChannelStatusChanged event = received.payload();
            ChannelView view = locked.computeIfAbsent(event.channelId(), id -> {
                ChannelView created = new ChannelView();
                created.channelId = id;
                created.version = Long.MIN_VALUE;
                return created;
            });
            if (event.version() <= view.version) {
                continue;
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
            changed.put(view.channelId, view);
        }
        changed.values().forEach(views::persist);
        backlog.release(changed.values().stream().filter(view -> view.sendPolicy == SendPolicy.SEND).toList());
    }
}
