package io.switchboard.channel.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.events.Inbox;
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

    private final Inbox inbox;
    private final ConnectionUpdates connections;
    private final MeterRegistry meters;

    public ProviderEventConsumer(Inbox inbox, ConnectionUpdates connections,
            MeterRegistry meters) {
        this.inbox = inbox;
        this.connections = connections;
        this.meters = meters;
    }

    @Incoming("provider-events-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, ProviderEvent.class, this::apply);
    }

    private void apply(ProviderEvent event) {
        meters.counter("switchboard.provider.events", "type", String.valueOf(event.type())).increment();
        switch (event.type()) {
            case HEALTH -> connections.applyHealth(event);
            case QR, SESSION_CONNECTED, SESSION_DISCONNECTED, PHONE_OFFLINE, PHONE_ONLINE, CONFLICT, NUMBER_DISCONNECTED ->
                    connections.apply(event);
            default -> LOG.debugf("Provider event %s (%s) of channel %s kept, not acted upon", event.eventId(),
                    event.providerEventName(), event.channelId());
        }
    }
}
