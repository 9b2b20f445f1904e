package io.switchboard.channel.billing;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.registry.ChannelRepository;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.events.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * NOT_PAID from billing puts every live channel of the account in NOT_PAID; PAID (or LOW_BALANCE, still paid)
 * returns each to its live connection status. An older billing event never overrides a newer one.
 */
@ApplicationScoped
public class BillingAccountConsumer {

    static final String CONSUMER = "channel-service.billing-account";

    private final Inbox inbox;
    private final AccountBillings billings;
    private final ChannelRepository channels;
    private final ChannelChanges changes;

    public BillingAccountConsumer(Inbox inbox, AccountBillings billings, ChannelRepository channels,
            ChannelChanges changes) {
        this.inbox = inbox;
        this.billings = billings;
        this.channels = channels;
        this.changes = changes;
    }

    @Incoming("billing-account-in")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, BillingAccountChanged.class, this::apply);
    }

    private void apply(BillingAccountChanged event) {
        AccountBilling billing = billings.locked(event.accountId()).orElseGet(() -> {
            AccountBilling created = new AccountBilling();
            created.accountId = event.accountId();
            created.version = Long.MIN_VALUE;
            return created;
        });
        if (event.version() <= billing.version) {
            return;
        }
        boolean paid = event.state() != BillingAccountState.NOT_PAID;
        billing.paid = paid;
        billing.state = event.state();
        billing.version = event.version();
        billing.updatedAt = event.occurredAt();
        billings.persist(billing);
        for (Channel channel : channels.lockedOfAccount(event.accountId())) {
            if (channel.paid != paid) {
                ChannelStatus previous = channel.effectiveStatus();
                channel.paid = paid;
                changes.record(channel, previous, StatusCause.BILLING,
                        paid ? "balance topped up" : "account not paid (balance " + event.balance() + " " + event.currency() + ")");
            }
        }
    }
}
