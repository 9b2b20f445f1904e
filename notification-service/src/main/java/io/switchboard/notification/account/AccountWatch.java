package io.switchboard.notification.account;

import io.switchboard.contracts.billing.BillingAccountState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's last billing state (its curators are told of a change) and its time zone. */
@Entity
@Table(name = "account_watch")
public class AccountWatch {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "last_version", nullable = false)
    public long lastVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BillingAccountState state;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;
}
