package io.switchboard.billing.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One entry of an account's append-only ledger (the database refuses updates and deletes). */
@Entity
@Table(name = "ledger_entry")
@IdClass(LedgerEntry.Key.class)
public class LedgerEntry {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Id
    public long seq;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LedgerKind kind;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "balance_after", nullable = false)
    public BigDecimal balanceAfter;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public String fingerprint;

    public String reason;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "charge_day")
    public LocalDate chargeDay;

    @Column(name = "billed_seconds")
    public Integer billedSeconds;

    @Column(name = "day_seconds")
    public Integer daySeconds;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Key implements Serializable {
        public String accountId;
        public long seq;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.seq == seq && Objects.equals(key.accountId, accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, seq);
        }
    }
}
