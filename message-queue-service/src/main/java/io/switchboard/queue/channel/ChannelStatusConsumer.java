package io.switchboard.queue.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.events.Inbox;
import io.switchboard.queue.message.Backlog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the channel views from {@code channel.status.v1}: a newer version replaces an older one, an older one is
 * ignored. A channel whose policy becomes SEND gets its frozen backlog released.
 */
@ApplicationScoped
public class ChannelStatusConsumer {

    static final String CONSUMER = "message-queue-service.channel-status";

    private final Inbox inbox;
    private final ChannelViews views;
    private final Backlog backlog;

    public ChannelStatusConsumer(Inbox inbox, ChannelViews views, Backlog backlog) {
        this.inbox = inbox;
        this.views = views;
        this.backlog = backlog;
    }

    @Incoming("channel-status-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, ChannelStatusChanged.class, this::apply);
    }

    private void apply(ChannelStatusChanged event) {
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
