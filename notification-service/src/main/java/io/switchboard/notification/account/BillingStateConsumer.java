package io.switchboard.notification.account;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.notification.curator.NotificationKind;
import io.switchboard.notification.delivery.Notice;
import io.switchboard.notification.delivery.Notifier;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the account's curators when its billing state changes (docs/product/channel-statuses.md): LOW_BALANCE,
 * NOT_PAID, and PAID after either. A repeat of the same state (a new balance, a new time zone) tells nothing; an older
 * version is dropped.
 */
@ApplicationScoped
class BillingStateConsumer implements PerEventConsumer<BillingAccountChanged> {

    private static final Subscription<BillingAccountChanged> SUBSCRIPTION =
            Subscription.of("billing-account", Streams.BILLING_ACCOUNT);

    private final AccountWatches zones;
    private final Notifier notifier;

    public BillingStateConsumer(AccountWatches zones, Notifier notifier) {
        this.zones = zones;
        this.notifier = notifier;
    }

    @Override
    public Subscription<BillingAccountChanged> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<BillingAccountChanged> received) {
        BillingAccountChanged event = received.payload();
        AccountWatch watch = zones.findById(event.accountId(), LockModeType.PESSIMISTIC_WRITE);
        BillingAccountState before = null;
        boolean first = watch == null;
        if (first) {
            watch = new AccountWatch();
            watch.accountId = event.accountId();
        } else if (event.version() <= watch.lastVersion) {
            return;
        } else {
            before = watch.state;
        }
        watch.lastVersion = event.version();
        watch.state = event.state();
        watch.timeZone = event.timeZone() == null ? "UTC" : event.timeZone();
        if (first) {
            zones.persist(watch);
        }
        if (event.state() == before || (event.state() == BillingAccountState.PAID && before == null)) {
            return;
        }
        if (before == BillingAccountState.NOT_PAID && event.state() == BillingAccountState.LOW_BALANCE) {
            // paid again, but not by much: the channels work again, and the balance is low
            notifier.tell(paidAgain(event));
        }
        notifier.tell(notice(event, before));
    }

    private Notice notice(BillingAccountChanged event, BillingAccountState before) {
        String balance = event.balance() + " " + event.currency();
        String runway = event.runwayDays() == null
                ? ""
                : " It lasts about " + days(event.runwayDays()) + " at the current tariff.";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", event.accountId());
        data.put("state", event.state().name());
        data.put("previousState", before == null ? null : before.name());
        data.put("balance", event.balance());
        data.put("currency", event.currency());
        data.put("runwayDays", event.runwayDays());
        data.put("occurredAt", event.occurredAt().toString());
        return switch (event.state()) {
            case LOW_BALANCE ->
                new Notice(
                        event.accountId(),
                        null,
                        NotificationKind.LOW_BALANCE,
                        "account.low-balance",
                        "Low balance: " + balance
                                + (event.runwayDays() == null ? "" : ", about " + days(event.runwayDays()) + " left"),
                        "The balance of your account is low: " + balance + "." + runway
                                + " Top up the balance so that your channels keep working.",
                        data);
            case NOT_PAID ->
                new Notice(
                        event.accountId(),
                        null,
                        NotificationKind.NOT_PAID,
                        "account.not-paid",
                        "Not paid: your channels are stopped",
                        "Not paid – you have run out of money on your balance (" + balance + ", since "
                                + zones.show(event.accountId(), event.occurredAt())
                                + "). Refill your account balance and"
                                + " active channels will start to work again. All frozen messages will be sent after"
                                + " activation.",
                        data);
            case PAID ->
                new Notice(
                        event.accountId(),
                        null,
                        NotificationKind.PAID,
                        "account.paid",
                        before == BillingAccountState.NOT_PAID
                                ? "Paid: your channels work again"
                                : "Balance topped up: " + balance,
                        (before == BillingAccountState.NOT_PAID
                                        ? "Your account is paid again: the balance is " + balance + "." + runway
                                                + " Your channels return to their connection status, and the messages frozen"
                                                + " meanwhile are sent."
                                        : "The balance of your account is " + balance + " again." + runway)
                                + " Nothing to do.",
                        data);
        };
    }

    private Notice paidAgain(BillingAccountChanged event) {
        BillingAccountChanged paid = new BillingAccountChanged(
                event.accountId(),
                BillingAccountState.PAID,
                event.balance(),
                event.currency(),
                event.runwayDays(),
                event.version(),
                event.occurredAt(),
                event.timeZone());
        return notice(paid, BillingAccountState.NOT_PAID);
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
