package io.switchboard.billing.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.billing.BillingAccountState;
import org.joda.money.Money;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where an account stands for a balance, tariff and number of enabled channels. */
@Tag("fast")
class StandingTest {

    private static final Money TARIFF = Money.parse("USD 1.50");

    @Test
    void atOrBelowZeroIsNotPaid() {
        assertThat(Standing.of(Money.parse("USD 0.00"), TARIFF, 2, 3))
                .isEqualTo(new Standing(BillingAccountState.NOT_PAID, 0));
        assertThat(Standing.of(Money.parse("USD -0.01"), TARIFF, 0, 3))
                .isEqualTo(new Standing(BillingAccountState.NOT_PAID, null));
    }

    @Test
    void fewerWholeDaysThanTheThresholdIsLowBalance() {
        // 2 channels at 1.50 = 3.00 a day: 8.99 lasts 2 whole days, 9.00 lasts 3
        assertThat(Standing.of(Money.parse("USD 8.99"), TARIFF, 2, 3))
                .isEqualTo(new Standing(BillingAccountState.LOW_BALANCE, 2));
        assertThat(Standing.of(Money.parse("USD 9.00"), TARIFF, 2, 3))
                .isEqualTo(new Standing(BillingAccountState.PAID, 3));
    }

    @Test
    void nothingChargedHasNoRunwayAndIsPaid() {
        assertThat(Standing.of(Money.parse("USD 0.01"), TARIFF, 0, 3))
                .isEqualTo(new Standing(BillingAccountState.PAID, null));
        assertThat(Standing.of(Money.parse("USD 0.01"), Money.parse("USD 0.00"), 4, 3))
                .isEqualTo(new Standing(BillingAccountState.PAID, null));
    }
}
