package io.switchboard.billing.account;

import io.switchboard.billing.money.Amounts;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Keeps an account's state true to its balance, tariff and channels, and tells the others through the outbox: one
 * {@code billing.account.v1} event per change of state (so LOW_BALANCE once per crossing), each with the next version.
 * Callers hold the account's lock.
 */
@ApplicationScoped
public class AccountEvents {

    private static final Logger LOG = Logger.getLogger(AccountEvents.class);

    private final Outbox outbox;
    private final BillableChannels channels;
    private final Clock clock;

    public AccountEvents(Outbox outbox, BillableChannels channels, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.clock = clock;
    }

    /** Recomputes the state and runway of a locked account; a new state is announced. */
    public void reassess(Account account) {
        Standing standing = Standing.of(
                account.balanceMoney(),
                account.tariffMoney(),
                channels.enabledCount(account.accountId),
                account.lowBalanceDays);
        account.runwayDays = standing.runwayDays();
        if (standing.state() != account.state) {
            LOG.infof(
                    "Account %s: %s -> %s (balance %s %s, runway %s days)",
                    account.accountId,
                    account.state,
                    standing.state(),
                    Amounts.text(account.balanceMoney()),
                    account.currency,
                    Objects.toString(standing.runwayDays(), "-"));
            account.state = standing.state();
            announce(account);
        }
    }

    /** A new account's first state, announced whatever it is (version 1): the others learn of the account. */
    public void opened(Account account) {
        Standing standing = Standing.of(
                account.balanceMoney(),
                account.tariffMoney(),
                channels.enabledCount(account.accountId),
                account.lowBalanceDays);
        account.state = standing.state();
        account.runwayDays = standing.runwayDays();
        announce(account);
    }

    /** Announces the account as it is now (created, or its time zone changed): the next version. */
    public void announce(Account account) {
        account.version++;
        account.updatedAt = clock.instant();
        outbox.publish(
                Streams.BILLING_ACCOUNT,
                new BillingAccountChanged(
                        account.accountId,
                        account.state,
                        Amounts.text(account.balanceMoney()),
                        account.currency,
                        account.runwayDays,
                        account.version,
                        account.updatedAt,
                        account.timeZone));
    }
}
