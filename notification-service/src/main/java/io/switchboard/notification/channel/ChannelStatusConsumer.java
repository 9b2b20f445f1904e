package io.switchboard.notification.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.EventJson;
import io.switchboard.platform.events.IncomingEvent;
import io.switchboard.platform.events.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records every channel status change once. */
@ApplicationScoped
public class ChannelStatusConsumer {

    static final String CONSUMER = "notification-service.channel-status";

    private final ProcessedEvents processed;
    private final EventJson json;
    private final ObservedChannelStatuses observed;

    public ChannelStatusConsumer(ProcessedEvents processed, EventJson json, ObservedChannelStatuses observed) {
        this.processed = processed;
        this.json = json;
        this.observed = observed;
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
        ObservedChannelStatus row = new ObservedChannelStatus();
        row.eventId = incoming.id();
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
