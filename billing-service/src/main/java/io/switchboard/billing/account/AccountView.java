package io.switchboard.billing.account;

import io.switchboard.billing.money.Amounts;
import io.switchboard.contracts.billing.BillingAccountState;
import java.time.Instant;
import java.time.LocalDate;

/** An account as the API shows it. */
record AccountView(
        String accountId,
        String name,
        String currency,
        String timeZone,
        String tariff,
        int lowBalanceRunwayDays,
        String balance,
        BillingAccountState state,
        Integer runwayDays,
        LocalDate chargedThrough,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static AccountView of(Account account) {
        return new AccountView(
                account.accountId,
                account.name,
                account.currency,
                account.timeZone,
                Amounts.text(account.tariffMoney()),
                account.lowBalanceDays,
                Amounts.text(account.balanceMoney()),
                account.state,
                account.runwayDays,
                account.chargedThrough,
                account.version,
                account.createdAt,
                account.updatedAt);
    }
}
