package io.switchboard.channel.billing;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * NOT_PAID from billing puts every live channel of the account in NOT_PAID; PAID (or LOW_BALANCE, still paid)
 * returns each to its live connection status. An older billing event never overrides a newer one.
 */
@ApplicationScoped
class BillingAccountConsumer implements PerEventConsumer<BillingAccountChanged> {

    private static final Subscription<BillingAccountChanged> SUBSCRIPTION =
            Subscription.of("billing-account", Streams.BILLING_ACCOUNT).versioned();

    private final AccountBillings billings;
    private final Channels channels;
    private final ChannelChanges changes;

    public BillingAccountConsumer(AccountBillings billings, Channels channels, ChannelChanges changes) {
        this.billings = billings;
        this.channels = channels;
        this.changes = changes;
    }

    @Override
    public Subscription<BillingAccountChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<BillingAccountChanged> received) {
        BillingAccountChanged event = received.payload();
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
                changes.record(
                        channel,
                        previous,
                        StatusCause.BILLING,
                        paid
                                ? "balance topped up"
                                : "account not paid (balance " + event.balance() + " " + event.currency() + ")");
            }
        }
    }
}
