package io.switchboard.queue.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.events.EventJson;
import io.switchboard.platform.events.IncomingEvent;
import io.switchboard.platform.events.ProcessedEvents;
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

    private final ProcessedEvents processed;
    private final EventJson json;
    private final ChannelViews views;
    private final Backlog backlog;

    public ChannelStatusConsumer(ProcessedEvents processed, EventJson json, ChannelViews views, Backlog backlog) {
        this.processed = processed;
        this.json = json;
        this.views = views;
        this.backlog = backlog;
    }

    @Incoming("channel-status-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent incoming = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, incoming.id())) {
            return;
        }
        ChannelStatusChanged event = json.read(incoming, ChannelStatusChanged.class);
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
