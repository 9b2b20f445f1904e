package io.switchboard.billing.account;

import io.switchboard.billing.money.Amounts;
import io.switchboard.contracts.billing.BillingAccountState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An account: the tenant every service keys on. Its balance is a cache of the ledger (always the balance after its last
 * entry, which the database checks entry by entry); its state is what {@code billing.account.v1} last said.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String currency;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public BigDecimal tariff;

    @Column(name = "low_balance_days")
    public int lowBalanceDays;

    @Column(nullable = false)
    public BigDecimal balance;

    @Column(name = "last_seq")
    public long lastSeq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BillingAccountState state;

    @Column(name = "runway_days")
    public Integer runwayDays;

    public long version;

    @Column(name = "charged_through", nullable = false)
    public LocalDate chargedThrough;
    /** Charges cover the time up to here; the next day is charged from here (or from its start, if later). */
    @Column(name = "charged_until", nullable = false)
    public Instant chargedUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public CurrencyUnit currencyUnit() {
        return CurrencyUnit.of(currency);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Money balanceMoney() {
        return Amounts.stored(balance, currencyUnit());
    }

    public Money tariffMoney() {
        return Amounts.stored(tariff, currencyUnit());
    }
}
