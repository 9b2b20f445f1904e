package io.switchboard.channel.connection;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.channel.delivery.DeliveryFacts;
import io.switchboard.channel.provider.ProviderSettings;
import io.switchboard.channel.standing.CloudStandings;
import io.switchboard.channel.status.HealthUpdates;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.watchdog.DeliveryStalls;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.platform.events.Dedupe;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Applies provider events from {@code provider.events.v1}, once each, in order per channel. A batch locks all its
 * channels in one statement (in id order) and reads their timers in another; then every event is applied in memory
 * and the changes are written in batches when the transaction commits. Every event, receipts and inbound messages
 * included, is also noted in the channel's delivery facts (one statement per batch). A receipt or an inbound message
 * locks its channel only when the channel's delivery is stalled (a read through a partial index tells), to end it.
 */
@ApplicationScoped
class ProviderEventConsumer implements EventConsumer<ProviderEvent> {

    static final String NAME = "provider-events";
    private static final Logger LOG = Logger.getLogger(ProviderEventConsumer.class);

    private final Subscription<ProviderEvent> subscription;
    private final Channels channels;
    private final ChannelTimers timers;
    private final HealthUpdates health;
    private final SessionEvents sessionEvents;
    private final DeliveryFacts delivery;
    private final DeliveryStalls stalls;
    private final CloudStandings standings;
    private final MeterRegistry meters;

    public ProviderEventConsumer(
            Channels channels,
            ChannelTimers timers,
            HealthUpdates health,
            SessionEvents sessionEvents,
            DeliveryFacts delivery,
            DeliveryStalls stalls,
            CloudStandings standings,
            MeterRegistry meters,
            ProviderSettings settings) {
        this.channels = channels;
        this.timers = timers;
        this.health = health;
        this.sessionEvents = sessionEvents;
        this.delivery = delivery;
        this.stalls = stalls;
        this.standings = standings;
        this.meters = meters;
        // A provider retrying a webhook sends the same body: one event. The same body much later is a new one.
        this.subscription = Subscription.of(NAME, Streams.PROVIDER_EVENTS)
                .dedupedBy(Dedupe.byKeyWithin(
                        ProviderEventConsumer::deliveryKey,
                        received -> received.payload().receivedAt(),
                        settings.webhook().redeliveryWindow()));
    }

    private static String deliveryKey(Received<ProviderEvent> received) {
        String key = received.payload().deliveryKey();
        return key != null ? key : received.payload().eventId();
    }

    @Override
    public Subscription<ProviderEvent> subscription() {
        return subscription;
    }

    @Override
    public void applyAll(List<Received<ProviderEvent>> events) {
        // Receipts and other events the channel does not act upon lock nothing.
        Set<String> ids = new TreeSet<>();
        Set<String> delivering = new TreeSet<>();
        for (Received<ProviderEvent> received : events) {
            ProviderEvent event = received.payload();
            if (changesTheChannel(event)) {
                ids.add(event.channelId());
            } else if (endsAStall(event) && event.channelId() != null) {
                delivering.add(event.channelId());
            }
        }
        delivering.removeAll(ids);
        if (!delivering.isEmpty() && delivery.watching()) {
            ids.addAll(channels.stalledAmong(delivering)); // only a stalled channel's receipt needs its row
        }
        Map<String, Channel> locked = channels.lockedByIds(ids);
        timers.load(locked.keySet());
        for (Received<ProviderEvent> event : events) {
            apply(locked.get(event.payload().channelId()), event.payload());
        }
        // After the channels: the one lock order (channel rows, then their delivery facts).
        delivery.observe(events.stream().map(Received::payload).toList());
    }

    private static boolean changesTheChannel(ProviderEvent event) {
        return switch (event.type()) {
            case HEALTH,
                    QR,
                    SESSION_CONNECTED,
                    SESSION_DISCONNECTED,
                    PHONE_OFFLINE,
                    PHONE_ONLINE,
                    CONFLICT,
                    NUMBER_DISCONNECTED,
                    NUMBER_QUALITY,
                    BUSINESS_ACCOUNT -> true;
            default -> false;
        };
    }

    private static boolean endsAStall(ProviderEvent event) {
        return event.type() == ProviderEventType.MESSAGE_STATUS || event.type() == ProviderEventType.MESSAGE_RECEIVED;
    }

    private void apply(Channel channel, ProviderEvent event) {
        meters.counter("switchboard.provider.events", "type", String.valueOf(event.type()))
                .increment();
        if (channel != null && endsAStall(event)) {
            stalls.observed(channel, event);
            return;
        }
        if (!changesTheChannel(event)) {
            LOG.debugf(
                    "Provider event %s (%s) of channel %s kept, not acted upon here",
                    event.eventId(), event.providerEventName(), event.channelId());
            return;
        }
        if (channel == null || channel.deleted) {
            return;
        }
        if (event.type() == ProviderEventType.HEALTH) {
            health.applyHealth(channel, event);
        } else if (event.standing() != null) {
            standings.apply(channel, event);
        } else {
            sessionEvents.apply(channel, event);
        }
    }
}
