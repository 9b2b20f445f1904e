package io.switchboard.billing.account;

import io.switchboard.contracts.billing.BillingAccountState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.joda.money.Money;

/**
 * Where an account stands: NOT_PAID at or below zero; LOW_BALANCE when the balance lasts fewer whole days than the
 * account's threshold at today's daily cost; PAID otherwise.
 *
 * @param runwayDays whole days the balance lasts at the tariff times the enabled channels (NOT_PAID ones included: they
 *        are charged again once paid); null when nothing would be charged
 */
record Standing(BillingAccountState state, Integer runwayDays) {

    public static Standing of(Money balance, Money tariff, long enabledChannels, int lowBalanceDays) {
        Money daily = tariff.multipliedBy(enabledChannels);
        Integer runway = daily.isZero()
                ? null
                : balance.isNegativeOrZero()
                        ? 0
                        : balance.getAmount()
                                .divide(daily.getAmount(), 0, RoundingMode.FLOOR)
                                .min(BigDecimal.valueOf(36_500))
                                .intValueExact();
        if (balance.isNegativeOrZero()) {
            return new Standing(BillingAccountState.NOT_PAID, runway);
        }
        if (runway != null && runway < lowBalanceDays) {
            return new Standing(BillingAccountState.LOW_BALANCE, runway);
        }
        return new Standing(BillingAccountState.PAID, runway);
    }
}
