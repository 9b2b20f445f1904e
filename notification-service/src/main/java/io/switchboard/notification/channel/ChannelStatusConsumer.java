package io.switchboard.notification.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.Inbox;
import io.switchboard.platform.events.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records every channel status change once. */
@ApplicationScoped
public class ChannelStatusConsumer {

    static final String CONSUMER = "notification-service.channel-status";

    private final Inbox inbox;
    private final ObservedChannelStatuses observed;

    public ChannelStatusConsumer(Inbox inbox, ObservedChannelStatuses observed) {
        this.inbox = inbox;
        this.observed = observed;
    }

    @Incoming("channel-status-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, ChannelStatusChanged.class, event -> record(IncomingEvent.from(record).id(), event));
    }

    private void record(String eventId, ChannelStatusChanged event) {
        ObservedChannelStatus row = new ObservedChannelStatus();
        row.eventId = eventId;
        row.channelId = event.channelId();
        row.accountId = event.accountId();
        row.previousStatus = event.previousStatus();
        row.status = event.status();
        row.requiredAction = event.requiredAction();
        row.version = event.version();
        row.occurredAt = event.occurredAt();
        row.receivedAt = Instant.now();
        observed.persist(row);
    }
}
