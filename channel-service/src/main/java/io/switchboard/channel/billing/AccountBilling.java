package io.switchboard.channel.billing;

import io.switchboard.contracts.billing.BillingAccountState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What billing.account.v1 last said of an account: whether its channels may work. */
@Entity
@Table(name = "account_billing")
public class AccountBilling {

    @Id
    @Column(name = "account_id")
    public String accountId;

    public boolean paid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BillingAccountState state;

    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
