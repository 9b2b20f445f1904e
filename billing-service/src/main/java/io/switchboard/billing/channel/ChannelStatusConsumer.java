package io.switchboard.billing.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.platform.events.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the billed channels from {@code channel.status.v1}; an older version never overwrites a newer one. */
@ApplicationScoped
public class ChannelStatusConsumer {

    static final String CONSUMER = "billing-service.channel-status";

    private final Inbox inbox;
    private final BilledChannels channels;

    public ChannelStatusConsumer(Inbox inbox, BilledChannels channels) {
        this.inbox = inbox;
        this.channels = channels;
    }

    @Incoming("channel-status-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, ChannelStatusChanged.class, this::apply);
    }

    private void apply(ChannelStatusChanged event) {
        BilledChannel channel = channels.locked(event.channelId()).orElseGet(BilledChannel::new);
        if (channel.channelId != null && event.version() <= channel.version) {
            return;
        }
        channel.channelId = event.channelId();
        channel.accountId = event.accountId();
        channel.name = event.name();
        channel.status = event.status();
        channel.billable = BilledChannel.billable(event.status());
        channel.version = event.version();
        channel.updatedAt = event.occurredAt();
        channels.persist(channel);
    }
}
