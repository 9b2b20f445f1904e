package io.switchboard.channel.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.events.EventJson;
import io.switchboard.platform.events.IncomingEvent;
import io.switchboard.platform.events.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Applies provider events from {@code provider.events.v1}, once each, in order per channel. */
@ApplicationScoped
public class ProviderEventConsumer {

    static final String CONSUMER = "channel-service.provider-events";
    private static final Logger LOG = Logger.getLogger(ProviderEventConsumer.class);

    private final ProcessedEvents processed;
    private final EventJson json;
    private final ConnectionUpdates connections;
    private final MeterRegistry meters;

    public ProviderEventConsumer(ProcessedEvents processed, EventJson json, ConnectionUpdates connections,
            MeterRegistry meters) {
        this.processed = processed;
        this.json = json;
        this.connections = connections;
        this.meters = meters;
    }

    @Incoming("provider-events-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent incoming = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, incoming.id())) {
            return;
        }
        ProviderEvent event = json.read(incoming, ProviderEvent.class);
        meters.counter("switchboard.provider.events", "type", String.valueOf(event.type())).increment();
        switch (event.type()) {
            case HEALTH -> connections.applyHealth(event);
            default -> LOG.debugf("Provider event %s (%s) of channel %s kept, not acted upon", event.eventId(),
                    event.providerEventName(), event.channelId());
        }
    }
}
